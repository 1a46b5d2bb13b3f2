import { describe, expect, it } from 'vitest';
import { DEFAULT_INCREMENTS, extendedEnd, incrementAt, minimumBid, outcomeOf, placeBid, sealedResult, type AuctionRules, type AuctionState } from '../../src/modules/auctions/engine.js';

const rules: AuctionRules = { startPriceMinor: 1_000, reserveMinor: null, increments: DEFAULT_INCREMENTS };
const empty: AuctionState = { priceMinor: 1_000, leaderId: null, leaderMaxMinor: null, bidCount: 0 };

/** Bids in order; each must be accepted. */
function run(r: AuctionRules, bids: [string, number][]): AuctionState {
  return bids.reduce((s, [who, max]) => {
    const o = placeBid(r, s, who, max);
    if (o.kind === 'refused') throw new Error(`refused ${who} ${max}`);
    return o.state;
  }, empty);
}

describe('English auction rules', () => {
  it('raises the price by proxy to one increment above the second maximum, capped at the first', () => {
    expect(run(rules, [['a', 5_000]])).toMatchObject({ priceMinor: 1_000, leaderId: 'a' });
    expect(run(rules, [['a', 5_000], ['b', 3_000]])).toMatchObject({ priceMinor: 3_100, leaderId: 'a' });
    expect(run(rules, [['a', 5_000], ['b', 3_000], ['b', 6_000]])).toMatchObject({ priceMinor: 5_100, leaderId: 'b', leaderMaxMinor: 6_000 });
    // Capped at the winner's maximum; a tie goes to the earlier bid.
    expect(run(rules, [['a', 5_000], ['b', 5_050]])).toMatchObject({ priceMinor: 5_050, leaderId: 'b' });
    expect(run(rules, [['a', 5_000], ['b', 5_000]])).toMatchObject({ priceMinor: 5_000, leaderId: 'a' });
  });

  it('refuses a bid below the start or below one increment over the price, and a leader lowering its maximum', () => {
    expect(placeBid(rules, empty, 'a', 999)).toEqual({ kind: 'refused', code: 'AUCTION_BID_TOO_LOW', minimumMinor: 1_000 });
    const s = run(rules, [['a', 5_000], ['b', 3_000]]);
    expect(minimumBid(rules, s)).toBe(3_200);
    expect(placeBid(rules, s, 'c', 3_199)).toMatchObject({ kind: 'refused', minimumMinor: 3_200 });
    expect(placeBid(rules, s, 'a', 5_000)).toMatchObject({ kind: 'refused', minimumMinor: 5_001 });
    expect(placeBid(rules, s, 'a', 7_000)).toMatchObject({ kind: 'leading', state: { priceMinor: 3_100, leaderMaxMinor: 7_000 } });
  });

  it('uses the increment of the band the price is in', () => {
    expect([0, 9_999, 10_000, 99_999, 100_000, 5_000_000].map((p) => incrementAt(DEFAULT_INCREMENTS, p))).toEqual([100, 100, 500, 500, 2_500, 10_000]);
  });

  it('meets a hidden reserve as soon as a maximum reaches it, and sells only when it is met', () => {
    const r = { ...rules, reserveMinor: 4_000 };
    expect(run(r, [['a', 3_000]])).toMatchObject({ priceMinor: 1_000 });
    expect(outcomeOf(r, run(r, [['a', 3_000]]))).toBe('reserve_not_met');
    expect(run(r, [['a', 5_000]])).toMatchObject({ priceMinor: 4_000 });
    expect(run(r, [['a', 3_000], ['a', 4_500]])).toMatchObject({ priceMinor: 4_000 });
    expect(outcomeOf(r, run(r, [['a', 5_000]]))).toBe('sold');
    expect(outcomeOf(r, empty)).toBe('no_bids');
  });

  it('extends the end for a bid in the last minutes only', () => {
    const end = 1_000_000;
    expect(extendedEnd(end, end - 200_000, 120, 120)).toBe(end);
    expect(extendedEnd(end, end - 60_000, 120, 120)).toBe(end + 60_000);
    expect(extendedEnd(end, end - 60_000, 0, 120)).toBe(end);
  });

  it('reveals sealed bids at the close: first price, second price, ties, the reserve', () => {
    const bids = [{ bidderId: 'a', amountMinor: 3_000, seq: 1 }, { bidderId: 'b', amountMinor: 5_000, seq: 2 }, { bidderId: 'c', amountMinor: 4_500, seq: 3 }];
    expect(sealedResult('sealed_first', rules, bids)).toEqual({ outcome: 'sold', winnerId: 'b', priceMinor: 5_000 });
    expect(sealedResult('sealed_second', rules, bids)).toEqual({ outcome: 'sold', winnerId: 'b', priceMinor: 4_500 });
    expect(sealedResult('sealed_second', rules, [bids[1]!])).toEqual({ outcome: 'sold', winnerId: 'b', priceMinor: 1_000 });
    expect(sealedResult('sealed_second', rules, [...bids, { bidderId: 'd', amountMinor: 5_000, seq: 4 }])).toEqual({ outcome: 'sold', winnerId: 'b', priceMinor: 5_000 });
    expect(sealedResult('sealed_second', { ...rules, reserveMinor: 4_800 }, bids)).toEqual({ outcome: 'sold', winnerId: 'b', priceMinor: 4_800 });
    expect(sealedResult('sealed_first', { ...rules, reserveMinor: 6_000 }, bids)).toEqual({ outcome: 'reserve_not_met' });
    expect(sealedResult('sealed_first', rules, [])).toEqual({ outcome: 'no_bids' });
  });
});
