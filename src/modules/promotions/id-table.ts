/**
 * A hash table from (dimension, id) to a value, built for the index's lookups: a cart asks for
 * about fifty ids at once (each line's product, seller, brand, category and campaigns), among some
 * 300,000 at 1.5 million promotions, and each read of a table that big is a cache miss. A V8 Map
 * reads its bucket, then its entry, then the stored key's string, one after another, and its
 * lookups one after another: at 1.5 million promotions the index's Map lookups took a sixth of
 * pricing. Here `getMany` walks every id of a cart through each step before the next step, so the
 * processor has the misses of all of them in flight at once.
 *
 * Open addressing with linear probing at a load of at most a half. Per slot: the key's hash
 * (0: empty) and dimension in typed arrays, and the key and value side by side in one array (one
 * cache line). Deletion shifts the entries after it back, so there are no tombstones.
 */
export class IdTable<V> {
  private hashes = new Int32Array(0);
  private dims = new Uint8Array(0);
  /** At 2 * slot the key, at 2 * slot + 1 the value. */
  private entries: (string | V | undefined)[] = [];
  private mask = -1;
  private count = 0;
  /** getMany's hashes and slots per id, grown as needed. */
  private wantedHashes = new Int32Array(64);
  private wantedSlots = new Int32Array(64);
  /** What getMany's reads ahead summed: stored, so that no compiler drops the reads as unused. */
  touched = 0;

  constructor(capacity = 1024) {
    this.allocate(2 ** Math.ceil(Math.log2(Math.max(8, capacity))));
  }

  get size(): number {
    return this.count;
  }

  get(dim: number, id: string): V | undefined {
    const slot = this.slotOf(hashOf(dim, id), dim, id);
    return slot < 0 ? undefined : (this.entries[2 * slot + 1] as V);
  }

  set(dim: number, id: string, value: V): void {
    if (2 * (this.count + 1) > this.hashes.length) this.resize(this.hashes.length * 2);
    const h = hashOf(dim, id);
    let slot = h & this.mask;
    for (; this.hashes[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.matches(slot, h, dim, id)) {
        this.entries[2 * slot + 1] = value;
        return;
      }
    }
    this.place(slot, h, dim, id, value);
    this.count += 1;
  }

  delete(dim: number, id: string): boolean {
    let hole = this.slotOf(hashOf(dim, id), dim, id);
    if (hole < 0) return false;
    this.count -= 1;
    // Backward shift: an entry after the hole moves into it unless its home slot lies after the hole.
    for (let next = (hole + 1) & this.mask; this.hashes[next] !== 0; next = (next + 1) & this.mask) {
      const home = this.hashes[next]! & this.mask;
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (stays) continue;
      this.place(hole, this.hashes[next]!, this.dims[next]!, this.entries[2 * next] as string, this.entries[2 * next + 1] as V);
      hole = next;
    }
    this.hashes[hole] = 0;
    this.entries[2 * hole] = undefined;
    this.entries[2 * hole + 1] = undefined;
    return true;
  }

  /** The values filed under `dim`. */
  *values(dim: number): IterableIterator<V> {
    for (let slot = 0; slot < this.hashes.length; slot++) if (this.hashes[slot] !== 0 && this.dims[slot] === dim) yield this.entries[2 * slot + 1] as V;
  }

  /**
   * The values of the first `n` (dims[i], ids[i]) into out[i] (undefined: none). Each step runs
   * over all of them before the next: hashing, reading the home slots, reading their keys, and
   * only then comparing and probing, so that the reads of different ids overlap.
   */
  getMany(dims: ArrayLike<number>, ids: readonly string[], n: number, out: (V | undefined)[]): void {
    if (this.wantedHashes.length < n) [this.wantedHashes, this.wantedSlots] = [new Int32Array(2 * n), new Int32Array(2 * n)];
    const hashes = this.wantedHashes;
    const slots = this.wantedSlots;
    for (let i = 0; i < n; i++) hashes[i] = hashOf(dims[i]!, ids[i]!);
    let touched = 0;
    for (let i = 0; i < n; i++) {
      const slot = (slots[i] = hashes[i]! & this.mask);
      touched += this.hashes[slot]! + this.dims[slot]!;
    }
    for (let i = 0; i < n; i++) {
      const key = this.entries[2 * slots[i]!];
      if (typeof key === 'string') touched += key.length;
    }
    this.touched = touched;
    for (let i = 0; i < n; i++) {
      const slot = this.slotFrom(slots[i]!, hashes[i]!, dims[i]!, ids[i]!);
      out[i] = slot < 0 ? undefined : (this.entries[2 * slot + 1] as V);
    }
  }

  private slotOf(h: number, dim: number, id: string): number {
    return this.slotFrom(h & this.mask, h, dim, id);
  }

  private slotFrom(start: number, h: number, dim: number, id: string): number {
    for (let slot = start; this.hashes[slot] !== 0; slot = (slot + 1) & this.mask) if (this.matches(slot, h, dim, id)) return slot;
    return -1;
  }

  private matches(slot: number, h: number, dim: number, id: string): boolean {
    return this.hashes[slot] === h && this.dims[slot] === dim && this.entries[2 * slot] === id;
  }

  private place(slot: number, h: number, dim: number, id: string, value: V): void {
    this.hashes[slot] = h;
    this.dims[slot] = dim;
    this.entries[2 * slot] = id;
    this.entries[2 * slot + 1] = value;
  }

  private allocate(slots: number): void {
    this.hashes = new Int32Array(slots);
    this.dims = new Uint8Array(slots);
    this.entries = new Array<string | V | undefined>(2 * slots).fill(undefined);
    this.mask = slots - 1;
  }

  private resize(slots: number): void {
    const { hashes, dims, entries } = this;
    this.allocate(slots);
    for (let old = 0; old < hashes.length; old++) {
      if (hashes[old] === 0) continue;
      let slot = hashes[old]! & this.mask;
      while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.place(slot, hashes[old]!, dims[old]!, entries[2 * old] as string, entries[2 * old + 1] as V);
    }
  }
}

/** FNV-1a over the dimension and the id's UTF-16 units, then murmur3's finalizer (linear probing needs the low bits mixed); never 0. */
export function hashOf(dim: number, id: string): number {
  let h = Math.imul(2166136261 ^ dim, 16777619);
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}
