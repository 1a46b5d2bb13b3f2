import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSlice } from '../../src/modules/coupons/draw.js';

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
});
