import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, must, type Json } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, ErrorNote, Field } from '../../../ui/kit';
import { currencyDigits, formatMoney, minorToText, parseMoney } from '../../../ui/money';

export type Auction = Json<'/v1/auctions/{id}', 'get'>;
type Bid = Json<'/v1/auctions/{id}/bids', 'post', 201>;

/** The answer to a bid, for people. */
export function bidMessage(bid: Bid, currency: string, maxMinor: number): string {
  const money = (n: number) => formatMoney(n, currency);
  if (bid.outcome === 'leading') return `You are leading. The price is ${money(bid.priceMinor)}; Trove bids for you up to your maximum of ${money(maxMinor)}.`;
  if (bid.outcome === 'outbid') return `You were outbid: another bidder's maximum is higher. The price is now ${money(bid.priceMinor)}; bid at least ${money(bid.minimumBidMinor)} to lead.`;
  return `Your sealed bid of ${money(maxMinor)} is in. It stays hidden until the auction closes.`;
}

/** Why typed text is not an amount in this currency (parseMoney gave null), with an example. */
export function amountError(currency: string, example: number): string {
  const digits = currencyDigits(currency);
  const form = digits === 0 ? 'a whole number' : `a number with at most ${digits} decimals`;
  return `Enter ${form}, without thousands separators, like ${minorToText(example, currency)}.`;
}

/** English: the most you will pay (a proxy). Sealed: your one hidden bid, which you may raise. */
export function BidForm({ auction, onPlaced }: { auction: Auction; onPlaced: () => void }) {
  const sealed = auction.kind !== 'english';
  const label = sealed ? 'Your sealed bid' : 'Your maximum bid';
  const min = auction.minimumBidMinor ?? auction.startPriceMinor;
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const money = (n: number) => formatMoney(n, auction.currency);

  const inFlight = useRef(false);
  const bid = useMutation({
    mutationFn: (maxMinor: number) => must(api.POST('/v1/auctions/{id}/bids', { params: { path: { id: auction.id } }, body: { maxMinor } })),
    onSuccess: (answer, maxMinor) => {
      setResult(bidMessage(answer, auction.currency, maxMinor));
      setText('');
      onPlaced();
    },
    onError: () => setResult(null),
    onSettled: () => {
      inFlight.current = false;
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    const amount = parseMoney(text, auction.currency);
    if (amount === null) return setInvalid(text.trim() ? amountError(auction.currency, min) : `Enter your bid, at least ${money(min)}.`);
    if (amount < min) return setInvalid(`Your bid must be at least ${money(min)}.`);
    setInvalid(null);
    setResult(null);
    inFlight.current = true;
    bid.mutate(amount);
  };

  const tooLow = bid.error instanceof ApiError && bid.error.code === 'AUCTION_BID_TOO_LOW'
    ? (bid.error.details as { minimumBidMinor?: number } | undefined)?.minimumBidMinor : undefined;
  const hint = sealed
    ? `At least ${money(min)}. Nobody sees your bid until the close; it is held in your wallet. You can raise it later, not lower it.`
    : `At least ${money(min)}. Trove bids for you, one increment at a time, up to this amount; it is held in your wallet while you lead.`;

  return (
    <form onSubmit={submit} noValidate aria-label={sealed ? 'Sealed bid' : 'Bid'} className="space-y-2">
      <h2 className="text-lg font-semibold">{sealed ? (auction.yourMaxMinor !== null ? 'Raise your sealed bid' : 'Place a sealed bid') : auction.leading ? 'Raise your maximum' : 'Place a bid'}</h2>
      {/* Described by the error first, then the hint (Field names its hint `${id}-hint`). */}
      <Field
        label={label} hint={hint} inputMode={auction.currency === 'COIN' ? 'numeric' : 'decimal'} autoComplete="off"
        placeholder={minorToText(min, auction.currency)} value={text} onChange={(e) => setText(e.target.value)}
        id="bid-amount" aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? 'bid-invalid bid-amount-hint' : 'bid-amount-hint'}
      />
      {invalid && <p id="bid-invalid" className="text-sm text-red-700">{invalid}</p>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" {...busyProps(bid.isPending)}>{sealed ? 'Place sealed bid' : 'Place bid'}</Button>
        <Button variant="secondary" onClick={() => setText(minorToText(min, auction.currency))}>Use the minimum</Button>
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {bid.isPending && <p className="text-slate-600">Placing your bid…</p>}
        {result && <p className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-indigo-900">{result}</p>}
      </div>
      <ErrorNote error={bid.error} />
      {tooLow !== undefined && <p className="text-sm text-slate-700">The least you can bid now is {money(tooLow)}.</p>}
    </form>
  );
}
