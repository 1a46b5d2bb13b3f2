import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundingBoxes, distanceKm, EARTH_RADIUS_KM, RADIUS_KM_MAX, type Point } from '../../src/modules/marketplace/geo.js';
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
