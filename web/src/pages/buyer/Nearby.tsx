import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../api/client';
import { useMe } from '../../auth/session';
import { Button, Empty, ErrorNote, Field, Loading, Page, Select } from '../../ui/kit';
import { km, PriceTag } from './shop/bits';
import { NearbyMap } from './shop/NearbyMap';

interface Search { lat: number; lng: number; mode: 'radius' | 'nearest'; radiusKm: number; k: number }

/** Listings near a point (the member's home by default): a plain map of dots and the same as a list. */
export default function Nearby() {
  const me = useMe();
  const home = me.data?.homeLocation ?? null;
  const [search, setSearch] = useState<Search | null>(home ? { ...home, mode: 'radius', radiusKm: 10, k: 20 } : null);
  useEffect(() => {
    if (home && !search) setSearch({ ...home, mode: 'radius', radiusKm: 10, k: 20 });
  }, [home, search]);

  const results = useQuery({
    queryKey: ['nearby', search],
    enabled: !!search,
    queryFn: () => must(api.GET('/v1/listings/nearby', {
      params: { query: search!.mode === 'radius' ? { lat: search!.lat, lng: search!.lng, radiusKm: search!.radiusKm, limit: 100 } : { lat: search!.lat, lng: search!.lng, limit: search!.k } },
    })),
  });

  return (
    <Page title="Nearby">
      <PointForm initial={search} home={home} onSubmit={setSearch} />
      {!search ? (
        <Empty>Enter a point (latitude and longitude) to see the listings near it. You can also set a home location on your account.</Empty>
      ) : results.isPending ? <Loading what="Finding listings nearby" /> : results.error ? (
        <ErrorNote error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.items.length === 0 ? (
        <Empty>No listings {search.mode === 'radius' ? `within ${km(search.radiusKm)}` : 'near this point'}. Try a larger radius.</Empty>
      ) : (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <NearbyMap centre={search} radiusKm={search.mode === 'radius' ? search.radiusKm : null} items={results.data.items} />
          <section aria-labelledby="nearby-list">
            <h2 id="nearby-list" className="mb-2 text-lg font-semibold">
              {results.data.items.length === 1 ? '1 listing' : `${results.data.items.length} listings`}, nearest first
            </h2>
            <ol className="space-y-2">
              {results.data.items.map((l) => (
                <li key={l.id} className="rounded-md border border-slate-200 bg-white p-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <Link href={`/listings/${l.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">{l.title}</Link>
                    <span className="text-sm text-slate-600">{km(l.distanceKm)} away</span>
                  </div>
                  <PriceTag listing={l} />
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </Page>
  );
}

function PointForm({ initial, home, onSubmit }: { initial: Search | null; home: { lat: number; lng: number } | null; onSubmit: (s: Search) => void }) {
  const [lat, setLat] = useState(initial ? String(initial.lat) : '');
  const [lng, setLng] = useState(initial ? String(initial.lng) : '');
  const [mode, setMode] = useState<Search['mode']>(initial?.mode ?? 'radius');
  const [radius, setRadius] = useState(String(initial?.radiusKm ?? 10));
  const [k, setK] = useState(String(initial?.k ?? 20));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (initial && lat === '' && lng === '') { setLat(String(initial.lat)); setLng(String(initial.lng)); }
  }, [initial, lat, lng]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const la = Number(lat), ln = Number(lng), r = Number(radius), n = Number(k);
    if (lat.trim() === '' || !Number.isFinite(la) || la < -90 || la > 90) return setError('Latitude is a number from -90 to 90.');
    if (lng.trim() === '' || !Number.isFinite(ln) || ln < -180 || ln > 180) return setError('Longitude is a number from -180 to 180.');
    if (mode === 'radius' && !(r > 0 && r <= 20_000)) return setError('The radius is more than 0 and at most 20,000 km.');
    if (mode === 'nearest' && !(Number.isInteger(n) && n >= 1 && n <= 100)) return setError('Show 1 to 100 listings.');
    setError(null);
    onSubmit({ lat: la, lng: ln, mode, radiusKm: mode === 'radius' ? r : 10, k: mode === 'nearest' ? n : 20 });
  };

  return (
    <form onSubmit={submit} aria-label="Point to search around" className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Latitude" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
        <Field label="Longitude" inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} />
        <Select label="Show" value={mode} onChange={(e) => setMode(e.target.value as Search['mode'])}>
          <option value="radius">Within a radius</option>
          <option value="nearest">The nearest listings</option>
        </Select>
        {mode === 'radius'
          ? <Field label="Radius (km)" inputMode="decimal" value={radius} onChange={(e) => setRadius(e.target.value)} />
          : <Field label="How many" type="number" min={1} max={100} value={k} onChange={(e) => setK(e.target.value)} />}
      </div>
      {error && <p role="alert" className="mb-2 text-sm text-red-800">{error}</p>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Show listings</Button>
        {home && (
          <Button variant="secondary" onClick={() => { setLat(String(home.lat)); setLng(String(home.lng)); }}>Use my home location</Button>
        )}
      </div>
    </form>
  );
}
