/**
 * The contract between `bench/run.ts` and a benchmark module `bench/<name>.ts`. A module exports
 * `run()` (and optionally a one-line `description`); the runner adds the machine, the date and
 * the printing, so a benchmark only measures.
 */
export type Cell = string | number | null;

/** One line of the results table; keys are column titles, in the order they should print. */
export type Row = Record<string, Cell>;

export interface BenchResult {
  rows: Row[];
  /** Figures derived from the rows (ratios and the like), printed under the table. */
  summary?: Record<string, Cell>;
  /** The knobs this run used (durations, connections, ...), so a result can be reproduced. */
  settings?: Record<string, Cell>;
  /** `SHOW server_version` of the PostgreSQL the benchmark talked to, if it used one. */
  postgresVersion?: string;
  notes?: string[];
}

export interface BenchModule {
  description?: string;
  run(): Promise<Row[] | BenchResult>;
}
