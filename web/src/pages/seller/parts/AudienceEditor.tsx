import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, ErrorNote, Loading } from '../../../ui/kit';
import { MemberName } from '../../../ui/members';
import { BuyerPicker } from './BuyerPicker';
import { linkClass, Saved, type Audience, type Listing } from './common';

type Mode = 'all' | 'lists' | 'buyers' | 'hidden';

const MODES: { value: Mode; label: string; hint: string }[] = [
  { value: 'all', label: 'All buyers', hint: 'Every approved buyer (except those you blocked).' },
  { value: 'lists', label: 'Buyer lists', hint: 'Only the buyers on the lists you tick.' },
  { value: 'buyers', label: 'Specific buyers', hint: 'Only the buyers you name here.' },
  { value: 'hidden', label: 'Hidden', hint: 'Nobody but you.' },
];

function modeOf(a: Audience | undefined): Mode {
  if (!a || a.kind === 'all') return 'all';
  if (a.kind === 'hidden') return 'hidden';
  return a.listIds.length > 0 || a.buyerIds.length === 0 ? 'lists' : 'buyers';
}

export function useBuyerLists() {
  return useQuery({ queryKey: ['buyer-lists'], queryFn: () => must(api.GET('/v1/buyer-lists')) });
}

/** Who can see the listing: everyone, the buyers on some lists, named buyers, or nobody. Counts from the next request. */
export function AudienceEditor({ listing }: { listing: Listing }) {
  const client = useQueryClient();
  const current = listing.audience as Audience | undefined;
  const [mode, setMode] = useState<Mode>(modeOf(current));
  const [listIds, setListIds] = useState<string[]>(current?.kind === 'restricted' ? current.listIds : []);
  const [buyerIds, setBuyerIds] = useState<string[]>(current?.kind === 'restricted' ? current.buyerIds : []);
  const [saved, setSaved] = useState(false);
  const lists = useBuyerLists();
  const buyersHeading = useRef<HTMLHeadingElement>(null);
  const save = useMutation({
    mutationFn: () => {
      const audience: Audience = mode === 'all' ? { kind: 'all' } : mode === 'hidden' ? { kind: 'hidden' }
        : { kind: 'restricted', listIds: mode === 'lists' ? listIds : [], buyerIds: mode === 'buyers' ? buyerIds : [] };
      return must(api.PATCH('/v1/listings/{id}', { params: { path: { id: listing.id } }, body: { audience } }));
    },
    onSuccess: (l) => {
      client.setQueryData(['listing', l.id], l);
      void client.invalidateQueries({ queryKey: ['my-listings'] });
      setSaved(true);
    },
  });
  const touch = () => setSaved(false);
  const mixed = current?.kind === 'restricted' && current.listIds.length > 0 && current.buyerIds.length > 0;
  const nobody = (mode === 'lists' && listIds.length === 0) || (mode === 'buyers' && buyerIds.length === 0);
  return (
    <div>
      <fieldset role="radiogroup" className="mb-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Who can see this listing</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {MODES.map((m) => (
            <div key={m.value} className={`flex gap-2 rounded-md border p-3 ${mode === m.value ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-white'}`}>
              <input type="radio" id={`aud-${m.value}`} name="audience" value={m.value} checked={mode === m.value} aria-describedby={`aud-${m.value}-hint`}
                onChange={() => { setMode(m.value); touch(); }} className="mt-1 h-4 w-4 accent-indigo-600" />
              <div>
                <label htmlFor={`aud-${m.value}`} className="font-medium">{m.label}</label>
                <p id={`aud-${m.value}-hint`} className="text-xs text-slate-600">{m.hint}</p>
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      {mixed && <p className="mb-2 text-sm text-amber-800">This listing's audience names both lists and single buyers; saving keeps only what the chosen option shows.</p>}

      {mode === 'lists' && (
        <fieldset className="mb-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Your buyer lists</legend>
          {lists.isPending ? <Loading what="Loading your lists" /> : lists.error ? <ErrorNote error={lists.error} onRetry={() => void lists.refetch()} /> :
            lists.data.items.length === 0 ? (
              <p className="text-sm text-slate-600">You have no buyer lists yet. <Link href="/seller/buyers" className={linkClass}>Create a buyer list</Link>.</p>
            ) : (
              <ul className="space-y-1">
                {lists.data.items.map((l) => (
                  <li key={l.id} className="flex items-center gap-2">
                    <input type="checkbox" id={`list-${l.id}`} className="h-4 w-4 accent-indigo-600" checked={listIds.includes(l.id)}
                      onChange={(e) => { setListIds(e.target.checked ? [...listIds, l.id] : listIds.filter((x) => x !== l.id)); touch(); }} />
                    <label htmlFor={`list-${l.id}`}>{l.name} <span className="text-xs text-slate-600">({l.buyerIds.length} {l.buyerIds.length === 1 ? 'buyer' : 'buyers'})</span></label>
                  </li>
                ))}
              </ul>
            )}
        </fieldset>
      )}

      {mode === 'buyers' && (
        <div className="mb-3 rounded-md border border-slate-200 p-3">
          <h3 ref={buyersHeading} tabIndex={-1} className="text-sm font-medium text-slate-700 focus:outline-none">Buyers who can see it</h3>
          {buyerIds.length === 0 ? <p className="my-2 text-sm text-slate-600">No buyers named yet.</p> : (
            <ul className="my-2 divide-y divide-slate-100">
              {buyerIds.map((b) => (
                <li key={b} className="flex items-center justify-between gap-2 py-1">
                  <span id={`aud-buyer-${b}`}><MemberName id={b} /></span>
                  <Button variant="secondary" id={`aud-rm-${b}`} aria-labelledby={`aud-rm-${b} aud-buyer-${b}`} onClick={() => {
                    setBuyerIds(buyerIds.filter((x) => x !== b));
                    touch();
                    // The row goes with its button: focus the list's heading rather than losing it.
                    buyersHeading.current?.focus();
                  }}>
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <BuyerPicker idPrefix="audience" action="Add buyer" onPick={(buyer) => {
            client.setQueryData(['member', buyer.id], { id: buyer.id, displayName: buyer.displayName, roles: ['buyer'] });
            if (!buyerIds.includes(buyer.id)) setBuyerIds([...buyerIds, buyer.id]);
            touch();
          }} />
        </div>
      )}

      {nobody && <p className="mb-2 text-sm text-amber-800">Nobody is chosen: only you will see this listing.</p>}
      <ErrorNote error={save.error} />
      <Saved>{saved ? 'Audience saved. It counts from the next request.' : ''}</Saved>
      <Button {...busyProps(save.isPending)} onClick={() => { if (save.isPending) return; setSaved(false); save.mutate(); }}>Save audience</Button>
    </div>
  );
}
