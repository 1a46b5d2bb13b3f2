import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, must, type Body } from '../../../api/client';
import { Button, ErrorNote, Field, Select } from '../../../ui/kit';
import { parseMoney } from '../../../ui/money';
import type { Auction, Listing } from './common';

type Kind = NonNullable<Body<'/v1/auctions', 'post'>['kind']>;
const KINDS: { value: Kind; label: string }[] = [
  { value: 'english', label: 'English (open bids, highest wins)' },
  { value: 'sealed_first', label: 'Sealed bids, first price (winner pays own bid)' },
  { value: 'sealed_second', label: 'Sealed bids, second price (winner pays the second-highest bid)' },
];

/** A datetime-local value (local time, minutes) for a moment. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Auction one unit of an active listing. */
export function AuctionStarter({ listing, onStarted }: { listing: Listing; onStarted?: (a: Auction) => void }) {
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>('english');
  const [start, setStart] = useState('');
  const [reserve, setReserve] = useState('');
  const [buyNow, setBuyNow] = useState('');
  const [endsAt, setEndsAt] = useState(() => localInput(new Date(Date.now() + 24 * 3600_000)));
  const [windowS, setWindowS] = useState('120');
  const [extendS, setExtendS] = useState('120');
  const english = kind === 'english';
  const money = (text: string, what: string, optional: boolean): number | undefined => {
    if (optional && !text.trim()) return undefined;
    const v = parseMoney(text, listing.currency);
    if (v === null || v < 1) throw new ApiError('VALIDATION_FAILED', `Enter the ${what} as an amount above zero${listing.currency === 'COIN' ? ' (whole coins)' : ''}.`, 400);
    return v;
  };
  const open = useMutation({
    mutationFn: () => {
      const invalid = (message: string) => new ApiError('VALIDATION_FAILED', message, 400);
      const end = new Date(endsAt);
      if (Number.isNaN(end.getTime())) throw invalid('Choose when the auction ends.');
      const ms = end.getTime() - Date.now();
      if (ms < 10_000 || ms > 30 * 86_400_000) throw invalid('The auction must end between 10 seconds and 30 days from now.');
      const secs = (t: string, what: string) => {
        if (!/^\d+$/.test(t.trim()) || Number(t) > 3600) throw invalid(`The ${what} is 0 to 3,600 seconds.`);
        return Number(t);
      };
      const startPriceMinor = money(start, 'starting bid', false)!;
      const reserveMinor = money(reserve, 'reserve', true);
      const buyNowMinor = english ? money(buyNow, 'buy-now amount', true) : undefined;
      if (reserveMinor !== undefined && reserveMinor < startPriceMinor) throw invalid('The reserve cannot be below the starting bid.');
      if (buyNowMinor !== undefined && buyNowMinor < Math.max(startPriceMinor, reserveMinor ?? 0)) throw invalid('The buy-now amount cannot be below the starting bid or the reserve.');
      const body: Body<'/v1/auctions', 'post'> = {
        kind, listingId: listing.id, startPriceMinor, reserveMinor, buyNowMinor, endsAt: end.toISOString(),
        ...(english ? { antiSniping: { windowS: secs(windowS, 'anti-sniping window'), extendS: secs(extendS, 'extension') } } : {}),
      };
      return must(api.POST('/v1/auctions', { body }));
    },
    onSuccess: async (a) => {
      await client.invalidateQueries({ queryKey: ['seller-auctions'] });
      onStarted?.(a);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate();
  };
  const unit = listing.currency === 'COIN' ? 'coins' : listing.currency;
  return (
    <form onSubmit={submit} noValidate aria-label="Start an auction">
      <p className="mb-3 text-sm text-slate-600">One unit of this listing is set aside for the auction; it comes back if it does not sell.</p>
      <Select label="Auction type" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
      </Select>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Starting bid" required inputMode="decimal" value={start} onChange={(e) => setStart(e.target.value)} hint={`In ${unit}.`} />
        <Field label="Reserve (optional)" inputMode="decimal" value={reserve} onChange={(e) => setReserve(e.target.value)} hint="Hidden from bidders: below it, no sale." />
        {english && <Field label="Buy it now for (optional)" inputMode="decimal" value={buyNow} onChange={(e) => setBuyNow(e.target.value)} hint="Ends the auction at once for the first buyer who pays it." />}
        <Field label="Ends at" type="datetime-local" step={1} required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} hint="10 seconds to 30 days from now, your local time." />
      </div>
      {english && (
        <fieldset className="mb-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Anti-sniping</legend>
          <p className="mb-2 text-xs text-slate-600">A bid in the last seconds moves the end later, so nobody wins by bidding at the last moment.</p>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="Window (seconds)" inputMode="numeric" value={windowS} onChange={(e) => setWindowS(e.target.value)} />
            <Field label="Extend by (seconds)" inputMode="numeric" value={extendS} onChange={(e) => setExtendS(e.target.value)} />
          </div>
        </fieldset>
      )}
      <ErrorNote error={open.error} />
      <Button type="submit" disabled={open.isPending}>Start auction</Button>
    </form>
  );
}
