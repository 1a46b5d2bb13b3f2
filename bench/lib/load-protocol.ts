/** Messages between the benchmark process and the load-generator child (see load.ts). */
export interface LoadJob {
  id: number;
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  /** POST a fresh wallet transfer on every request instead of a fixed GET. */
  transfers?: TransferLoad;
  /** POST a fresh spin (`{id}`) on every request, as a member picked at random from these keys. */
  spins?: { memberKeys: string[] };
  /** POST `batchSize` fresh rewards events per request (see EventLoad). */
  events?: EventLoad;
  /** POST a bid on every request (see BidLoad). */
  bids?: BidLoad;
  /** POST one of these JSON bodies, picked at random, on every request. */
  bodies?: string[];
  /** GET one of these paths (on `url`), picked at random, on every request. */
  paths?: string[];
}

/**
 * Rewards events of `type` for members picked at random, each watching a video picked at random
 * from `videos`; every event gets a new id. One event is sent bare, more as {"events": [...]}.
 */
export interface EventLoad {
  memberIds: string[];
  batchSize: number;
  type: string;
  videos: number;
}

/**
 * Bids as a member picked at random from `memberKeys`: the n-th request's maximum is
 * `startMinor + n * stepMinor` plus up to one step at random, so bids mostly rise and most are
 * accepted, while requests in flight together still race.
 */
export interface BidLoad {
  memberKeys: string[];
  startMinor: number;
  stepMinor: number;
}

/**
 * Transfers of `amount` between random accounts `<prefix><0..count-1>`; `hotPercent` of them are
 * paid out of `hotAccount` instead (the rewards-pool case). Every request gets a new uuid id.
 */
export interface TransferLoad {
  accountPrefix: string;
  accountCount: number;
  hotAccount: string | null;
  hotPercent: number;
  amount: number;
}

export interface LoadResult {
  /** Mean of autocannon's per-second samples of completed requests. */
  requestsPerSec: number;
  requestsTotal: number;
  /** Latencies of 2xx responses only, in whole milliseconds (autocannon's histogram resolution). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** CPU time the load generator itself used, as a percentage of one core over the run. */
  loadgenCpuPercent: number;
}

export type ChildMessage =
  | { kind: 'result'; id: number; result: LoadResult }
  | { kind: 'failed'; id: number; message: string };
