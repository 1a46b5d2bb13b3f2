-- The auction lists (GET /v1/auctions): a seller's own, a bidder's, a listing's, newest first.
CREATE INDEX auctions_seller ON auctions.auctions (seller_id, created_at DESC, id DESC);
CREATE INDEX auctions_listing ON auctions.auctions (listing_id, created_at DESC, id DESC);
CREATE INDEX bids_bidder ON auctions.bids (bidder_id, auction_id);
CREATE INDEX sealed_bids_bidder ON auctions.sealed_bids (bidder_id);
