import { cartFacts, channelBit, packedChecks, packedHold, spendFailure, targetsOrFailures, type CartFacts, type Lines, type LinesById } from './conditions.js';
import type { Action, Cart, Condition, Failure, Promotion } from './model.js';
import { IdTable } from './id-table.js';
import { candidate, type Candidate } from './pricing.js';
import { flagsOf, GroupNumbers, orderKey } from './traits.js';

/**
 * The in-memory search index: the original design's hash maps by seller and campaign plus an
 * "others" list, extended with products, categories and brands. A promotion is filed under one
 * dimension of its line conditions, the most selective it has (products, then sellers, campaigns,
 * brands, categories), under each of that condition's ids. A line a promotion targets meets every
 * line condition, so it meets the filed one: looking up each cart line's product, seller,
 * campaigns, brand and category, plus the others, finds every promotion that can apply.
 * Promotions without line conditions are the others. Changes are applied one at a time (upsert,
 * remove): there is never a full rebuild after the start.
 *
 * What a lookup reads is packed: a bucket is an array of slot numbers, and each slot has a record
 * of 64 bytes (its order key, group, flags and its common conditions as numbers). Most promotions
 * (at most one line condition naming one id; minimum amount, window and channel) are judged from
 * the record alone, and a candidate carries the promotion's id, its (shared) action and its traits:
 * the promotion's own objects, each a cache miss at a million promotions, are read only when its
 * conditions are evaluated one by one.
 */
const DIMENSIONS = ['products', 'sellers', 'campaigns', 'brands', 'categories'] as const;
type Dimension = (typeof DIMENSIONS)[number];
/** A dimension's number in the table of buckets (its place in DIMENSIONS). */
const DIM = { products: 0, sellers: 1, campaigns: 2, brands: 3, categories: 4 } as const satisfies Record<Dimension, number>;
type LineCondition = Extract<Condition, { kind: Dimension }>;

const STRIDE = 8;
const AT = { order: 0, minAmount: 1, fromMs: 2, toMs: 3, channels: 4, flags: 5, group: 6 } as const;
/** Above the traits' flags: judged from the record alone; filed under more than one id (a cart may meet it twice). */
const PACKED = 1 << 8;
const MULTI = 1 << 9;

/** The slots filed under one id (or the others). */
type Bucket = number[];

export interface NotApplied {
  promotionId: string;
  failures: Failure[];
}

/** The promotions, their records and buckets. compact() lays out a new one bucket by bucket. */
class Store {
  readonly slotOf = new Map<string, number>();
  readonly promotions: (Promotion | null)[] = [];
  /** Per slot, the promotion's id and its action (a shared one: sharedActions), which pricing reads without the promotion. */
  readonly ids: (string | null)[] = [];
  readonly actions: (Action | null)[] = [];
  /**
   * Equal actions as one object (by their JSON), counted: a market's promotions use few distinct
   * actions (10 % off, 50 off...), and shared ones stay in the processor's cache where a million
   * copies would each be a miss.
   */
  private readonly sharedActions = new Map<string, { action: Action; uses: number }>();
  records = new Float64Array(STRIDE * 1024);
  /** Per slot, the last lookup that returned it: kept for MULTI promotions only. */
  stamps = new Float64Array(1024);
  private readonly free: number[] = [];
  /** The buckets by dimension and id. */
  readonly buckets = new IdTable<Bucket>();
  readonly others: Bucket = [];

  constructor(private readonly groups: GroupNumbers) {}

  insert(p: Promotion): void {
    const slot = this.free.pop() ?? this.promotions.length;
    if (slot >= this.stamps.length) this.grow();
    this.slotOf.set(p.id, slot);
    this.promotions[slot] = p;
    this.ids[slot] = p.id;
    this.actions[slot] = this.share(p.action);
    this.stamps[slot] = 0;
    const filed = fileUnder(p);
    const checks = packedChecks(p);
    const r = slot * STRIDE;
    const rec = this.records;
    rec[r + AT.order] = orderKey(p);
    rec[r + AT.group] = this.groups.of(p.exclusivityGroup);
    rec[r + AT.flags] = flagsOf(p) | (checks ? PACKED : 0) | (filed && filed.ids.length > 1 ? MULTI : 0);
    rec[r + AT.minAmount] = checks?.minAmountMinor ?? 0;
    rec[r + AT.fromMs] = checks?.fromMs ?? 0;
    rec[r + AT.toMs] = checks?.toMs ?? 0;
    rec[r + AT.channels] = checks?.channels ?? 0;
    if (!filed) this.others.push(slot);
    else for (const id of filed.ids) {
      const dim = DIM[filed.dimension];
      let bucket = this.buckets.get(dim, id);
      if (!bucket) this.buckets.set(dim, id, (bucket = []));
      bucket.push(slot);
    }
  }

