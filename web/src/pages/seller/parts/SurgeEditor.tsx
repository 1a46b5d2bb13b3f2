import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, ErrorNote, Field } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { Saved, type Listing } from './common';

/** Surge opt-in: when demand spikes, buyers pay up to the seller's cap (1.0x to 3.0x) times the price. */
export function SurgeEditor({ listing }: { listing: Listing }) {
  const client = useQueryClient();
  const [on, setOn] = useState(listing.surgeMaxBp !== null);
  const [cap, setCap] = useState(listing.surgeMaxBp !== null ? String(listing.surgeMaxBp / 10_000) : '1.5');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      let surgeMaxBp: number | null = null;
      if (on) {
        const x = Number(cap);
        if (!/^\d+(\.\d+)?$/.test(cap.trim()) || x < 1 || x > 3) throw new ApiError('VALIDATION_FAILED', 'The highest multiplier is between 1.0 and 3.0.', 400);
        surgeMaxBp = Math.round(x * 10_000);
      }
      return must(api.PATCH('/v1/listings/{id}', { params: { path: { id: listing.id } }, body: { surgeMaxBp } }));
    },
    onSuccess: (l) => {
      client.setQueryData(['listing', l.id], l);
      setSaved(true);
    },
  });
  return (
    <div>
      <div className="mb-3 flex items-start gap-2">
        <input id="surge-on" type="checkbox" className="mt-1 h-4 w-4 accent-indigo-600" checked={on} onChange={(e) => { setOn(e.target.checked); setSaved(false); }}
          aria-describedby="surge-hint" />
        <div>
          <label htmlFor="surge-on" className="font-medium">Allow surge pricing</label>
          <p id="surge-hint" className="text-xs text-slate-600">When many buyers look, bid or order at once, the price rises with demand, up to your cap. The stored price never changes.</p>
        </div>
      </div>
      {on && (
        <div className="max-w-xs">
          <Field label="Highest multiplier" inputMode="decimal" value={cap} onChange={(e) => { setCap(e.target.value); setSaved(false); }}
            hint={`1.0 to 3.0; e.g. 1.5 lets the price reach ${formatMoney(Math.round(listing.priceMinor * 1.5), listing.currency)}.`} />
        </div>
      )}
      {listing.surge && (
        <p className="mb-2 text-sm text-slate-700">
          Surging now: buyers pay {formatMoney(listing.surge.priceMinor, listing.currency)} ({(listing.surge.multiplierBp / 10_000).toFixed(2)}x). {listing.surge.reason}
        </p>
      )}
      <ErrorNote error={save.error} />
      <Saved>{saved ? (on ? 'Surge pricing saved.' : 'Surge pricing is off.') : ''}</Saved>
      <Button variant="secondary" {...busyProps(save.isPending)} onClick={() => { if (save.isPending) return; setSaved(false); save.mutate(); }}>Save surge pricing</Button>
    </div>
  );
}
