/** Messages between the benchmark process and the load-generator child (see load.ts). */
export interface LoadJob {
  id: number;
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
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
