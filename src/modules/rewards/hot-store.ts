import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';

/**
 * The rewards engine's fast memory, in Redis when REDIS_URL is set and in process otherwise. It
 * holds two things, neither of which money depends on:
 *  - settled keys: checkpoints already met and milestones already completed in a window. Those
 *    facts never become false, so an event that only touches settled keys can change nothing and is
 *    answered without touching PostgreSQL. That is the high-velocity path: a daily "watch 100
 *    videos" goal costs PostgreSQL writes only until it is reached.
 *  - distinct participants per game and day, as HyperLogLog estimates (analytics only).
 * Losing either costs speed or an estimate, never a payout: PostgreSQL decides every completion.
 */
export interface RewardsHotStore {
  readonly kind: 'redis' | 'memory';
  /** For each key, whether it is known to be settled; unknown (or the store failing) is false. */
  settled(keys: readonly string[]): Promise<boolean[]>;
  markSettled(entries: readonly { key: string; ttlMs: number }[]): Promise<void>;
  addParticipants(key: string, memberIds: readonly string[], ttlMs: number): Promise<void>;
  countParticipants(keys: readonly string[]): Promise<number[]>;
  close(): Promise<void>;
}

/** The HyperLogLog of a game's distinct participants on a UTC day. */
export const participantsKey = (gameId: string, day: string) => `participants:${gameId}:${day}`;

export const HOT_STORE_POLICY = {
  memoryKeysMax: 500_000,
  memoryHllMax: 10_000,
  /** How long the Redis store trusts a "not settled" answer it got (see RedisHotStore.known). */
  unknownTtlMs: 5_000,
} as const;

/** MurmurHash3 (x86, 32 bits) of a string's UTF-16 code units. */
function murmur3(value: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < value.length; i++) {
    let k = Math.imul(value.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h ^= value.length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A HyperLogLog with 2^14 registers (about 0.8% standard error), as Redis uses. The hash needs to
 * spread values evenly, not to resist anyone: two seeded MurmurHash3 passes cost a tenth of a
 * SHA-1 through node:crypto, which was most of the analytics' cost per event.
 */
export class HyperLogLog {
  private static readonly P = 14;
  private readonly registers = new Uint8Array(1 << HyperLogLog.P);

  add(value: string): void {
    const index = murmur3(value, 0x9747b28c) >>> (32 - HyperLogLog.P);
    // The rank is the position of the first 1 bit in 32 further hash bits (ample below 2^40 items).
    const rank = Math.clz32(murmur3(value, 0x5bd1e995)) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  count(): number {
    const m = this.registers.length;
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros += 1;
    }
    const estimate = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
    // Small cardinalities: linear counting is more accurate.
    return Math.round(estimate <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : estimate);
  }
}

export class MemoryHotStore implements RewardsHotStore {
  readonly kind = 'memory' as const;
  private readonly keys = new LRUCache<string, true>({ max: HOT_STORE_POLICY.memoryKeysMax });
  private readonly hlls = new LRUCache<string, HyperLogLog>({ max: HOT_STORE_POLICY.memoryHllMax });

  async settled(keys: readonly string[]): Promise<boolean[]> {
    return keys.map((k) => this.keys.get(k) === true);
  }

  async markSettled(entries: readonly { key: string; ttlMs: number }[]): Promise<void> {
    for (const e of entries) this.keys.set(e.key, true, { ttl: e.ttlMs });
  }

  async addParticipants(key: string, memberIds: readonly string[], ttlMs: number): Promise<void> {
    let hll = this.hlls.get(key);
    if (!hll) this.hlls.set(key, (hll = new HyperLogLog()), { ttl: ttlMs });
    for (const id of memberIds) hll.add(id);
  }

  async countParticipants(keys: readonly string[]): Promise<number[]> {
    return keys.map((k) => this.hlls.get(k)?.count() ?? 0);
  }

  async close(): Promise<void> {
    this.keys.clear();
  }
}

export class RedisHotStore implements RewardsHotStore {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;

  /** `prefix` keeps deployments (and test files) sharing one Redis apart. */
  constructor(url: string, private readonly prefix = 'trove:rw:', private readonly log: Logger | null = null) {
    // Fail fast instead of queueing: the store is an accelerator, and a slow answer is worse than none.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 });
    this.redis.on('error', (err) => this.log?.warn({ err }, 'redis error'));
  }

  /**
   * What Redis answered, remembered here: a settled key for good (settled facts never become false,
   * and keys name their window), an unknown one for unknownTtlMs. A key settled meanwhile by another
   * process then sends an event to PostgreSQL, which decides it the same: it costs speed, never a
   * payout. Most batches' lookups (two keys an event) are answered here instead of by Redis.
   */
  private readonly known = new LRUCache<string, boolean>({ max: HOT_STORE_POLICY.memoryKeysMax, ttl: HOT_STORE_POLICY.unknownTtlMs, ttlAutopurge: false });

  async settled(keys: readonly string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    try {
      const answers = keys.map((k) => this.known.get(k));
      const asking = keys.filter((_, i) => answers[i] === undefined);
      if (asking.length === 0) return answers as boolean[];
      const values = await this.redis.mget(asking.map((k) => this.prefix + k));
      let j = 0;
      return answers.map((known, i) => {
        if (known !== undefined) return known;
        const settled = values[j++] !== null;
        this.known.set(keys[i]!, settled, { ttl: settled ? 0 : HOT_STORE_POLICY.unknownTtlMs });
        return settled;
      });
    } catch (err) {
      this.log?.warn({ err }, 'redis settled-key lookup failed; treating keys as unknown');
      return keys.map(() => false);
    }
  }

  async markSettled(entries: readonly { key: string; ttlMs: number }[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const e of entries) {
      pipeline.set(this.prefix + e.key, '1', 'PX', Math.max(1, Math.round(e.ttlMs)));
      this.known.set(e.key, true, { ttl: 0 });
    }
    await pipeline.exec().catch((err: unknown) => this.log?.warn({ err }, 'redis markSettled failed'));
  }

  async addParticipants(key: string, memberIds: readonly string[], ttlMs: number): Promise<void> {
    if (memberIds.length === 0) return;
    await this.redis.pipeline().pfadd(this.prefix + key, ...memberIds).pexpire(this.prefix + key, ttlMs).exec()
      .catch((err: unknown) => this.log?.warn({ err }, 'redis pfadd failed'));
  }

  async countParticipants(keys: readonly string[]): Promise<number[]> {
    const pipeline = this.redis.pipeline();
    for (const k of keys) pipeline.pfcount(this.prefix + k);
    try {
      const results = (await pipeline.exec()) ?? [];
      return results.map(([err, n]) => (err ? 0 : Number(n)));
    } catch (err) {
      this.log?.warn({ err }, 'redis pfcount failed; reporting no participants');
      return keys.map(() => 0);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export function createHotStore(redisUrl: string | undefined, log: Logger | null, prefix?: string): RewardsHotStore {
  return redisUrl ? new RedisHotStore(redisUrl, prefix, log) : new MemoryHotStore();
}
