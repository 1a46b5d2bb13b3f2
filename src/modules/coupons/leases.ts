import crypto from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.js';
import * as leaseStore from './lease-store.js';

/**
 * Block sizes: about two seconds of the campaign's recent take rate, within bounds. A lease that
 * has served nothing for idleReturnMs goes back, so idle stock is not stranded in one process.
 * A lease stops serving when less than a third of its time is left and it could not be renewed:
 * a process cut off from the database gives away at most what it holds, and only before the
 * lease can be reclaimed.
 */
export const LEASE_POLICY = {
  blockSeconds: 2, blockMin: 1, blockMax: 1000, firstBlock: 8,
  idleReturnMs: 1000,
  /** After a campaign had nothing to lease, takes answer "none" without asking for this long. */
  soldOutRecheckMs: 100,
  reapBatchMax: 100,
} as const;

/** One unit of a campaign, taken from a lease: the code the coupon will carry. */
export interface Claim {
  leaseId: string;
  campaignId: string;
  code: string;
  /** One of the campaign's unique codes (marked taken with the coupon), not its shared code. */
  unique: boolean;
}

interface HeldLease {
  id: string;
  campaignId: string;
  unitsLeft: number;
  /** Unique codes still to hand out, or null when the campaign has one shared code. */
  codes: string[] | null;
  sharedCode: string | null;
  expiresAtMs: number;
  /** The campaign's end (its units are worthless after it). */
  validToMs: number;
  /** Claims handed out whose spin batch has not finished yet. */
  inFlight: number;
  lastTakeMs: number;
  retired: boolean;
}

interface Slot {
  current: HeldLease | null;
  acquiring: Promise<HeldLease | null> | null;
  soldOutUntilMs: number;
  takesSinceAcquire: number;
  lastAcquireMs: number;
  ratePerSecond: number;
}

export class LeasePool {
  readonly holder = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  private readonly slots = new Map<string, Slot>();
  private readonly leases = new Map<string, HeldLease>();
  private readonly settling = new Set<Promise<unknown>>();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly log: Logger | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one unit of the campaign, leasing a new block when needed; null when it has none left. */
  async take(campaignId: string): Promise<Claim | null> {
    const slot = this.slotOf(campaignId);
    for (;;) {
      const lease = slot.current;
      if (lease && this.serves(lease)) {
        lease.unitsLeft -= 1;
        lease.inFlight += 1;
        lease.lastTakeMs = this.now();
        slot.takesSinceAcquire += 1;
        return { leaseId: lease.id, campaignId, code: lease.codes ? lease.codes.pop()! : lease.sharedCode!, unique: lease.codes !== null };
      }
      if (slot.soldOutUntilMs > this.now()) return null;
      if (lease) this.retire(slot, lease);
      slot.acquiring ??= this.acquire(slot, campaignId).finally(() => (slot.acquiring = null));
      if (!(await slot.acquiring)) return null;
    }
  }

  /** The claim was not used (its batch rolled back, or its spin was refused): the unit is free again. */
  giveBack(claim: Claim): void {
    const lease = this.leases.get(claim.leaseId);
    if (!lease) return;
    lease.unitsLeft += 1;
    lease.codes?.push(claim.code);
    this.finish(lease);
  }

  /** The claim was committed (or its fate is unknown, so it must never be handed out again). */
  done(claim: Claim): void {
    const lease = this.leases.get(claim.leaseId);
    if (lease) this.finish(lease);
  }

  /** The database refused units of these leases: settled without us, or their campaign ended (then the lease is reclaimed when it expires). */
  lost(leaseIds: string[]): void {
    for (const id of leaseIds) {
      const lease = this.leases.get(id);
      if (!lease) continue;
      lease.unitsLeft = 0;
      if (lease.codes) lease.codes = [];
      // Settling it is a no-op if a reaper did; if its campaign ended, its units come back now.
      this.retire(this.slotOf(lease.campaignId), lease);
    }
  }

  /** Units this process holds for the campaign and has not handed out. */
  unitsHeld(campaignId: string): number {
    const lease = this.slots.get(campaignId)?.current;
    return lease && this.serves(lease) ? lease.unitsLeft : 0;
  }

  /** Whether the campaign had nothing to lease a moment ago. */
  soldOut(campaignId: string): boolean {
    return (this.slots.get(campaignId)?.soldOutUntilMs ?? 0) > this.now();
  }

  /** Renews held leases, returns idle ones, and settles expired leases of any process. */
  start(): void {
    const renew = setInterval(() => void this.renewAndReturnIdle().catch((err) => this.log?.warn({ err }, 'lease renewal failed')), Math.max(50, this.ttlMs / 3));
    const reap = setInterval(() => void this.reap().catch((err) => this.log?.warn({ err }, 'lease reaping failed')), Math.max(50, this.ttlMs / 2));
    this.timers = [renew, reap];
    for (const t of this.timers) t.unref();
  }

