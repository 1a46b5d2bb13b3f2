import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { Cart } from '../../../cart/cart';
import { formatMoney } from '../../../ui/money';
import { Table } from '../../../ui/Table';
import type { Quote } from './types';

interface Props {
  cart: Cart;
  quote: Quote | undefined;
  /** The line a refusal names (out of stock, gone), shown next to it. */
  problem: { listingId: string; message: string } | null;
  onQuantity: (listingId: string, quantity: number) => void;
  onRemove: (listingId: string) => void;
}

/** The cart's lines at the quote's prices (the stored price until the quote comes), editable. */
export function CartLines({ cart, quote, problem, onQuantity, onRemove }: Props) {
  return (
    <Table caption="Items in your cart" divider="" head={['Item', 'Price', 'Quantity', <span className="block text-right">Total</span>, <span className="sr-only">Remove</span>]}>
      {cart.lines.map((line) => {
        const priced = quote?.lines.find((l) => l.listingId === line.listingId);
        const unit = priced?.unitPriceMinor ?? line.unitPriceMinor;
        const bad = problem?.listingId === line.listingId;
        return (
          <tr key={line.listingId} className={`border-t border-slate-200 ${bad ? 'bg-red-50' : ''}`}>
            <td className="min-w-40 px-3 py-2">
              <Link href={`/listings/${line.listingId}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">{line.title}</Link>
              {bad && <p className="text-red-800">{problem.message}</p>}
              {priced && priced.unitPriceMinor !== line.unitPriceMinor && !bad && (
                <p className="text-amber-900">Price now {formatMoney(priced.unitPriceMinor, cart.currency)} (was {formatMoney(line.unitPriceMinor, cart.currency)})</p>
              )}
            </td>
            <td className="whitespace-nowrap px-3 py-2">
              {formatMoney(unit, cart.currency)}
              {priced && priced.surgeBp !== 10_000 && <span className="block text-xs text-amber-900">surge ×{(priced.surgeBp / 10_000).toFixed(2)}</span>}
            </td>
            <td className="px-3 py-2">
              <QuantityInput title={line.title} value={line.quantity} onChange={(q) => onQuantity(line.listingId, q)} />
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-right">{formatMoney(unit * line.quantity, cart.currency)}</td>
            <td className="px-3 py-2 text-right">
              <button type="button" onClick={() => onRemove(line.listingId)} aria-label={`Remove ${line.title}`}
                className="rounded-md px-2 py-1 text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500">
                Remove
              </button>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

function QuantityInput({ title, value, onChange }: { title: string; value: number; onChange: (q: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const n = Number(text);
  const valid = Number.isInteger(n) && n >= 1 && n <= 100_000;
  return (
    <input type="number" min={1} step={1} value={text} aria-label={`Quantity of ${title}`} aria-invalid={!valid}
      onChange={(e) => {
        setText(e.target.value);
        const q = Number(e.target.value);
        if (Number.isInteger(q) && q >= 1 && q <= 100_000) onChange(q);
      }}
      onBlur={() => !valid && setText(String(value))}
      className="min-h-10 w-20 rounded-md border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-500" />
  );
}
