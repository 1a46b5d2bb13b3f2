-- Units set aside for open auctions: not for sale to others, but the listing stays active (and so
-- visible to its audience, who bid) until the last of them is settled.
ALTER TABLE marketplace.listings ADD COLUMN reserved_units integer NOT NULL DEFAULT 0 CHECK (reserved_units >= 0);