  /** Gives every held lease back. Call after the spins in flight have finished. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const slot of this.slots.values()) if (slot.current) this.retire(slot, slot.current);
    await Promise.allSettled([...this.settling]);
  }

  async reap(): Promise<number> {
    let settled = 0;
    for (const id of await leaseStore.expiredLeases(this.db, LEASE_POLICY.reapBatchMax)) {
      if (await leaseStore.settleLease(this.db, id, null)) settled += 1;
    }
    if (settled > 0) this.log?.info({ settled }, 'settled expired stock leases');
    return settled;
  }

  private serves(lease: HeldLease): boolean {
    const now = this.now();
    return !lease.retired && lease.unitsLeft > 0 && lease.expiresAtMs - now > this.ttlMs / 3 && now < lease.validToMs;
  }

  private slotOf(campaignId: string): Slot {
    let slot = this.slots.get(campaignId);
    if (!slot) {
      slot = { current: null, acquiring: null, soldOutUntilMs: 0, takesSinceAcquire: 0, lastAcquireMs: 0, ratePerSecond: 0 };
      this.slots.set(campaignId, slot);
    }
    return slot;
  }

  /** About blockSeconds of the recent take rate (a moving average over acquisitions). */
  private blockSize(slot: Slot): number {
    const now = this.now();
    if (slot.lastAcquireMs > 0) {
      const rate = slot.takesSinceAcquire / Math.max(0.05, (now - slot.lastAcquireMs) / 1000);
      slot.ratePerSecond = slot.ratePerSecond === 0 ? rate : (slot.ratePerSecond + rate) / 2;
    }
    slot.takesSinceAcquire = 0;
    slot.lastAcquireMs = now;
    if (slot.ratePerSecond === 0) return LEASE_POLICY.firstBlock;
    return Math.min(LEASE_POLICY.blockMax, Math.max(LEASE_POLICY.blockMin, Math.ceil(slot.ratePerSecond * LEASE_POLICY.blockSeconds)));
  }

  private async acquire(slot: Slot, campaignId: string): Promise<HeldLease | null> {
    // Expiry by this process's clock, counted from before the request: never later than the database's.
    const askedAtMs = this.now();
    const grant = await leaseStore.acquireLease(this.db, { id: crypto.randomUUID(), campaignId, holder: this.holder, wanted: this.blockSize(slot), ttlMs: this.ttlMs });
    if (!grant) {
      slot.soldOutUntilMs = this.now() + LEASE_POLICY.soldOutRecheckMs;
      return null;
    }
    const lease: HeldLease = {
      id: grant.id, campaignId, unitsLeft: grant.units, codes: grant.codes, sharedCode: grant.sharedCode,
      expiresAtMs: askedAtMs + this.ttlMs, validToMs: grant.validToMs, inFlight: 0, lastTakeMs: this.now(), retired: false,
    };
    this.leases.set(lease.id, lease);
    slot.current = lease;
    return lease;
  }

  private finish(lease: HeldLease): void {
    lease.inFlight -= 1;
    if (lease.retired && lease.inFlight === 0) this.settle(lease);
  }

  /** No more takes from this lease; it is settled once its last claim has finished. */
  private retire(slot: Slot, lease: HeldLease): void {
    if (slot.current === lease) slot.current = null;
    if (lease.retired) return;
    lease.retired = true;
    if (lease.inFlight === 0) this.settle(lease);
  }

  private settle(lease: HeldLease): void {
    this.leases.delete(lease.id);
    const p = leaseStore.settleLease(this.db, lease.id, this.holder)
      .catch((err) => this.log?.warn({ err, leaseId: lease.id }, 'settling a lease failed; it is reclaimed when it expires'))
      .finally(() => this.settling.delete(p));
    this.settling.add(p);
  }

  private async renewAndReturnIdle(): Promise<void> {
    const now = this.now();
    for (const slot of this.slots.values()) {
      const lease = slot.current;
      if (lease && (now - lease.lastTakeMs > LEASE_POLICY.idleReturnMs || now >= lease.validToMs)) this.retire(slot, lease);
    }
    // Retired leases still in use by a batch are renewed too, until they are settled.
    const held = [...this.leases.values()];
    const live = await leaseStore.renewLeases(this.db, held.map((l) => l.id), this.ttlMs);
    for (const l of held) if (live.has(l.id)) l.expiresAtMs = now + this.ttlMs;
    this.lost(held.filter((l) => !live.has(l.id)).map((l) => l.id));
  }
}
