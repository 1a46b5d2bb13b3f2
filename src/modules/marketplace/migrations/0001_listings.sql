-- The private marketplace: listings, who may see them (audiences, buyer lists, blocks).
-- Visibility is decided in SQL from the caller's identity on every read (store.visibleTo).
CREATE SCHEMA marketplace;

CREATE TABLE marketplace.listings (
  id             uuid        PRIMARY KEY,
  seller_id      uuid        NOT NULL REFERENCES members.members (id),
  title          text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description    text        NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
  category       text        NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
  price_minor    bigint      NOT NULL CHECK (price_minor >= 0),
  currency       text        NOT NULL CHECK (currency ~ '^[A-Z][A-Z0-9_]{1,15}$'),
  quantity       integer     NOT NULL CHECK (quantity >= 0),
  condition      text        NOT NULL CHECK (condition IN ('new', 'like_new', 'good', 'fair', 'for_parts')),
  -- The API keeps attributes under 4,096 bytes of compact JSON; jsonb's text form adds spaces, so
  -- the backstop here is looser.
  attributes     jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object' AND octet_length(attributes::text) <= 16384),
  lat            double precision CHECK (lat BETWEEN -90 AND 90),
  lng            double precision CHECK (lng BETWEEN -180 AND 180),
  images         text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(images) <= 20),
  state          text        NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'active', 'sold', 'withdrawn')),
  -- all: every approved buyer; restricted: the listing's buyer lists and named buyers; hidden: nobody.
  visibility     text        NOT NULL DEFAULT 'all' CHECK (visibility IN ('all', 'restricted', 'hidden')),
  search         tsvector    GENERATED ALWAYS AS (
                   setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')) STORED,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX listings_browse ON marketplace.listings (created_at DESC, id DESC) WHERE state = 'active';
CREATE INDEX listings_seller ON marketplace.listings (seller_id, created_at DESC, id DESC);
CREATE INDEX listings_search ON marketplace.listings USING gin (search);

-- A seller's named lists of buyers ("wholesale customers"), used as audiences.
CREATE TABLE marketplace.buyer_lists (
  id         uuid        PRIMARY KEY,
  seller_id  uuid        NOT NULL REFERENCES members.members (id),
  name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (seller_id, name)
);

CREATE TABLE marketplace.buyer_list_members (
  list_id  uuid NOT NULL REFERENCES marketplace.buyer_lists (id) ON DELETE CASCADE,
  buyer_id uuid NOT NULL REFERENCES members.members (id),
  PRIMARY KEY (list_id, buyer_id)
);
CREATE INDEX buyer_list_members_buyer ON marketplace.buyer_list_members (buyer_id);

-- A restricted listing's audience: its lists and its named buyers.
CREATE TABLE marketplace.listing_lists (
  listing_id uuid NOT NULL REFERENCES marketplace.listings (id) ON DELETE CASCADE,
  list_id    uuid NOT NULL REFERENCES marketplace.buyer_lists (id) ON DELETE CASCADE,
  PRIMARY KEY (listing_id, list_id)
);
CREATE TABLE marketplace.listing_buyers (
  listing_id uuid NOT NULL REFERENCES marketplace.listings (id) ON DELETE CASCADE,
  buyer_id   uuid NOT NULL REFERENCES members.members (id),
  PRIMARY KEY (listing_id, buyer_id)
);

-- A blocked buyer sees nothing of the seller, whatever the listing's audience.
CREATE TABLE marketplace.seller_blocks (
  seller_id  uuid        NOT NULL REFERENCES members.members (id),
  buyer_id   uuid        NOT NULL REFERENCES members.members (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (seller_id, buyer_id)
);