  delete(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const filed = fileUnder(this.promotions[slot]!);
    const unfile = (bucket: Bucket | undefined) => bucket?.splice(bucket.indexOf(slot), 1);
    if (!filed) unfile(this.others);
    else for (const key of filed.ids) {
      const dim = DIM[filed.dimension];
      const bucket = this.buckets.get(dim, key);
      unfile(bucket);
      if (bucket?.length === 0) this.buckets.delete(dim, key);
    }
    this.unshare(this.actions[slot]!);
    this.slotOf.delete(id);
    this.promotions[slot] = null;
    this.ids[slot] = null;
    this.actions[slot] = null;
    this.free.push(slot);
  }

  private share(action: Action): Action {
    const key = JSON.stringify(action);
    const shared = this.sharedActions.get(key);
    if (shared) {
      shared.uses += 1;
      return shared.action;
    }
    this.sharedActions.set(key, { action, uses: 1 });
    return action;
  }

  private unshare(action: Action): void {
    const key = JSON.stringify(action);
    const shared = this.sharedActions.get(key)!;
    if (--shared.uses === 0) this.sharedActions.delete(key);
  }

  private grow(): void {
    const records = new Float64Array(this.records.length * 2);
    records.set(this.records);
    this.records = records;
    const stamps = new Float64Array(this.stamps.length * 2);
    stamps.set(this.stamps);
    this.stamps = stamps;
  }

  /**
   * The distinct buckets a cart looks up (others first, then line by line) into `buckets`, with the
   * lines each one's id names (`lines`). A bucket is taken at the first line with its id.
   */
  bucketsOf(cart: Cart, facts: CartFacts, buckets: Bucket[], lines: Lines[]): void {
    buckets.push(this.others);
    lines.push(facts.allLines);
    const { dims, ids, lineOf, found } = wanted;
    let n = 0;
    const want = (dim: number, id: string, i: number) => {
      dims[n] = dim;
      ids[n] = id;
      lineOf[n++] = i;
    };
    for (let i = 0; i < cart.lines.length; i++) {
      const line = cart.lines[i]!;
      want(DIM.products, line.productId, i);
      want(DIM.sellers, line.sellerId, i);
      want(DIM.brands, line.brandId, i);
      want(DIM.categories, line.categoryId, i);
      // A line naming a campaign twice still meets it once.
      const campaigns = line.campaignIds ?? [];
      for (let k = 0; k < campaigns.length; k++) if (campaigns.indexOf(campaigns[k]!) === k) want(DIM.campaigns, campaigns[k]!, i);
    }
    this.buckets.getMany(dims, ids, n, found);
    for (let k = 0; k < n; k++) see(found[k], facts.linesBy[DIMENSIONS[dims[k]!]!], ids[k]!, lineOf[k]!, buckets, lines);
    ids.length = found.length = 0;
  }

  /** Whether the lookup stamped `stamp` has this slot already (a MULTI promotion seen through another id); marks it seen. */
  seen(slot: number, flags: number, stamp: number): boolean {
    if (!(flags & MULTI)) return false;
    if (this.stamps[slot] === stamp) return true;
    this.stamps[slot] = stamp;
    return false;
  }
}

export class PromotionIndex {
  private readonly groups = new GroupNumbers();
  private store = new Store(this.groups);
  /** Numbers each lookup: a slot already stamped with it is already in the answer. */
  private lookup = 0;
  /** While compact() runs: what changed meanwhile (null: removed), applied to the new layout when it is done. */
  private changedWhileLaying: Map<string, Promotion | null> | null = null;
  private laying: Promise<void> | null = null;

  get size(): number {
    return this.store.slotOf.size;
  }

