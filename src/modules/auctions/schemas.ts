import { Type } from 'typebox';
import { PageQuery, Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { AUCTION_POLICY } from './service.js';

const Minor = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const CreateAuctionBody = Strict({
  kind: Type.Optional(Type.Enum(['english', 'sealed_first', 'sealed_second'] as const, {
    default: 'english', description: 'english: open ascending bids with proxies; sealed_first / sealed_second: one hidden bid each (raised by bidding again), revealed at the close; the highest pays its own bid, or the second-highest',
  })),
  listingId: Uuid,
  startPriceMinor: Minor,
  reserveMinor: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Hidden from bidders: they see only whether it is met' })),
  buyNowMinor: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Ends the auction at this price for the first buyer who takes it, while bidding is below it' })),
  increments: Type.Optional(Type.Array(Strict({ fromMinor: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), incrementMinor: Minor }), {
    minItems: 1, maxItems: AUCTION_POLICY.incrementBandsMax, description: 'The least raise by price band; the first band from 0. Default: 100 below 10,000; 500 to 100,000; 2,500 to 1,000,000; 10,000 above',
  })),
  endsAt: Type.String({ format: 'date-time' }),
  antiSniping: Type.Optional(Strict({
    windowS: Type.Integer({ minimum: 0, maximum: 3_600 }), extendS: Type.Integer({ minimum: 0, maximum: 3_600 }),
  }, { description: 'A bid in the last windowS seconds moves the end to extendS seconds after it (default 120 and 120)' })),
});

export const AuctionSchema = Type.Object({
  id: Uuid, listingId: Uuid, sellerId: Uuid, title: Type.String(), currency: Type.String(), kind: Type.Enum(['english', 'sealed_first', 'sealed_second'] as const),
  startPriceMinor: Type.Integer(), priceMinor: Type.Integer({ description: 'What the leader pays if the auction ended now (sealed: the start price until the close reveals it)' }),
  minimumBidMinor: Type.Union([Type.Integer(), Type.Null()], { description: 'The least a new bid may be; null once closed' }),
  bidCount: Type.Integer(), leading: Type.Boolean({ description: 'You lead' }),
  yourMaxMinor: Type.Union([Type.Integer(), Type.Null()], { description: 'Your proxy maximum, when you lead; sealed: your standing bid' }),
  reserve: Type.Union([Type.Object({ met: Type.Boolean(), reserveMinor: Type.Optional(Type.Integer({ description: 'Only for the seller' })) }), Type.Null()]),
  buyNowMinor: Type.Union([Type.Integer(), Type.Null()], { description: 'While available' }),
  antiSniping: Type.Object({ windowS: Type.Integer(), extendS: Type.Integer() }),
  endsAt: Timestamp, state: Type.Enum(['open', 'closed'] as const),
  outcome: Type.Union([Type.Enum(['sold', 'bought_now', 'no_bids', 'reserve_not_met'] as const), Type.Null()]),
  orderId: Type.Union([Uuid, Type.Null()], { description: 'The sale\'s order: for its buyer and the seller' }),
  createdAt: Timestamp, closedAt: Type.Union([Timestamp, Type.Null()]),
});

export const BidBody = Strict({ maxMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The most you will pay: your proxy raises your bid up to it, one increment at a time. Held in your wallet while you lead.' }) });
export const BidSchema = Type.Object({
  bidId: Uuid, outcome: Type.Enum(['leading', 'outbid', 'sealed'] as const, { description: 'sealed: received, revealed at the close' }), priceMinor: Type.Integer(), minimumBidMinor: Type.Integer(), endsAt: Timestamp,
});
export const BuyNowSchema = Type.Object({ orderId: Uuid, priceMinor: Type.Integer() });

export const AuctionListQuery = Strict({
  as: Type.Optional(Type.Enum(['seller', 'bidder'] as const, { description: 'seller: your own auctions; bidder: those you bid on' })),
  listingId: Type.Optional(Uuid),
  state: Type.Optional(Type.Enum(['open', 'closed'] as const)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: PageQuery.cursor,
});

/** Bids the public history shows at most. */
export const PUBLIC_BIDS_MAX = 100;
export const PublicBidSchema = Type.Object({ seq: Type.Integer(), priceAfterMinor: Type.Integer(), yours: Type.Boolean(), at: Timestamp });
