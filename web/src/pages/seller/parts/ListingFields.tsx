import { Field, Select } from '../../../ui/kit';
import { parseMoney } from '../../../ui/money';
import { AttributeRows, attributesOf, rowsOf, type AttributeRow } from './AttributeRows';
import { CONDITIONS, CURRENCIES, type Condition, type Listing, type ListingBody } from './common';

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

function priceText(minor: number, currency: string): string {
  if (currency === 'COIN') return String(minor);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

export function draftOf(l?: Listing): ListingDraft {
  if (!l) return { title: '', description: '', category: '', price: '', currency: 'COIN', quantity: '1', condition: 'new', lat: '', lng: '', images: '', attributes: [] };
  return {
    title: l.title, description: l.description, category: l.category, price: priceText(l.priceMinor, l.currency), currency: l.currency,
    quantity: String(l.quantity), condition: l.condition as Condition, lat: l.location ? String(l.location.lat) : '', lng: l.location ? String(l.location.lng) : '',
    images: l.images.join('\n'), attributes: rowsOf(l.attributes),
  };
}

type Fields = Omit<ListingBody, 'audience' | 'surgeMaxBp'>;

/** The body for the service, or a message saying what to fix. */
export function bodyOf(d: ListingDraft): { body: Fields } | { error: string } {
  if (!d.title.trim()) return { error: 'Enter a title.' };
  if (!d.category.trim()) return { error: 'Enter a category.' };
  const priceMinor = parseMoney(d.price, d.currency);
  if (priceMinor === null) return { error: `Enter the price as a number${d.currency === 'COIN' ? ' of coins' : ''}.` };
  const quantity = Number(d.quantity);
  if (!/^\d+$/.test(d.quantity.trim()) || quantity > 1_000_000) return { error: 'Enter the quantity as a whole number (0 to 1,000,000).' };
  let location: Fields['location'] = null;
  if (d.lat.trim() || d.lng.trim()) {
    const lat = Number(d.lat);
    const lng = Number(d.lng);
    if (!d.lat.trim() || !d.lng.trim() || Number.isNaN(lat) || Number.isNaN(lng)) return { error: 'Give both latitude and longitude, or neither.' };
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return { error: 'Latitude is between -90 and 90, longitude between -180 and 180.' };
    location = { lat, lng };
  }
  const images = d.images.split(/\s+/).map((s) => s.trim()).filter(Boolean);
  if (images.some((u) => !/^https?:\/\/\S+$/.test(u))) return { error: 'Image URLs start with https:// (one a line).' };
  const attributes = attributesOf(d.attributes);
  if ('error' in attributes) return attributes;
  return {
    body: {
      title: d.title.trim(), description: d.description, category: d.category.trim(), priceMinor, currency: d.currency, quantity,
      condition: d.condition, location, images, attributes: attributes.value,
    },
  };
}

function TextArea({ id, label, hint, value, onChange, rows = 3 }: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; rows?: number }) {
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
      {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

/** The listing's fields; the currency cannot change once a listing exists. */
export function ListingFields({ draft, onChange, currencyLocked = false }: { draft: ListingDraft; onChange: (d: ListingDraft) => void; currencyLocked?: boolean }) {
  const set = <K extends keyof ListingDraft>(key: K, value: ListingDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <div>
      <Field label="Title" required maxLength={200} value={draft.title} onChange={(e) => set('title', e.target.value)} />
      <TextArea id="f-description" label="Description" value={draft.description} onChange={(v) => set('description', v)} rows={4} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Category" required maxLength={100} value={draft.category} onChange={(e) => set('category', e.target.value)} />
        <Select label="Condition" value={draft.condition} onChange={(e) => set('condition', e.target.value as Condition)}>
          {CONDITIONS.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </Select>
        <Field label="Price" required inputMode="decimal" value={draft.price} onChange={(e) => set('price', e.target.value)}
          hint={draft.currency === 'COIN' ? 'Whole coins.' : `In ${draft.currency}, e.g. 12.50.`} />
        <Select label="Currency" value={draft.currency} disabled={currencyLocked} onChange={(e) => set('currency', e.target.value)}>
          {[...new Set([draft.currency, ...CURRENCIES])].map((c) => <option key={c} value={c}>{c === 'COIN' ? 'COIN (coins)' : c}</option>)}
        </Select>
        <Field label="Quantity" required inputMode="numeric" value={draft.quantity} onChange={(e) => set('quantity', e.target.value)} />
      </div>
      <fieldset className="mb-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Location (optional)</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field label="Latitude" inputMode="decimal" value={draft.lat} onChange={(e) => set('lat', e.target.value)} placeholder="41.0082" />
          <Field label="Longitude" inputMode="decimal" value={draft.lng} onChange={(e) => set('lng', e.target.value)} placeholder="28.9784" />
        </div>
      </fieldset>
      <TextArea id="f-images" label="Image URLs" hint="One https:// address a line, up to 20." value={draft.images} onChange={(v) => set('images', v)} />
      <AttributeRows rows={draft.attributes} onChange={(rows) => set('attributes', rows)} />
    </div>
  );
}
