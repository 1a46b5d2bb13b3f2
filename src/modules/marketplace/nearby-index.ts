import RBush from 'rbush';
import { boundingBoxes, distanceKm, RADIUS_KM_MAX, type Point } from './geo.js';

interface Item {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  id: string;
  at: Point;
}

/**
 * The in-memory nearby index: every listing with a location, in an R-tree (rbush: a well-kept
 * library with single inserts and removals, so a change never rebuilds it). A query takes the
 * boxes that contain the circle (geo.boundingBoxes), then the exact great-circle distance, so it
 * answers as the SQL path does. Who may see a listing is not its business: the caller checks
 * visibility in PostgreSQL on what it returns, so an audience change counts on the next request.
 */
export class NearbyIndex {
  private readonly tree = new RBush<Item>();
  private readonly byId = new Map<string, Item>();

  get size(): number {
    return this.byId.size;
  }

  upsert(id: string, at: Point | null): void {
    this.remove(id);
    if (!at) return;
    const item = { minX: at.lng, maxX: at.lng, minY: at.lat, maxY: at.lat, id, at };
    this.tree.insert(item);
    this.byId.set(id, item);
  }

  remove(id: string): void {
    const item = this.byId.get(id);
    if (!item) return;
    this.tree.remove(item);
    this.byId.delete(id);
  }

  /** Every indexed listing within `radiusKm` of `center`, nearest first, then by id. */
  within(center: Point, radiusKm: number): { id: string; distanceKm: number }[] {
    const found: { id: string; distanceKm: number }[] = [];
    for (const box of boundingBoxes(center, Math.min(radiusKm, RADIUS_KM_MAX))) {
      for (const item of this.tree.search({ minX: box.minLng, maxX: box.maxLng, minY: box.minLat, maxY: box.maxLat })) {
        const d = distanceKm(center, item.at);
        if (d <= radiusKm) found.push({ id: item.id, distanceKm: d });
      }
    }
    // Two boxes never overlap (they meet at the antimeridian, where a point has one longitude).
    return found.sort((a, b) => a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
