import assert from 'node:assert';

/**
 * Groups concurrent requests (wallet transfers, wheel spins) into batches: while a batch is being committed, new
 * requests queue, and the next batch takes all of them (up to batchMax). A lone request goes out at
 * once, so grouping adds no waiting when the system is idle; under load it turns many commits into
 * a few. Each caller's promise settles only after its batch has committed.
 *
 * Items with the same key never share a batch or run in two batches at once: the later one waits
 * for the earlier to finish, so a retried id is answered as a replay, not a lock conflict.
 *
 * Optionally, items also have a conflict key (the rows they will lock, such as a member's
 * progress): items with one conflict key may share a batch, but two batches in flight never share
 * one. Otherwise the second batch would wait for the first's locks, and batches in flight would
 * run one after the other instead of side by side.
 */
export interface GroupCommitPolicy {
  batchMax: number;
  inFlightMax: number;
  /** Requests waiting beyond this are refused at once (back-pressure) instead of queueing forever. */
  queueMax: number;
}

export class QueueFullError extends Error {}

interface Pending<TIn, TOut> {
  key: string;
  conflict: string | undefined;
  item: TIn;
  resolve: (out: TOut) => void;
  reject: (err: unknown) => void;
}

export class GroupCommitter<TIn, TOut> {
  private queue: Pending<TIn, TOut>[] = [];
  private inFlight = 0;
  private readonly busyKeys = new Set<string>();
  /** Conflict keys of the batches in flight. */
  private readonly heldConflicts = new Set<string>();
  /** Batch sizes flushed so far, for metrics and benchmarks. */
  readonly stats = { batches: 0, items: 0 };

  constructor(
    private readonly policy: GroupCommitPolicy,
    private readonly keyOf: (item: TIn) => string,
    /** One result per item: a value, or an Error for that item alone. Throwing fails the whole batch. */
    private readonly flush: (items: TIn[]) => Promise<(TOut | Error)[]>,
    private readonly conflictKeyOf: ((item: TIn) => string) | null = null,
  ) {
    assert(policy.batchMax >= 1 && policy.inFlightMax >= 1);
  }

  /** Resolves once nothing is queued or in flight (for shutdown, after new requests have stopped). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  submit(item: TIn): Promise<TOut> {
    if (this.queue.length >= this.policy.queueMax) return Promise.reject(new QueueFullError('group commit queue is full'));
    return new Promise<TOut>((resolve, reject) => {
      this.queue.push({ key: this.keyOf(item), conflict: this.conflictKeyOf?.(item), item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.policy.inFlightMax && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.run(batch);
    }
  }

  /** The next batch: queued items whose keys are free, in arrival order. */
  private take(): Pending<TIn, TOut>[] {
    const batch: Pending<TIn, TOut>[] = [];
    const rest: Pending<TIn, TOut>[] = [];
    const conflicts = new Set<string>();
    for (const p of this.queue) {
      const conflict = p.conflict;
      if (batch.length < this.policy.batchMax && !this.busyKeys.has(p.key) && (conflict === undefined || !this.heldConflicts.has(conflict))) {
        this.busyKeys.add(p.key);
        if (conflict !== undefined) conflicts.add(conflict);
        batch.push(p);
      } else {
        rest.push(p);
      }
    }
    for (const c of conflicts) this.heldConflicts.add(c);
    this.queue = rest;
    return batch;
  }

  private async run(batch: Pending<TIn, TOut>[]): Promise<void> {
    this.stats.batches += 1;
    this.stats.items += batch.length;
    try {
      const results = await this.flush(batch.map((p) => p.item));
      assert(results.length === batch.length, 'a flush returns one result per item');
      batch.forEach((p, i) => {
        const result = results[i]!;
        if (result instanceof Error) p.reject(result);
        else p.resolve(result);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      for (const p of batch) {
        this.busyKeys.delete(p.key);
        if (p.conflict !== undefined) this.heldConflicts.delete(p.conflict);
      }
      this.inFlight -= 1;
      this.pump();
    }
  }
}
