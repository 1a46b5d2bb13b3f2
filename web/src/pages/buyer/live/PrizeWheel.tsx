/**
 * The prize wheel as SVG: up to 24 slices clockwise from 12 o'clock, where a fixed pointer sits.
 * The wheel turns by `rotation` degrees (clockwise) with a CSS transition; the pure functions below
 * work out the rotation that brings the slice the server chose under the pointer.
 */

export interface WheelSlice {
  position: number;
  kind: string;
  label: string;
}

/**
 * Dark shades (white text on each has a contrast of at least 4.5:1), ordered so that neighbours
 * differ in hue; 24 of them, so every slice of the largest wheel has its own colour.
 */
export const SLICE_COLOURS = [
  '#4338ca', '#047857', '#be123c', '#92400e', '#0369a1', '#6d28d9', '#0f766e', '#b91c1c',
  '#3f6212', '#a21caf', '#155e75', '#9a3412', '#312e81', '#065f46', '#881337', '#334155',
  '#1e40af', '#6b21a8', '#166534', '#9d174d', '#713f12', '#44403c', '#0c4a6e', '#86198f',
] as const;

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The angle (degrees clockwise from the top) of the middle of slice `position` of `count`. */
export function sliceCentre(count: number, position: number): number {
  return (position + 0.5) * (360 / count);
}

/** The slice under the pointer when the wheel is turned by `rotation` degrees. */
export function sliceAtPointer(count: number, rotation: number): number {
  const angle = mod(-rotation, 360);
  return Math.min(count - 1, Math.floor(angle / (360 / count)));
}

/**
 * The rotation to animate to from `from` so that slice `position` lands under the pointer: at least
 * `turns` whole turns further on (so it visibly spins), plus `offset` (a fraction of half a slice,
 * -1..1, for a landing that is not always dead centre; it stays inside the slice).
 */
export function landingRotation(count: number, position: number, from: number, turns = 5, offset = 0): number {
  const half = 180 / count;
  const jitter = Math.max(-0.8, Math.min(0.8, offset)) * half;
  const wanted = mod(-(sliceCentre(count, position) + jitter), 360);
  let target = from - mod(from, 360) + wanted;
  while (target < from + turns * 360) target += 360;
  return target;
}

function point(angle: number, r: number): [number, number] {
  const rad = (angle * Math.PI) / 180;
  return [r * Math.sin(rad), -r * Math.cos(rad)];
}

function slicePath(count: number, position: number, r: number): string {
  const step = 360 / count;
  const [x1, y1] = point(position * step, r);
  const [x2, y2] = point((position + 1) * step, r);
  const f = (n: number) => n.toFixed(3);
  return `M0 0 L${f(x1)} ${f(y1)} A${r} ${r} 0 ${step > 180 ? 1 : 0} 1 ${f(x2)} ${f(y2)} Z`;
}

const shorten = (label: string, max: number) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

export function PrizeWheel({ slices, rotation, durationMs, onSettled }: {
  slices: readonly WheelSlice[];
  rotation: number;
  durationMs: number;
  onSettled?: () => void;
}) {
  const count = slices.length;
  const r = 96;
  const fontSize = count <= 6 ? 9 : count <= 12 ? 7.5 : count <= 18 ? 6 : 5;
  const maxChars = count <= 6 ? 14 : count <= 12 ? 18 : 22;
  const description = `Prize wheel with ${count} ${count === 1 ? 'slice' : 'slices'}: ${slices.map((s) => s.label).join(', ')}`;
  return (
    <div className="relative mx-auto aspect-square w-full max-w-sm">
      <svg viewBox="-100 -100 200 200" role="img" aria-label={description} className="h-full w-full">
        <g
          data-testid="wheel-rotor"
          style={{ transform: `rotate(${rotation}deg)`, transition: durationMs > 0 ? `transform ${durationMs}ms cubic-bezier(0.15, 0.7, 0.2, 1)` : 'none' }}
          onTransitionEnd={(e) => { if (e.target === e.currentTarget) onSettled?.(); }}
        >
          <circle r={r + 3} fill="#e2e8f0" />
          {slices.map((s, i) => {
            const centre = sliceCentre(count, i);
            // Labels run along the radius; on the left half they are turned over so they never read upside down.
            const flip = centre > 180;
            return (
              <g key={s.position} data-slice={s.position}>
                {count === 1
                  ? <circle r={r} fill={SLICE_COLOURS[0]} />
                  : <path d={slicePath(count, i, r)} fill={SLICE_COLOURS[i % SLICE_COLOURS.length]} stroke="#ffffff" strokeWidth={0.8} />}
                <text
                  transform={flip ? `rotate(${centre + 90}) translate(${-r * 0.58} 0)` : `rotate(${centre - 90}) translate(${r * 0.58} 0)`}
                  textAnchor="middle" dominantBaseline="central" fill="#ffffff" fontSize={fontSize} fontWeight={600}
                >
                  <title>{s.label}</title>
                  {shorten(s.label, maxChars)}
                </text>
              </g>
            );
          })}
          <circle r={10} fill="#ffffff" stroke="#cbd5e1" strokeWidth={1.5} />
        </g>
        {/* The pointer, fixed at the top. */}
        <path d="M-7 -101 L7 -101 L0 -86 Z" fill="#0f172a" stroke="#ffffff" strokeWidth={1.2} />
      </svg>
    </div>
  );
}
