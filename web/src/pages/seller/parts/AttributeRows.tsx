import { Button } from '../../../ui/kit';

export interface AttributeRow {
  key: string;
  value: string;
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function rowsOf(attributes: Record<string, unknown>): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: textOf(value) }));
}

/** Numbers, true/false and JSON objects typed as such are kept as such; anything else is text. */
function valueOf(text: string): unknown {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t) && Number.isSafeInteger(Math.trunc(Number(t)))) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^[[{]/.test(t)) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export function attributesOf(rows: AttributeRow[]): { value: Record<string, unknown> } | { error: string } {
  const value: Record<string, unknown> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.value.trim()) continue;
    if (!key) return { error: 'Every attribute needs a name.' };
    if (key.length > 64) return { error: `The attribute name "${key.slice(0, 20)}…" is longer than 64 characters.` };
    if (key in value) return { error: `The attribute "${key}" is there twice.` };
    value[key] = valueOf(row.value);
  }
  if (new TextEncoder().encode(JSON.stringify(value)).length > 4096) return { error: 'The attributes are too long (4,096 bytes at most).' };
  return { value };
}

const input = 'min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200';

/** Attributes as name/value rows (e.g. color: red, size: 42). */
export function AttributeRows({ rows, onChange }: { rows: AttributeRow[]; onChange: (rows: AttributeRow[]) => void }) {
  const update = (i: number, patch: Partial<AttributeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="mb-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Attributes</legend>
      {rows.length === 0 && <p className="mb-2 text-sm text-slate-600">No attributes. Add some so buyers can filter, e.g. color: red.</p>}
      <ul className="space-y-2">
        {rows.map((row, i) => (
          <li key={i} className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <label className="sr-only" htmlFor={`attr-key-${i}`}>Attribute {i + 1} name</label>
            <input id={`attr-key-${i}`} className={input} placeholder="Name" value={row.key} maxLength={64} onChange={(e) => update(i, { key: e.target.value })} />
            <label className="sr-only" htmlFor={`attr-value-${i}`}>Attribute {i + 1} value</label>
            <input id={`attr-value-${i}`} className={input} placeholder="Value" value={row.value} onChange={(e) => update(i, { value: e.target.value })} />
            <Button variant="secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove<span className="sr-only"> attribute {i + 1}</span>
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="secondary" className="mt-2" onClick={() => onChange([...rows, { key: '', value: '' }])}>Add attribute</Button>
    </fieldset>
  );
}
