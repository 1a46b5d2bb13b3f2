import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundingBoxes, boxDistanceKm, distanceKm, EARTH_RADIUS_KM, RADIUS_KM_MAX, type Point } from '../../src/modules/marketplace/geo.js';
import { NearbyIndex } from '../../src/modules/marketplace/nearby-index.js';
import { destination } from '../helpers/geo.js';

const inBoxes = (p: Point, center: Point, radiusKm: number) =>
  boundingBoxes(center, radiusKm).some((b) => p.lat >= b.minLat && p.lat <= b.maxLat && p.lng >= b.minLng && p.lng <= b.maxLng);

describe('geo', () => {
  it('measures great-circle distances', () => {
    // One degree of a great circle is R * pi / 180, along the equator or a meridian.
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 180, 9);
    expect(distanceKm({ lat: 40, lng: 29 }, { lat: 41, lng: 29 })).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 180, 9);
    expect(distanceKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(111.2, 1);
    expect(distanceKm({ lat: 90, lng: 0 }, { lat: 90, lng: 123 })).toBeCloseTo(0, 9);
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(RADIUS_KM_MAX, 6);
  });

  it('splits the box at the antimeridian and takes every longitude at a pole', () => {
    expect(boundingBoxes({ lat: 10, lng: 179.9 }, 50)).toHaveLength(2);
    expect(boundingBoxes({ lat: 10, lng: -179.9 }, 50)).toHaveLength(2);
    expect(boundingBoxes({ lat: 89.9, lng: 0 }, 50)).toEqual([expect.objectContaining({ minLng: -180, maxLng: 180, maxLat: 90 })]);
    expect(boundingBoxes({ lat: -89.9, lng: 0 }, 50)).toEqual([expect.objectContaining({ minLng: -180, maxLng: 180, minLat: -90 })]);
    expect(inBoxes({ lat: 10, lng: -179.8 }, { lat: 10, lng: 179.9 }, 50)).toBe(true);
    expect(inBoxes({ lat: 89.95, lng: 180 }, { lat: 89.9, lng: 0 }, 50)).toBe(true);
    // Found by the property below: a point on the circle's northern edge, one rounding above the box.
    const c = { lat: -4.7961332104459e-10, lng: 0 };
    const edge = destination(c, 0, 12.541954807474161 * 0.9999999999999999);
    expect(distanceKm(c, edge) <= 12.541954807474161 && !inBoxes(edge, c, 12.541954807474161)).toBe(false);
  });

  it('boxes contain every point of the circle, anywhere on Earth', () => {
    const center = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
    fc.assert(fc.property(center, fc.double({ min: 0.001, max: 5_000, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (c, radiusKm, bearing, share) => {
      const p = destination(c, bearing, radiusKm * share);
      if (distanceKm(c, p) <= radiusKm) expect(inBoxes(p, c, radiusKm)).toBe(true);
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 5_000) });
  });
});

describe('nearby index', () => {
  const point = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
  // Points near a centre (also at the poles and across the antimeridian), and some anywhere.
  const world = fc.record({
    centre: fc.oneof(point, fc.constantFrom({ lat: 89.9, lng: 10 }, { lat: -89.99, lng: -170 }, { lat: 12, lng: 179.95 }, { lat: -5, lng: -179.99 })),
    near: fc.array(fc.record({ bearing: fc.double({ min: 0, max: 360, noNaN: true }), km: fc.double({ min: 0, max: 300, noNaN: true }) }), { maxLength: 150 }),
    far: fc.array(point, { maxLength: 50 }),
    radiusKm: fc.oneof(fc.double({ min: 0.01, max: 400, noNaN: true }), fc.constant(RADIUS_KM_MAX)),
    build: fc.constantFrom('bulk', 'one by one', 'bulk, then changes'),
  });

  it('walks nearest first, exactly as measuring every point and sorting, at the poles and across the antimeridian, built in bulk, one by one, or both with moves and removals', () => {
    fc.assert(fc.property(world, (w) => {
      const index = new NearbyIndex();
      const points = [...w.near.map((n) => destination(w.centre, n.bearing, n.km)), ...w.far];
      // Ids in an order unrelated to distance; a few points twice, so ties sort by id.
      const entries = [...points.map((p, i) => ({ id: `id-${String((i * 7919) % 1000).padStart(4, '0')}-${i}`, at: p })), ...points.slice(0, 5).map((p, i) => ({ id: `tie-${i}`, at: p }))];
      // Built in bulk (the start), one by one (the feed), or in bulk and then changed: packed, recent, and listings moved between the two.
      if (w.build === 'bulk') index.load(entries);
      else if (w.build === 'one by one') for (const e of entries) index.upsert(e.id, e.at);
      else {
        const half = Math.floor(entries.length / 2);
        index.load(entries.slice(0, half));
        for (const e of entries.slice(half)) index.upsert(e.id, e.at);
        for (const [i, e] of entries.entries()) {
          if (i % 3 === 0) index.upsert(e.id, { lat: -e.at.lat, lng: e.at.lng }); // away, then back below
          if (i % 4 === 0) index.remove(e.id);
          if (i % 3 === 0 || i % 4 === 0) index.upsert(e.id, e.at);
        }
        index.upsert('gone', w.centre);
        index.remove('gone');
      }
      expect(index.size).toBe(entries.length);
      const all = [...points.map((p, i) => ({ id: `id-${String((i * 7919) % 1000).padStart(4, '0')}-${i}`, p })), ...points.slice(0, 5).map((p, i) => ({ id: `tie-${i}`, p }))];
      const expected = all.map((x) => ({ id: x.id, distanceKm: distanceKm(w.centre, x.p) })).filter((x) => x.distanceKm <= w.radiusKm)
        .sort((a, b) => a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect([...index.nearest(w.centre, w.radiusKm)]).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('never bounds a box above the distance of a point in it', () => {
    fc.assert(fc.property(point, point, point, (p, a, b) => {
      const box = { minLat: Math.min(a.lat, b.lat), maxLat: Math.max(a.lat, b.lat), minLng: Math.min(a.lng, b.lng), maxLng: Math.max(a.lng, b.lng) };
      const inside = { lat: (box.minLat + box.maxLat) / 2, lng: box.minLng + (box.maxLng - box.minLng) / 3 };
      for (const q of [inside, { lat: box.minLat, lng: box.minLng }, { lat: box.maxLat, lng: box.maxLng }]) expect(boxDistanceKm(p, box.minLat, box.maxLat, box.minLng, box.maxLng)).toBeLessThanOrEqual(distanceKm(p, q));
    }), { numRuns: 2000 });
  });
});
