import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSlice, type RandomInt } from '../../src/modules/coupons/draw.js';

/** mulberry32: a small seeded 32-bit PRNG, so a statistical test gives the same answer every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A uniform integer in [0, max) from the PRNG, by rejection (no modulo bias). */
function seededRandomInt(seed: number): RandomInt {
  const next = mulberry32(seed);
  return (max) => {
    const limit = 2 ** 32 - (2 ** 32 % max);
    for (;;) {
      const x = next();
      if (x < limit) return x % max;
    }
  };
}

/** Draws `n` times; returns how often each slice won, and Pearson's chi-square over the slices of weight > 0. */
function chiSquare(weights: number[], n: number, randomInt: RandomInt): { counts: number[]; statistic: number } {
  const slices = weights.map((weight, i) => ({ id: String(i), weight }));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(weights.length).fill(0);
  for (let i = 0; i < n; i++) counts[Number(drawSlice(slices, randomInt))]! += 1;
  let statistic = 0;
  weights.forEach((w, i) => {
    if (w === 0) return;
    const expected = (n * w) / total;
    statistic += (counts[i]! - expected) ** 2 / expected;
  });
  return { counts, statistic };
}

// The chi-square distribution's 0.999 quantile for 4 degrees of freedom (5 slices of weight > 0,
// minus one): a fair draw passes with probability 0.999. scipy.stats.chi2.ppf(0.999, 4) = 18.4668.
const CHI_SQUARE_999_DF4 = 18.467;
const WEIGHTS = [7, 13, 100, 30, 0, 50];

describe('the wheel\'s weighted draw', () => {
  it('gives each ticket to the slice whose cumulative range holds it', () => {
    const slices = [{ id: 'a', weight: 2 }, { id: 'b', weight: 0 }, { id: 'c', weight: 3 }];
    expect([0, 1, 2, 3, 4].map((t) => drawSlice(slices, () => t))).toEqual(['a', 'a', 'c', 'c', 'c']);
  });

  it('never draws a slice of weight 0, and draws nothing when all are 0', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 24 }), fc.nat(), (weights, seed) => {
      const slices = weights.map((weight, i) => ({ id: String(i), weight }));
      const total = weights.reduce((a, b) => a + b, 0);
      const won = drawSlice(slices, (max) => seed % max);
      if (total === 0) expect(won).toBeNull();
      else expect(weights[Number(won)]).toBeGreaterThan(0);
    }));
  });

  it('hands out each slice exactly its weight over one pass of all tickets', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 24 }), (weights) => {
      const slices = weights.map((weight, i) => ({ id: String(i), weight }));
      const total = weights.reduce((a, b) => a + b, 0);
      const counts = new Array(weights.length).fill(0);
      for (let t = 0; t < total; t++) counts[Number(drawSlice(slices, () => t))]++;
      expect(counts).toEqual(weights);
    }));
  });

  it('uses the CSPRNG by default and stays within the slices', () => {
    const slices = [{ id: 'x', weight: 1 }, { id: 'y', weight: 1 }];
    for (let i = 0; i < 100; i++) expect(['x', 'y']).toContain(drawSlice(slices));
  });

  it('matches the weights in 200,000 seeded draws (chi-square below the 0.999 critical value), never drawing weight 0', () => {
    const { counts, statistic } = chiSquare(WEIGHTS, 200_000, seededRandomInt(20261125));
    expect(counts[4]).toBe(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(statistic).toBeLessThan(CHI_SQUARE_999_DF4);
  });

  it('has a chi-square check that notices a modulo-biased random source', () => {
    // byte % max favours tickets below 256 % 200 = 56: the first two slices win about twice as often.
    const next = mulberry32(7);
    const biased: RandomInt = (max) => (next() & 0xff) % max;
    expect(chiSquare(WEIGHTS, 200_000, biased).statistic).toBeGreaterThan(100 * CHI_SQUARE_999_DF4);
  });
});
