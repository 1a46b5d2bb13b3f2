import { useEffect, useState, type FormEvent } from 'react';
import { Button, Field, Select } from '../../../ui/kit';
import { parseMoney } from '../../../ui/money';

export type Sort = 'score' | 'newest' | 'price_asc' | 'price_desc';

/** What the buyer searches for, as it sits in the address bar (so back, forward and links work). */
export interface SearchState {
  q: string;
  category: string;
  min: string;
  max: string;
  attrs: string;
  sort: '' | Sort;
  near: '' | 'home';
  radius: string;
}

const KEYS: (keyof SearchState)[] = ['q', 'category', 'min', 'max', 'attrs', 'sort', 'near', 'radius'];

export function readSearch(search: string): SearchState {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k) ?? '';
  const sort = get('sort');
  return {
    q: get('q'), category: get('category'), min: get('min'), max: get('max'), attrs: get('attrs'),
    sort: (['score', 'newest', 'price_asc', 'price_desc'].includes(sort) ? sort : '') as SearchState['sort'],
    near: get('near') === 'home' ? 'home' : '', radius: get('radius'),
  };
}

export function writeSearch(s: SearchState): string {
  const p = new URLSearchParams();
  for (const k of KEYS) if (s[k].trim()) p.set(k, s[k].trim());
  return p.toString();
}

/** attrs "color:red, size:42" as the API's repeated attr=name:value. */
export function attrList(attrs: string): string[] {
  return attrs.split(',').map((a) => a.trim()).filter((a) => /^[^:]+:.+$/.test(a)).slice(0, 10);
}

/**
 * A price bound as whole coins, or null (empty or not a whole number of coins). A price range is
 * searched in coins (the query then names the currency, so listings priced in another currency,
 * whose minor units mean something else, are left out), and the form says so.
 */
export function coinBound(text: string): number | null {
  return text.trim() ? parseMoney(text, 'COIN') : null;
}

/** The field error for a price bound, or undefined. */
export function coinBoundError(text: string): string | undefined {
  return text.trim() && coinBound(text) === null ? 'Enter a whole number of coins, like 250 (no separators or decimals).' : undefined;
}

/** The API query for a search state; null fields are left out. */
export function toQuery(s: SearchState, home: { lat: number; lng: number } | null) {
  const min = coinBound(s.min);
  const max = coinBound(s.max);
  const radius = Number(s.radius);
  const point = s.near === 'home' && home ? home : null;
  return {
    ...(s.q.trim() ? { q: s.q.trim() } : {}),
    ...(s.category ? { category: s.category } : {}),
    ...(min !== null || max !== null ? { currency: 'COIN' } : {}),
    ...(min !== null ? { minPriceMinor: min } : {}),
    ...(max !== null ? { maxPriceMinor: max } : {}),
    ...(attrList(s.attrs).length ? { attr: attrList(s.attrs) } : {}),
    ...(s.sort ? { sort: s.sort } : {}),
    ...(point ? { lat: point.lat, lng: point.lng, ...(radius > 0 ? { radiusKm: radius } : {}) } : {}),
  };
}

interface Props {
  value: SearchState;
  categories: string[];
  hasHome: boolean;
  onSearch: (s: SearchState) => void;
}

/** The search box and filters; the search runs when the form is sent. */
export function SearchForm({ value, categories, hasHome, onSearch }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const filtered = !!(value.category || value.min || value.max || value.attrs || value.sort || value.near);
  const [open, setOpen] = useState(filtered);
  const set = (k: keyof SearchState) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const [checked, setChecked] = useState(false);
  const minError = checked ? coinBoundError(draft.min) : undefined;
  const maxError = checked ? coinBoundError(draft.max) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (coinBoundError(draft.min) || coinBoundError(draft.max)) {
      setChecked(true);
      setOpen(true);
      requestAnimationFrame(() => document.getElementById(coinBoundError(draft.min) ? 'search-min' : 'search-max')?.focus());
      return;
    }
    setChecked(false);
    onSearch(draft);
  };
  const options = Array.from(new Set([...categories, ...(draft.category ? [draft.category] : [])])).sort();

  return (
    <form role="search" aria-label="Listings" onSubmit={submit} className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field label="Search" type="search" value={draft.q} onChange={set('q')} placeholder="Oak chair, camera…" />
        </div>
        <Button type="submit" className="mb-3">Search</Button>
      </div>
      <details className="text-sm" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="mb-2 cursor-pointer font-medium text-slate-700">Filters and sorting</summary>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          <Select label="Category" value={draft.category} onChange={set('category')}>
            <option value="">All categories</option>
            {options.map((c) => <option key={c} value={c}>{c}</option>)}
          </Select>
          <Select label="Sort by" value={draft.sort} onChange={set('sort')}>
            <option value="">Default</option>
            <option value="score">Best match</option>
            <option value="newest">Newest</option>
            <option value="price_asc">Price: low to high</option>
            <option value="price_desc">Price: high to low</option>
          </Select>
          <Field id="search-min" label="Min price (coins)" inputMode="numeric" value={draft.min} onChange={set('min')} aria-invalid={!!minError}
            hint={minError ?? 'Whole coins: a price range shows listings priced in coins.'} />
          <Field id="search-max" label="Max price (coins)" inputMode="numeric" value={draft.max} onChange={set('max')} aria-invalid={!!maxError}
            hint={maxError ?? 'Whole coins.'} />
          <Field label="Attributes" value={draft.attrs} onChange={set('attrs')} placeholder="color:red, size:42" hint="name:value, separated by commas" />
          <Select label="Near" value={draft.near} onChange={set('near')}>
            <option value="">Anywhere</option>
            <option value="home" disabled={!hasHome}>My home location{hasHome ? '' : ' (not set)'}</option>
          </Select>
          {draft.near === 'home' && (
            <Field label="Within (km)" inputMode="decimal" value={draft.radius} onChange={set('radius')} hint="Empty: any distance, nearest ranked higher" />
          )}
        </div>
        <Button type="submit" variant="secondary">Apply filters</Button>
      </details>
    </form>
  );
}
