import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, must, type Body } from '../../../api/client';
import { AUCTION_KIND_DESCRIPTIONS, AUCTION_KINDS, type AuctionKind } from '../../../ui/auctions';
import { busyProps } from '../../../ui/ConfirmButton';
import { toLocalInput } from '../../../ui/format';
import { useIdempotencyKey } from '../../../ui/idempotency';
import { Button, ErrorNote, Select } from '../../../ui/kit';
import { parseMoney } from '../../../ui/money';
import { amountError, TextField, type Auction, type Listing } from './common';

type AuctionBody = Body<'/v1/auctions', 'post'>;
type FieldName = 'start' | 'reserve' | 'buyNow' | 'endsAt' | 'windowS' | 'extendS';
type Problems = Partial<Record<FieldName, string>>;

interface Form { kind: AuctionKind; start: string; reserve: string; buyNow: string; endsAt: string; windowS: string; extendS: string }

/** The body for POST /v1/auctions, or each field's problem. */
function check(f: Form, listing: Listing, now: number): { body: AuctionBody } | { problems: Problems } {
  const problems: Problems = {};
  const english = f.kind === 'english';
  const money = (field: FieldName, text: string, what: string, optional: boolean) => {
    if (optional && !text.trim()) return undefined;
    const v = parseMoney(text, listing.currency);
    if (v === null) problems[field] = amountError(what, listing.currency);
    else if (v < 1) problems[field] = `Enter a ${what} above zero.`;
    return v ?? undefined;
  };
  const secs = (field: FieldName, t: string, what: string) => {
    if (!/^\d+$/.test(t.trim()) || Number(t) > 3600) problems[field] = `The ${what} is 0 to 3600 seconds.`;
    return Number(t);
  };
  const startPriceMinor = money('start', f.start, 'starting bid', false);
  const reserveMinor = money('reserve', f.reserve, 'reserve', true);
  const buyNowMinor = english ? money('buyNow', f.buyNow, 'buy-now amount', true) : undefined;
  if (startPriceMinor && reserveMinor && reserveMinor < startPriceMinor) problems.reserve ??= 'The reserve cannot be below the starting bid.';
  if (startPriceMinor && buyNowMinor && buyNowMinor < Math.max(startPriceMinor, reserveMinor ?? 0)) problems.buyNow ??= 'The buy-now amount cannot be below the starting bid or the reserve.';
  const end = new Date(f.endsAt);
  if (Number.isNaN(end.getTime())) problems.endsAt = 'Choose when the auction ends.';
  else if (end.getTime() - now < 10_000 || end.getTime() - now > 30 * 86_400_000) problems.endsAt = 'The auction must end between 10 seconds and 30 days from now.';
  const antiSniping = english ? { windowS: secs('windowS', f.windowS, 'anti-sniping window'), extendS: secs('extendS', f.extendS, 'extension') } : undefined;
  if (Object.keys(problems).length || !startPriceMinor) return { problems };
  return {
    body: {
      kind: f.kind, listingId: listing.id, startPriceMinor, reserveMinor, buyNowMinor, endsAt: end.toISOString(),
      ...(antiSniping ? { antiSniping } : {}),
    },
  };
}

/**
 * Auction one unit of an active listing. Starting sends an Idempotency-Key kept for a retry after
 * a lost answer (ui/idempotency.ts), so pressing again cannot open a second auction.
 */
export function AuctionStarter({ listing, onStarted }: { listing: Listing; onStarted?: (a: Auction) => void }) {
  const client = useQueryClient();
  const keys = useIdempotencyKey();
  const [form, setForm] = useState<Form>(() => ({
    kind: 'english', start: '', reserve: '', buyNow: '', endsAt: toLocalInput(new Date(Date.now() + 24 * 3600_000)), windowS: '120', extendS: '120',
  }));
  const [problems, setProblems] = useState<Problems>({});
  const fields = useRef<HTMLFormElement>(null);
  const open = useMutation({
    mutationFn: (body: AuctionBody) => keys.run(body, (key) => must(api.POST('/v1/auctions', { body, headers: { 'Idempotency-Key': key } }))),
    onSuccess: async (a) => {
      // The auction set a unit aside: the listing's stock and the seller's lists change with it.
      await Promise.all([
        client.invalidateQueries({ queryKey: ['seller-auctions'] }),
        client.invalidateQueries({ queryKey: ['listing', listing.id] }),
        client.invalidateQueries({ queryKey: ['my-listings'] }),
      ]);
      onStarted?.(a);
    },
  });
  const set = (key: keyof Form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (open.isPending) return;
    const checked = check(form, listing, Date.now());
    if ('problems' in checked) {
      setProblems(checked.problems);
      const first = (Object.keys(checked.problems) as FieldName[])[0];
      if (first) fields.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    setProblems({});
    open.mutate(checked.body);
  };
  const english = form.kind === 'english';
  const unit = listing.currency === 'COIN' ? 'whole coins, e.g. 250' : `${listing.currency}, e.g. 12.50`;
  return (
    <form ref={fields} onSubmit={submit} noValidate aria-label="Start an auction">
      <p className="mb-3 text-sm text-slate-600">One unit of this listing is set aside for the auction; it comes back if it does not sell.</p>
      <Select label="Auction type" value={form.kind} onChange={(e) => setForm((f) => ({ ...f, kind: e.target.value as AuctionKind }))}>
        {AUCTION_KINDS.map((k) => <option key={k} value={k}>{AUCTION_KIND_DESCRIPTIONS[k]}</option>)}
      </Select>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="Starting bid" required inputMode="decimal" value={form.start} onChange={set('start')} data-field="start" error={problems.start} hint={`In ${unit}.`} />
        <TextField label="Reserve (optional)" inputMode="decimal" value={form.reserve} onChange={set('reserve')} data-field="reserve" error={problems.reserve} hint="Hidden from bidders: below it, no sale." />
        {english && (
          <TextField label="Buy it now for (optional)" inputMode="decimal" value={form.buyNow} onChange={set('buyNow')} data-field="buyNow" error={problems.buyNow}
            hint="Ends the auction at once for the first buyer who pays it." />
        )}
        <TextField label="Ends at" type="datetime-local" step={1} required value={form.endsAt} onChange={set('endsAt')} data-field="endsAt" error={problems.endsAt}
          hint="10 seconds to 30 days from now, your local time." />
      </div>
      {english && (
        <fieldset className="mb-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Anti-sniping</legend>
          <p className="mb-2 text-xs text-slate-600">A bid in the last seconds moves the end later, so nobody wins by bidding at the last moment.</p>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <TextField label="Window (seconds)" inputMode="numeric" value={form.windowS} onChange={set('windowS')} data-field="windowS" error={problems.windowS} />
            <TextField label="Extend by (seconds)" inputMode="numeric" value={form.extendS} onChange={set('extendS')} data-field="extendS" error={problems.extendS} />
          </div>
        </fieldset>
      )}
      <ErrorNote error={open.error} />
      <Button type="submit" {...busyProps(open.isPending)}>{open.isPending ? 'Starting…' : 'Start auction'}</Button>
    </form>
  );
}
