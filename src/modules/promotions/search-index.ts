import type { Cart, Condition, Promotion } from './model.js';

/**
 * The in-memory search index: the original design's hash maps by seller and campaign plus an
 * "others" list, extended with products, categories and brands. A promotion is filed under one
 * dimension of its line conditions, the most selective it has (products, then sellers, campaigns,
 * brands, categories), under each of that condition's ids. A line a promotion targets meets every
 * line condition, so it meets the filed one: looking up each cart line's product, seller,
 * campaigns, brand and category, plus the others, finds every promotion that can apply.
 * Promotions without line conditions are the others. Changes are applied one at a time (upsert,
 * remove): there is never a full rebuild after the start.
 */
const DIMENSIONS = ['products', 'sellers', 'campaigns', 'brands', 'categories'] as const;
type Dimension = (typeof DIMENSIONS)[number];
type LineCondition = Extract<Condition, { kind: Dimension }>;

export class PromotionIndex {
  private readonly byId = new Map<string, Entry>();
  /** The entries themselves, not ids: a lookup then touches nothing but what it returns. */
  private readonly maps: Record<Dimension, Map<string, Set<Entry>>> = {
    products: new Map(), sellers: new Map(), campaigns: new Map(), brands: new Map(), categories: new Map(),
  };
  private readonly others = new Set<Entry>();
  /** Numbers each lookup: an entry already stamped with it is already in the answer. */
  private lookup = 0;

  get size(): number {
    return this.byId.size;
  }

  upsert(promotion: Promotion): void {
    this.remove(promotion.id);
    const entry: Entry = { promotion, filed: fileUnder(promotion), seenIn: 0 };
    this.byId.set(promotion.id, entry);
    if (!entry.filed) {
      this.others.add(entry);
      return;
    }
    const map = this.maps[entry.filed.dimension];
    for (const id of entry.filed.ids) {
      let set = map.get(id);
      if (!set) map.set(id, (set = new Set()));
      set.add(entry);
    }
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    if (!entry.filed) {
      this.others.delete(entry);
      return;
    }
    const map = this.maps[entry.filed.dimension];
    for (const key of entry.filed.ids) {
      const set = map.get(key);
      set?.delete(entry);
      if (set?.size === 0) map.delete(key);
    }
  }

  /** Every promotion that can apply to the cart (and some that cannot: conditions decide). */
  candidates(cart: Pick<Cart, 'lines'>): Promotion[] {
    // Synchronous, so no other lookup can stamp entries meanwhile; a stamp costs no allocation.
    const stamp = ++this.lookup;
    const found: Promotion[] = [];
    addAll(found, stamp, this.others);
    for (const line of cart.lines) {
      addAll(found, stamp, this.maps.products.get(line.productId));
      addAll(found, stamp, this.maps.sellers.get(line.sellerId));
      addAll(found, stamp, this.maps.brands.get(line.brandId));
      addAll(found, stamp, this.maps.categories.get(line.categoryId));
      for (const c of line.campaignIds ?? []) addAll(found, stamp, this.maps.campaigns.get(c));
    }
    return found;
  }

  /**
   * Rebuilds every entry as a fresh copy, bucket by bucket (the order carts look them up in), so
   * the promotions one cart touches lie next to each other in memory rather than where their rows
   * happened to arrive: at a million promotions pricing waits mostly on memory reads (measured: a
   * quarter off a cart). Run once, after the full build at start. It yields to the event loop
   * every few milliseconds (11 s at 1.5 million promotions must not stall timers and connections),
   * and a promotion changed meanwhile keeps its newer version.
   */
  async compact(sliceMs = 20): Promise<void> {
    const buckets: Promotion[][] = [];
    const stamp = ++this.lookup;
    const collect = (entries: Iterable<Entry>) => {
      const bucket: Promotion[] = [];
      addAll(bucket, stamp, entries);
      if (bucket.length > 0) buckets.push(bucket);
    };
    for (const dimension of DIMENSIONS) for (const set of this.maps[dimension].values()) collect(set);
    collect(this.others);
    // And those in no bucket (a line condition with no ids: they can never apply, but they exist).
    collect(this.byId.values());
    let sliceStart = performance.now();
    for (const bucket of buckets) {
      // JSON makes the copy: its parser allocates each object and string in order, all together.
      const copies = JSON.parse(JSON.stringify(bucket)) as Promotion[];
      copies.forEach((copy, i) => {
        if (this.byId.get(copy.id)?.promotion === bucket[i]) this.upsert(copy);
      });
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  get(id: string): Promotion | null {
    return this.byId.get(id)?.promotion ?? null;
  }

  all(): Promotion[] {
    return [...this.byId.values()].map((e) => e.promotion);
  }
}

interface Entry {
  promotion: Promotion;
  filed: { dimension: Dimension; ids: string[] } | null;
  /** The last lookup that returned it. */
  seenIn: number;
}

function addAll(found: Promotion[], stamp: number, entries: Iterable<Entry> | undefined): void {
  if (!entries) return;
  for (const e of entries) {
    if (e.seenIn === stamp) continue;
    e.seenIn = stamp;
    found.push(e.promotion);
  }
}

function fileUnder(p: Promotion): { dimension: Dimension; ids: string[] } | null {
  for (const dimension of DIMENSIONS) {
    // Several conditions of one kind all hold for a targeted line: any one of them is a valid filing.
    const c = p.conditions.find((x): x is LineCondition => x.kind === dimension);
    if (c) return { dimension, ids: [...new Set(c.ids)] };
  }
  return null;
}