  upsert(promotion: Promotion): void {
    this.store.delete(promotion.id);
    this.store.insert(promotion);
    this.changedWhileLaying?.set(promotion.id, promotion);
  }

  remove(id: string): void {
    this.store.delete(id);
    this.changedWhileLaying?.set(id, null);
  }

  /** Every promotion that can apply to the cart (and some that cannot: conditions decide). */
  candidates(cart: Cart): Promotion[] {
    const s = this.store;
    const stamp = ++this.lookup;
    const buckets: Bucket[] = [];
    s.bucketsOf(cart, cartFacts(cart), buckets, []);
    const found: Promotion[] = [];
    for (const bucket of buckets) {
      for (const slot of bucket) if (!s.seen(slot, s.records[slot * STRIDE + AT.flags]!, stamp)) found.push(s.promotions[slot]!);
    }
    return found;
  }

  /**
   * Every promotion that can apply to the cart, judged: those that apply into `applicable` (as
   * candidates, unsorted), the others with why into `notApplied`. The same verdicts as
   * `targetsOrFailures` on each of `candidates(cart)`: a packed promotion whose checks fail is
   * judged again in full, for its failures. Without `explain`, only a near miss among those (it
   * failed on the minimum amount alone) is listed, with that one failure, read off its record.
   */
  gather(cart: Cart, facts: CartFacts, applicable: Candidate[], notApplied: NotApplied[], explain: boolean): void {
    // Synchronous, so no other lookup can stamp meanwhile; a stamp costs no allocation.
    const s = this.store;
    const stamp = ++this.lookup;
    const cartChannel = channelBit(cart.channel);
    // A cart without a valid time: every promotion is judged in full, as the evaluators would.
    const packable = Number.isFinite(facts.atMs);
    const rec = s.records;
    const buckets: Bucket[] = [];
    const targets: Lines[] = [];
    s.bucketsOf(cart, facts, buckets, targets);
    // Each bucket's first record, all of them before any is used: their misses overlap (see touchAhead).
    let first = 0;
    for (const bucket of buckets) if (bucket.length > 0) first += rec[bucket[0]! * STRIDE]!;
    touchedAhead = first;
    /** Slots whose conditions are evaluated one by one (not packed, or a packed check failed: for the failures). */
    const judged: number[] = [];
    for (let b = 0; b < buckets.length; b++) {
      const lines = targets[b]!;
      for (const slot of buckets[b]!) {
        const r = slot * STRIDE;
        const flags = rec[r + AT.flags]!;
        if (s.seen(slot, flags, stamp)) continue;
        if (!packable || (flags & PACKED) === 0 || !packedHold(rec[r + AT.minAmount]!, rec[r + AT.fromMs]!, rec[r + AT.toMs]!, rec[r + AT.channels]!, facts, cartChannel)) judged.push(slot);
        else applicable.push(candidate(s.promotions[slot]!, s.ids[slot]!, s.actions[slot]!, lines, flags, rec[r + AT.group]!, rec[r + AT.order]!));
      }
    }
    /** Whether a judged promotion is evaluated condition by condition (else only a near miss needs its failure). */
    const inFull = (slot: number) => explain || !packable || (rec[slot * STRIDE + AT.flags]! & PACKED) === 0;
    touchAhead(judged.filter(inFull).map((slot) => s.promotions[slot]!));
    for (const slot of judged) {
      const r = slot * STRIDE;
      if (!inFull(slot)) {
        const missing = rec[r + AT.minAmount]! - facts.subtotalMinor;
        const onlySpend = missing > 0 && packedHold(-Infinity, rec[r + AT.fromMs]!, rec[r + AT.toMs]!, rec[r + AT.channels]!, facts, cartChannel);
        if (onlySpend) notApplied.push({ promotionId: s.ids[slot]!, failures: [spendFailure(missing)] });
        continue;
      }
      const promotion = s.promotions[slot]!;
      const verdict = targetsOrFailures(promotion, cart, facts);
      if (Array.isArray(verdict)) notApplied.push({ promotionId: promotion.id, failures: verdict });
      else applicable.push(candidate(promotion, s.ids[slot]!, s.actions[slot]!, verdict, rec[r + AT.flags]!, rec[r + AT.group]!, rec[r + AT.order]!));
    }
  }

