import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { Button, Empty, ErrorNote, Loaded } from '../../../ui/kit';
import { BuyerPicker, type BuyerRef } from './BuyerPicker';
import { formatDate } from './common';

/** Blocked buyers see none of the seller's listings, whatever their audience. */
export function Blocks() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['seller-blocks'], queryFn: () => must(api.GET('/v1/seller-blocks')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['seller-blocks'] });
  const block = useMutation({
    mutationFn: (buyer: BuyerRef) => must(api.PUT('/v1/seller-blocks/{buyerId}', { params: { path: { buyerId: buyer.id } } })),
    onSuccess: refresh,
  });
  const unblock = useMutation({
    mutationFn: (buyerId: string) => must(api.DELETE('/v1/seller-blocks/{buyerId}', { params: { path: { buyerId } } })),
    onSuccess: refresh,
  });
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600">A blocked buyer sees none of your listings and auctions, whoever else may see them. Blocking and unblocking count at once.</p>
      <BuyerPicker idPrefix="block" label="Buyer to block" action="Block buyer" busy={block.isPending} onPick={(b) => block.mutateAsync(b)} />
      <ErrorNote error={unblock.error} />
      <Loaded query={query}>
        {(data) => data.items.length === 0 ? <div className="mt-3"><Empty>You have not blocked anyone.</Empty></div> : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Blocked buyers">
            {data.items.map((b) => (
              <li key={b.buyerId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <div>
                  <div className="font-medium" id={`blocked-${b.buyerId}`}>{b.displayName}</div>
                  <div className="text-xs text-slate-600">Blocked {formatDate(b.blockedAt)}</div>
                </div>
                <Button variant="secondary" id={`unblock-${b.buyerId}`} aria-labelledby={`unblock-${b.buyerId} blocked-${b.buyerId}`} disabled={unblock.isPending}
                  onClick={() => unblock.mutate(b.buyerId)}>
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
