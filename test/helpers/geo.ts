import { EARTH_RADIUS_KM, type Point } from '../../src/modules/marketplace/geo.js';

/** The point `km` away from `from` along `bearingDeg` (the direct geodesic problem on a sphere). */
export function destination(from: Point, bearingDeg: number, km: number): Point {
  const d = km / EARTH_RADIUS_KM;
  const b = (bearingDeg * Math.PI) / 180;
  const lat1 = (from.lat * Math.PI) / 180;
  const lng1 = (from.lng * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  const lng = ((((lng2 * 180) / Math.PI + 540) % 360) + 360) % 360 - 180;
  return { lat: (lat2 * 180) / Math.PI, lng };
}
