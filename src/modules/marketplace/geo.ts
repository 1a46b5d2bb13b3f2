/**
 * Distances on the Earth and the boxes that contain a circle, for nearby search. Pure: the
 * in-memory index and the SQL path both use these, so they agree.
 */
export const EARTH_RADIUS_KM = 6371.0088;
/** Half the circumference: no point on Earth is farther from another. */
export const RADIUS_KM_MAX = Math.PI * EARTH_RADIUS_KM;

export interface Point {
  lat: number;
  lng: number;
}

export interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;
const PAD_DEG = 1e-9;

/** Great-circle distance (haversine), in km. */
export function distanceKm(a: Point, b: Point): number {
  return distanceKmTo(a, b.lat, b.lng);
}

/** distanceKm to a point given as two numbers (the nearby walk reads them from typed arrays). */
export function distanceKmTo(a: Point, lat: number, lng: number): number {
  const dLat = rad(lat - a.lat);
  const dLng = rad(lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Boxes (in degrees) that together contain every point within `radiusKm` of `center`: one box, or
 * two when the circle crosses the antimeridian; every longitude when it reaches a pole. Points in
 * the boxes still need the exact distance check (the corners are outside the circle).
 */
export function boundingBoxes(center: Point, radiusKm: number): Box[] {
  const r = radiusKm / EARTH_RADIUS_KM;
  const lat = rad(center.lat);
  // Widened by a hair (0.1 mm): a point on the circle must not fall out of its box by a rounding
  // of the last bit; the exact distance decides anyway.
  const minLat = deg(lat - r) - PAD_DEG;
  const maxLat = deg(lat + r) + PAD_DEG;
  if (minLat <= -90 || maxLat >= 90 || r >= Math.PI) return [{ minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat), minLng: -180, maxLng: 180 }];
  const dLng = deg(Math.asin(Math.min(1, Math.sin(r) / Math.cos(lat)))) + PAD_DEG;
  const minLng = center.lng - dLng;
  const maxLng = center.lng + dLng;
  const box = (a: number, b: number): Box => ({ minLat, maxLat, minLng: a, maxLng: b });
  if (minLng < -180) return [box(minLng + 360, 180), box(-180, maxLng)];
  if (maxLng > 180) return [box(minLng, 180), box(-180, maxLng - 360)];
  return [box(minLng, maxLng)];
}

const haverSin = (theta: number) => Math.sin(theta / 2) ** 2;

/**
 * A lower bound of the great-circle distance, in km, from `p` to any point of the box (degrees;
 * minLng <= maxLng, no wrap): 0 inside it. After geokdbush (Vladimir Agafonkin, ISC): east or west
 * of the box, the nearest point is on the nearer meridian edge, at the latitude where the great
 * circle through `p` meets it at a right angle if that lies on the edge, else at a corner. Shaved
 * by a micrometre so rounding never puts it above a point's own distance (distanceKm). Plain
 * numbers in, no closure: the nearby walk calls it for every node it passes.
 */
export function boxDistanceKm(p: Point, minLat: number, maxLat: number, minLng: number, maxLng: number): number {
  let h: number;
  if (p.lng >= minLng && p.lng <= maxLng) {
    if (p.lat >= minLat && p.lat <= maxLat) return 0;
    h = haverSin(rad(p.lat < minLat ? minLat - p.lat : p.lat - maxLat));
  } else {
    const hLng = Math.min(haverSin(rad(minLng - p.lng)), haverSin(rad(maxLng - p.lng)));
    const cosLat = Math.cos(rad(p.lat));
    const cosDLng = 1 - 2 * hLng;
    const vertexLat = cosDLng <= 0 ? (p.lat > 0 ? 90 : -90) : deg(Math.atan(Math.tan(rad(p.lat)) / cosDLng));
    h = vertexLat > minLat && vertexLat < maxLat
      ? cosLat * Math.cos(rad(vertexLat)) * hLng + haverSin(rad(p.lat - vertexLat))
      : Math.min(cosLat * Math.cos(rad(minLat)) * hLng + haverSin(rad(p.lat - minLat)), cosLat * Math.cos(rad(maxLat)) * hLng + haverSin(rad(p.lat - maxLat)));
  }
  return Math.max(0, 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))) - 1e-6);
}
