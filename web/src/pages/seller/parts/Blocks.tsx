import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { formatDateTime } from '../../../ui/format';
import { Button, Empty, ErrorNote, Loaded } from '../../../ui/kit';
import { BuyerPicker, type BuyerRef } from './BuyerPicker';
import { Saved, useFocusWhen } from './common';

/** Blocked buyers see none of the seller's listings, whatever their audience. */
export function Blocks() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['seller-blocks'], queryFn: () => must(api.GET('/v1/seller-blocks')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['seller-blocks'] });
  const [done, setDone] = useState('');
  const [unblocked, setUnblocked] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const block = useMutation({
    mutationFn: (buyer: BuyerRef) => must(api.PUT('/v1/seller-blocks/{buyerId}', { params: { path: { buyerId: buyer.id } } })),
    onSuccess: async (_r, buyer) => {
      await refresh();
      setUnblocked(null);
      setDone(`${buyer.displayName} is blocked.`);
    },
  });
  const unblock = useMutation({
    mutationFn: (b: { buyerId: string; displayName: string }) => must(api.DELETE('/v1/seller-blocks/{buyerId}', { params: { path: { buyerId: b.buyerId } } })),
    onSuccess: async (_r, b) => {
      await refresh();
      setUnblocked(b.buyerId);
      setDone(`${b.displayName} is unblocked.`);
    },
  });
  // The unblocked buyer's row (and its button) has gone: focus goes to the line saying so.
  useFocusWhen(!!unblocked && !query.data?.items.some((b) => b.buyerId === unblocked), status);
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600">A blocked buyer sees none of your listings and auctions, whoever else may see them. Blocking and unblocking count at once.</p>
      <BuyerPicker idPrefix="block" label="Buyer to block" action="Block buyer" busy={block.isPending} onPick={(b) => { setDone(''); return block.mutateAsync(b); }} />
      <ErrorNote error={unblock.error} />
      <Saved ref={status}>{done}</Saved>
      <Loaded query={query}>
        {(data) => data.items.length === 0 ? <div className="mt-3"><Empty>You have not blocked anyone.</Empty></div> : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Blocked buyers">
            {data.items.map((b) => (
              <li key={b.buyerId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <div>
                  <div className="font-medium" id={`blocked-${b.buyerId}`}>{b.displayName}</div>
                  <div className="text-xs text-slate-600">Blocked {formatDateTime(b.blockedAt)}</div>
                </div>
                <Button variant="secondary" id={`unblock-${b.buyerId}`} aria-labelledby={`unblock-${b.buyerId} blocked-${b.buyerId}`} {...busyProps(unblock.isPending)}
                  onClick={() => { if (unblock.isPending) return; setDone(''); unblock.mutate(b); }}>
                  Unblock
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </div>
  );
}
