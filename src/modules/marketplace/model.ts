/**
 * The private marketplace's types. Only approved members take part; a listing's audience decides
 * which buyers may see it, and outside it the listing does not exist for them (404, never counted).
 */
export const MARKETPLACE_POLICY = {
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** A seller's blocked buyers listed at once (a seller blocks few). */
  blocksListMax: 1_000,
  /** A restricted listing names at most this many lists and buyers. */
  audienceListsMax: 20,
  audienceBuyersMax: 500,
  listMembersMax: 5_000,
  attributesBytesMax: 4_096,
  attributeKeyLengthMax: 64,
  /** Nearby candidates checked for visibility per query at most: a crowd of hidden listings costs bounded work. */
  nearbyCandidatesMax: 2_000,
  /** The k-nearest search's first radius; it grows fourfold. */
  nearestStartKm: 2,
  /** How often the nearby index reads the change feed, and rows per read. */
  feedIntervalMs: 250,
  feedPageRows: 5_000,
  /** Nearby candidates checked for visibility per query to PostgreSQL beyond a page and a quarter. */
  visibilityChunkMin: 4,
  /** The caches of listings and sellers (view.ts) and the watch that keeps them fresh (change-watch.ts). */
  cache: {
    listingsMax: 100_000,
    sellersMax: 20_000,
    /** How often the watch reads marketplace.changes. */
    intervalMs: 25,
    /** Caches answer only if a pass that started less than this ago applied every change; writers wait this long. */
    freshMs: 500,
    heartbeatMs: 1_000,
    /** A process trusts its caches only while its last heartbeat is this recent... */
    heartbeatValidMs: 3_000,
    /** ...and writers wait for processes whose heartbeat is this recent (well above the line before). */
    followerTtlMs: 10_000,
    /** Change rows are kept this long; a process cut off for half of it drops all its caches. */
    retentionMs: 600_000,
    pruneEveryMs: 60_000,
    /** A pass reads at most this many change rows; more, and the caches are dropped whole. */
    passRowsMax: 10_000,
    passTimeoutMs: 5_000,
    /** Sellers cached, counted in members held (blocked buyers and list members), not entries. */
    sellerMembersMax: 2_000_000,
    /** A listing or seller another module's transaction is changing is read uncached this long (the transaction's end, surely). */
    unsettledMs: 10_000,
    unsettledMax: 100_000,
  },
} as const;

export const LISTING_STATES = ['draft', 'active', 'sold', 'withdrawn'] as const;
export type ListingState = (typeof LISTING_STATES)[number];
export const CONDITIONS = ['new', 'like_new', 'good', 'fair', 'for_parts'] as const;

/** draft -> active -> sold | withdrawn; a draft may also be withdrawn. */
export const STATE_FROM: Record<ListingState, readonly ListingState[]> = {
  draft: [],
  active: ['draft'],
  sold: ['active'],
  withdrawn: ['draft', 'active'],
};

export type Audience =
  | { kind: 'all' }
  | { kind: 'hidden' }
  | { kind: 'restricted'; listIds: string[]; buyerIds: string[] };

export interface Listing {
  id: string;
  sellerId: string;
  title: string;
  description: string;
  category: string;
  priceMinor: number;
  currency: string;
  quantity: number;
  condition: (typeof CONDITIONS)[number];
  attributes: Record<string, unknown>;
  location: { lat: number; lng: number } | null;
  images: string[];
  /** The seller's cap on a surge multiplier, in basis points (10000 = 1x); null: no surge pricing. */
  surgeMaxBp: number | null;
  state: ListingState;
  audience: Audience;
  createdAt: string;
  updatedAt: string;
}

/** Who is reading: visibility is decided from this alone, on every read. */
export interface Viewer {
  memberId: string;
  admin: boolean;
  buyer: boolean;
}

/**
 * How search ranks (sort=score): a weighted sum of four terms, each between 0 and 1. Terms the
 * query does not ask about (text without `q`, distance without a point) are left out.
 */
export const RANKING = {
  weights: { text: 0.45, distance: 0.25, rating: 0.15, freshness: 0.15 },
  /** Distance term 1 / (1 + km / this): a listing this far away scores half of one next door. */
  distanceHalfKm: 10,
  /** Freshness term halves every this many days of age. */
  freshnessHalfLifeDays: 14,
  /** A seller's rating is a Bayesian average: as if it had these many ratings of this many stars too. */
  ratingPriorCount: 5,
  ratingPriorStars: 3.5,
  /** pg_trgm word similarity at or above which a title matches the query despite typos. */
  trigramThreshold: 0.3,
} as const;

export const SORTS = ['score', 'newest', 'price_asc', 'price_desc'] as const;
export type Sort = (typeof SORTS)[number];
