import { useId, useLayoutEffect, useRef, useState } from 'react';

export interface Series { name: string; values: number[]; color?: string }

/** 1.2K, 3.4M: numbers for an axis. */
export const compact = (n: number) => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
const COLORS = ['#4f46e5', '#f59e0b', '#10b981', '#ef4444', '#0ea5e9'];
const H = 240;
const M = { top: 12, right: 12, bottom: 44, left: 64 };

/** Round ticks from 0 up to at least max (1, 2 or 5 times a power of ten). */
function ticks(max: number, whole: boolean): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((f) => f * pow).find((s) => s >= raw)!;
  const step = whole ? Math.max(1, nice) : nice;
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(v);
  return out;
}

function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.max(260, el.clientWidth));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(260, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * A hand-drawn SVG bar or line chart with a title, axis labels, a legend when it has several
 * series, and the same numbers as a table for screen readers and keyboard users.
 */
export function Chart({ title, kind, labels, series, xLabel, yLabel, format = String, tickFormat = compact }: {
  title: string; kind: 'bar' | 'line'; labels: string[]; series: Series[]; xLabel: string; yLabel: string;
  /** Values in tooltips and the table. */ format?: (n: number) => string;
  /** Values on the y axis. */ tickFormat?: (n: number) => string;
}) {
  const { ref, width } = useWidth();
  const titleId = useId();
  const descId = useId();
  const all = series.flatMap((s) => s.values);
  const max = Math.max(0, ...all);
  const yTicks = ticks(max, all.every(Number.isInteger));
  const top = yTicks.at(-1)!;
  const plotW = width - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const n = Math.max(1, labels.length);
  const band = plotW / n;
  const x = (i: number) => M.left + band * i + band / 2;
  const y = (v: number) => M.top + plotH - (plotH * v) / top;
  const every = Math.ceil(n / Math.max(1, Math.floor(plotW / 56)));
  const color = (i: number) => series[i]?.color ?? COLORS[i % COLORS.length]!;
  const total = (s: Series) => s.values.reduce((a, b) => a + b, 0);
  const summary = series.map((s) => `${s.name}: total ${format(total(s))}, highest ${format(Math.max(0, ...s.values))}`).join('; ');

  return (
    <figure className="mb-6 min-w-0 rounded-lg border border-slate-200 bg-white p-3">
      <figcaption id={titleId} className="mb-1 font-semibold">{title}</figcaption>
      {series.length > 1 && (
        <ul className="mb-1 flex flex-wrap gap-3 text-xs text-slate-700" aria-hidden="true">
          {series.map((s, i) => <li key={s.name} className="flex items-center gap-1"><span className="inline-block h-2 w-3 rounded-sm" style={{ background: color(i) }} />{s.name}</li>)}
        </ul>
      )}
      <div ref={ref} className="w-full min-w-0 overflow-hidden">
        <svg width={width} height={H} role="img" aria-labelledby={`${titleId} ${descId}`} className="block">
          <desc id={descId}>{labels.length ? `${labels[0]} to ${labels.at(-1)}. ${summary}.` : 'No data.'}</desc>
          {yTicks.map((t) => (
            <g key={t}>
              <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
              <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize="11" fill="#475569">{tickFormat(t)}</text>
            </g>
          ))}
          <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + plotH} stroke="#94a3b8" />
          <line x1={M.left} x2={width - M.right} y1={M.top + plotH} y2={M.top + plotH} stroke="#94a3b8" />
          {labels.map((l, i) => (i % every === 0 ? (
            <text key={l} x={x(i)} y={M.top + plotH + 14} textAnchor="middle" fontSize="11" fill="#475569">{l.slice(5)}</text>
          ) : null))}
          <text x={M.left + plotW / 2} y={H - 6} textAnchor="middle" fontSize="12" fill="#334155">{xLabel}</text>
          <text transform={`translate(12 ${M.top + plotH / 2}) rotate(-90)`} textAnchor="middle" fontSize="12" fill="#334155">{yLabel}</text>
          {kind === 'bar'
            ? series.map((s, si) => s.values.map((v, i) => {
              const w = Math.max(1, (band * 0.8) / series.length);
              return (
                <rect key={`${si}-${i}`} x={M.left + band * i + band * 0.1 + w * si} width={w} y={y(v)} height={Math.max(0, M.top + plotH - y(v))} fill={color(si)}>
                  <title>{`${labels[i]} ${s.name}: ${format(v)}`}</title>
                </rect>
              );
            }))
            : series.map((s, si) => (
              <g key={s.name}>
                <polyline fill="none" stroke={color(si)} strokeWidth="2" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
                {n <= 62 && s.values.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r="2.5" fill={color(si)}><title>{`${labels[i]} ${s.name}: ${format(v)}`}</title></circle>)}
              </g>
            ))}
        </svg>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-indigo-700">{title}: data table</summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="min-w-full text-left">
            <caption className="sr-only">{title}</caption>
            <thead><tr><th scope="col" className="px-2 py-1">{xLabel}</th>{series.map((s) => <th key={s.name} scope="col" className="px-2 py-1 text-right">{s.name}</th>)}</tr></thead>
            <tbody>
              {labels.map((l, i) => (
                <tr key={l} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1 font-normal">{l}</th>
                  {series.map((s) => <td key={s.name} className="px-2 py-1 text-right tabular-nums">{format(s.values[i] ?? 0)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
