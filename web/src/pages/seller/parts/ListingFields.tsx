import { ApiError } from '../../../api/client';
import { Select } from '../../../ui/kit';
import { CURRENCIES, minorToText, parseMoney } from '../../../ui/money';
import { AttributeRows, attributesOf, rowsOf, type AttributeRow } from './AttributeRows';
import { amountError, CONDITIONS, TextField, type Condition, type Listing, type ListingBody } from './common';

/** The listing form's values, as typed. */
export interface ListingDraft {
  title: string;
  description: string;
  category: string;
  price: string;
  currency: string;
  quantity: string;
  condition: Condition;
  lat: string;
  lng: string;
  images: string;
  attributes: AttributeRow[];
}

/** What to fix, and in which field when it is one (the form shows it there and focuses it). */
export interface FieldProblem {
  error: string;
  field?: 'title' | 'category' | 'price' | 'quantity' | 'lat' | 'images';
}

export function draftOf(l?: Listing): ListingDraft {
  if (!l) return { title: '', description: '', category: '', price: '', currency: 'COIN', quantity: '1', condition: 'new', lat: '', lng: '', images: '', attributes: [] };
  return {
    title: l.title, description: l.description, category: l.category, price: minorToText(l.priceMinor, l.currency), currency: l.currency,
    quantity: String(l.quantity), condition: l.condition as Condition, lat: l.location ? String(l.location.lat) : '', lng: l.location ? String(l.location.lng) : '',
    images: l.images.join('\n'), attributes: rowsOf(l.attributes),
  };
}

export type FieldsBody = Omit<ListingBody, 'audience' | 'surgeMaxBp'>;

/** Image addresses must be https: the pages' content policy shows only https images, so an http one would never show to buyers. */
const HTTPS_URL = /^https:\/\/[^\s/]+\S*$/i;

/**
 * The draft's body, or null after showing what to fix: a field's problem at the field, which takes
 * the focus (`fields` holds the fields); any other above the buttons.
 */
export function checkedBody(
  draft: ListingDraft, fields: HTMLElement | null, show: { invalid: (p: FieldProblem) => void; problem: (e: ApiError) => void },
): FieldsBody | null {
  const checked = bodyOf(draft);
  if (!('error' in checked)) return checked.body;
  if (checked.field) {
    show.invalid(checked);
    fields?.querySelector<HTMLElement>(`[data-field="${checked.field}"]`)?.focus();
  } else show.problem(new ApiError('VALIDATION_FAILED', checked.error, 400));
  return null;
}

/** The body for the service, or what to fix. */
export function bodyOf(d: ListingDraft): { body: FieldsBody } | FieldProblem {
  if (!d.title.trim()) return { error: 'Enter a title.', field: 'title' };
  if (!d.category.trim()) return { error: 'Enter a category.', field: 'category' };
  const priceMinor = parseMoney(d.price, d.currency);
  if (priceMinor === null) return { error: amountError('price', d.currency), field: 'price' };
  const quantity = Number(d.quantity);
  if (!/^\d+$/.test(d.quantity.trim()) || quantity > 1_000_000) return { error: 'Enter the quantity as a whole number (0 to 1,000,000).', field: 'quantity' };
  let location: FieldsBody['location'] = null;
  if (d.lat.trim() || d.lng.trim()) {
    const lat = Number(d.lat);
    const lng = Number(d.lng);
    if (!d.lat.trim() || !d.lng.trim() || Number.isNaN(lat) || Number.isNaN(lng)) return { error: 'Give both latitude and longitude, or neither.', field: 'lat' };
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return { error: 'Latitude is between -90 and 90, longitude between -180 and 180.', field: 'lat' };
    location = { lat, lng };
  }
  const images = d.images.split(/\s+/).map((s) => s.trim()).filter(Boolean);
  if (images.length > 20) return { error: 'At most 20 image addresses.', field: 'images' };
  const wrong = images.find((u) => !HTTPS_URL.test(u));
  if (wrong) return { error: `Image addresses start with https:// (one a line): “${wrong.slice(0, 60)}” does not.`, field: 'images' };
  const attributes = attributesOf(d.attributes);
  if ('error' in attributes) return attributes;
  return {
    body: {
      title: d.title.trim(), description: d.description, category: d.category.trim(), priceMinor, currency: d.currency, quantity,
      condition: d.condition, location, images, attributes: attributes.value,
    },
  };
}

function TextArea({ id, label, hint, error, value, onChange, rows = 3, field }: {
  id: string; label: string; hint?: string; error?: string; value: string; onChange: (v: string) => void; rows?: number; field?: string;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} data-field={field}
        aria-describedby={described} aria-invalid={error ? true : undefined}
        className={`w-full rounded-md border bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 ${error ? 'border-red-500' : 'border-slate-300'}`} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}

/** The listing's fields; the currency cannot change once a listing exists. `invalid` marks the field to fix. */
export function ListingFields({ draft, onChange, currencyLocked = false, invalid }: {
  draft: ListingDraft; onChange: (d: ListingDraft) => void; currencyLocked?: boolean; invalid?: FieldProblem | null;
}) {
  const set = <K extends keyof ListingDraft>(key: K, value: ListingDraft[K]) => onChange({ ...draft, [key]: value });
  const error = (field: FieldProblem['field']) => (invalid && invalid.field === field ? invalid.error : undefined);
  return (
    <div>
      <TextField label="Title" required maxLength={200} value={draft.title} onChange={(e) => set('title', e.target.value)} data-field="title" error={error('title')} />
      <TextArea id="f-description" label="Description" value={draft.description} onChange={(v) => set('description', v)} rows={4} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="Category" required maxLength={100} value={draft.category} onChange={(e) => set('category', e.target.value)} data-field="category" error={error('category')} />
        <Select label="Condition" value={draft.condition} onChange={(e) => set('condition', e.target.value as Condition)}>
          {CONDITIONS.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </Select>
        <TextField label="Price" required inputMode="decimal" value={draft.price} onChange={(e) => set('price', e.target.value)} data-field="price" error={error('price')}
          hint={draft.currency === 'COIN' ? 'Whole coins, e.g. 250.' : `In ${draft.currency}, e.g. 12.50 (no thousands separators).`} />
        <Select label="Currency" value={draft.currency} disabled={currencyLocked} onChange={(e) => set('currency', e.target.value)}>
          {[...new Set([draft.currency, ...CURRENCIES])].map((c) => <option key={c} value={c}>{c === 'COIN' ? 'COIN (coins)' : c}</option>)}
        </Select>
        <TextField label="Quantity" required inputMode="numeric" value={draft.quantity} onChange={(e) => set('quantity', e.target.value)} data-field="quantity" error={error('quantity')} />
      </div>
      <fieldset className="mb-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Location (optional)</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label="Latitude" inputMode="decimal" value={draft.lat} onChange={(e) => set('lat', e.target.value)} placeholder="41.0082" data-field="lat" error={error('lat')} />
          <TextField label="Longitude" inputMode="decimal" value={draft.lng} onChange={(e) => set('lng', e.target.value)} placeholder="28.9784" />
        </div>
      </fieldset>
      <TextArea id="f-images" label="Image URLs" hint="One https:// address a line, up to 20." value={draft.images} onChange={(v) => set('images', v)} field="images" error={error('images')} />
      <AttributeRows rows={draft.attributes} onChange={(rows) => set('attributes', rows)} />
    </div>
  );
}
