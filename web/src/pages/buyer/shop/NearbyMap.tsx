import { Link } from 'wouter';
import { formatMoney } from '../../../ui/money';
import { km } from './bits';
import { unitPrice, type NearbyItem } from './types';

const SIZE = 400;
const PAD = 40;

/** Kilometres east and north of the centre (a local flat projection: fine at city scale). */
export function project(centre: { lat: number; lng: number }, p: { lat: number; lng: number }) {
  let dLng = p.lng - centre.lng;
  if (dLng > 180) dLng -= 360;
  if (dLng < -180) dLng += 360;
  return { x: dLng * 111.32 * Math.cos((centre.lat * Math.PI) / 180), y: (p.lat - centre.lat) * 110.57 };
}

const short = (t: string) => (t.length > 18 ? `${t.slice(0, 17)}…` : t);

/**
 * Listings as dots on a plain plane around the centre: no map tiles. Each dot is a link (Tab moves
 * through them nearest first; each says what it is, its price and distance).
 */
export function NearbyMap({ centre, radiusKm, items }: { centre: { lat: number; lng: number }; radiusKm: number | null; items: NearbyItem[] }) {
  const farthest = Math.max(0, ...items.map((i) => i.distanceKm));
  const extent = Math.max(radiusKm ?? farthest * 1.15, 0.5);
  const scale = (SIZE / 2 - PAD) / extent;
  const toSvg = (p: { x: number; y: number }) => ({ x: SIZE / 2 + p.x * scale, y: SIZE / 2 - p.y * scale });
  const ring = radiusKm ?? extent;

  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-2">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="group" aria-label={`Map of ${items.length} listings around the centre`} className="mx-auto block h-auto w-full max-w-[28rem]">
        <rect x={0} y={0} width={SIZE} height={SIZE} className="fill-slate-50" />
        <line x1={SIZE / 2} y1={PAD / 2} x2={SIZE / 2} y2={SIZE - PAD / 2} className="stroke-slate-200" />
        <line x1={PAD / 2} y1={SIZE / 2} x2={SIZE - PAD / 2} y2={SIZE / 2} className="stroke-slate-200" />
        <circle cx={SIZE / 2} cy={SIZE / 2} r={ring * scale} className="fill-indigo-50/60 stroke-indigo-300" strokeDasharray={radiusKm ? undefined : '4 4'} />
        <text x={SIZE / 2 + 4} y={SIZE / 2 - ring * scale - 4} className="fill-slate-500 text-[11px]">{km(ring)}</text>
        <text x={SIZE / 2} y={14} textAnchor="middle" className="fill-slate-400 text-[11px]">N</text>
        <circle cx={SIZE / 2} cy={SIZE / 2} r={5} className="fill-slate-800" aria-hidden="true" />
        <text x={SIZE / 2 + 8} y={SIZE / 2 + 14} className="fill-slate-700 text-[11px]">Centre</text>
        {items.map((item) => {
          if (!item.location) return null;
          const { x, y } = toSvg(project(centre, item.location));
          const label = `${item.title}, ${formatMoney(unitPrice(item), item.currency)}, ${km(item.distanceKm)} away`;
          // wouter's Link navigates in the page on a plain click and leaves Ctrl/Cmd/middle clicks to the browser.
          return (
            <Link key={item.id} href={`/listings/${item.id}`} aria-label={label} className="group focus:outline-none">
              <title>{label}</title>
              <circle cx={x} cy={y} r={12} className="fill-transparent stroke-transparent group-hover:stroke-indigo-300 group-focus-visible:stroke-amber-500" strokeWidth={3} />
              <circle cx={x} cy={y} r={6} className="fill-indigo-600 stroke-white" strokeWidth={2} />
              <text x={x + 9} y={y + 4} className="fill-slate-800 text-[11px] group-hover:underline group-focus-visible:underline">{short(item.title)}</text>
            </Link>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-center text-xs text-slate-600">
        {radiusKm ? `Listings within ${km(radiusKm)}` : `The ${items.length} nearest listings`}; north is up. Not to scale with any street map.
      </figcaption>
    </figure>
  );
}