  /**
   * Lays the index out anew, bucket by bucket (the order carts look them up in): the records and
   * ids one cart reads then lie next to each other in memory rather than where their rows happened
   * to arrive (at a million promotions pricing waits mostly on memory reads). Run once, after the
   * full build at start. Lookups and changes go on meanwhile: it yields every few milliseconds (8 s
   * at 1.5 million promotions must not stall timers and connections), and the changes made
   * meanwhile are applied to the new layout.
   */
  compact(sliceMs = 20): Promise<void> {
    this.laying ??= this.layOut(sliceMs).finally(() => {
      this.laying = null;
      this.changedWhileLaying = null;
    });
    return this.laying;
  }

  private async layOut(sliceMs: number): Promise<void> {
    const old = this.store;
    const changed = (this.changedWhileLaying = new Map());
    const buckets: Promotion[][] = [];
    const stamp = ++this.lookup;
    const collect = (slots: Iterable<number>) => {
      const bucket: Promotion[] = [];
      for (const slot of slots) if (!old.seen(slot, MULTI, stamp)) bucket.push(old.promotions[slot]!);
      if (bucket.length > 0) buckets.push(bucket);
    };
    for (const dimension of DIMENSIONS) for (const b of old.buckets.values(DIM[dimension])) collect(b);
    collect(old.others);
    // And those in no bucket (a line condition with no ids: they can never apply, but they exist).
    collect(old.slotOf.values());
    const fresh = new Store(this.groups);
    let sliceStart = performance.now();
    for (const bucket of buckets) {
      // The records take slots in this order. The ids, which an answer names, are copied too (JSON's
      // parser allocates them one after another). Copying the whole promotions as well measured
      // the same in process (0.25 against 0.26 ms a cart) for twice the time: pricing reads a
      // promotion's own objects only when its conditions are not packed, or fail.
      const ids = JSON.parse(JSON.stringify(bucket.map((p) => p.id))) as string[];
      bucket.forEach((p, i) => fresh.insert({ ...p, id: ids[i]! }));
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    for (const [id, promotion] of changed) {
      fresh.delete(id);
      if (promotion) fresh.insert(promotion);
    }
    this.store = fresh;
  }

  get(id: string): Promotion | null {
    const slot = this.store.slotOf.get(id);
    return slot === undefined ? null : this.store.promotions[slot]!;
  }

  all(): Promotion[] {
    return [...this.store.slotOf.values()].map((slot) => this.store.promotions[slot]!);
  }
}

/** What a cart looks up (bucketsOf), reused: pricing is synchronous, so one cart uses it at a time. */
const wanted = { dims: [] as number[], ids: [] as string[], lineOf: [] as number[], found: [] as (Bucket | undefined)[] };

/** Takes `bucket` (if there is one) at line `i` when that is the first of the cart's lines with `id`. */
function see(bucket: Bucket | undefined, byId: LinesById, id: string, i: number, buckets: Bucket[], lines: Lines[]): void {
  if (bucket === undefined) return;
  const named = byId.get(id)!;
  if (named.indexes[0] !== i) return;
  buckets.push(bucket);
  lines.push(named);
}

/** Where touchAhead's reads go: exported, so that no compiler drops them as unused. */
export let touchedAhead = 0;

/**
 * Reads the promotions to be judged in full, their conditions down to the first id, one level at a
 * time across all of them. At a million promotions each is a cache miss; in these short loops the
 * processor has many in flight at once, where the checks would wait for each in turn.
 */
function touchAhead(judged: readonly Promotion[]): void {
  let sum = 0;
  for (const p of judged) sum += p.conditions.length;
  for (const p of judged) {
    const c = p.conditions[0];
    if (c !== undefined) sum += c.kind.length + ('ids' in c ? c.ids.length : 0);
  }
  for (const p of judged) {
    const c = p.conditions[0];
    if (c !== undefined && 'ids' in c && c.ids.length > 0) sum += c.ids[0]!.length;
  }
  touchedAhead = sum;
}

function fileUnder(p: Promotion): { dimension: Dimension; ids: string[] } | null {
  for (const dimension of DIMENSIONS) {
    // Several conditions of one kind all hold for a targeted line: any one of them is a valid filing.
    const c = p.conditions.find((x): x is LineCondition => x.kind === dimension);
    if (c) return { dimension, ids: [...new Set(c.ids)] };
  }
  return null;
}
