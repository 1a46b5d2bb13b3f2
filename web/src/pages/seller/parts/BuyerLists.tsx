import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, must, type Json } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { plural } from '../../../ui/format';
import { Button, Card, Empty, ErrorNote, Field, Loaded } from '../../../ui/kit';
import { MemberName } from '../../../ui/members';
import { useBuyerLists } from './AudienceEditor';
import { BuyerPicker } from './BuyerPicker';
import { Saved } from './common';

type BuyerList = Json<'/v1/buyer-lists', 'get'>['items'][number];

/** The seller's named lists of buyers: audiences for listings. */
export function BuyerLists() {
  const lists = useBuyerLists();
  return (
    <div>
      <CreateList />
      <Loaded query={lists}>
        {(data) => data.items.length === 0 ? <Empty>No buyer lists yet. Name one above, then add buyers to it.</Empty> : (
          <div className="grid gap-4 md:grid-cols-2">
            {data.items.map((l) => <ListCard key={l.id} list={l} />)}
          </div>
        )}
      </Loaded>
    </div>
  );
}

function CreateList() {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [created, setCreated] = useState('');
  const create = useMutation({
    mutationFn: (n: string) => must(api.POST('/v1/buyer-lists', { body: { name: n } })),
    onSuccess: (l) => {
      setCreated(l.name);
      setName('');
      void client.invalidateQueries({ queryKey: ['buyer-lists'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    setCreated('');
    if (name.trim()) create.mutate(name.trim());
  };
  return (
    <form onSubmit={submit} className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="sm:w-80 [&>div]:mb-0"><Field label="List name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Trusted buyers" /></div>
      <Button type="submit" {...busyProps(create.isPending)} aria-disabled={create.isPending || !name.trim() || undefined}>Create list</Button>
      <div className="sm:ml-2">
        <ErrorNote error={create.error} />
        <Saved>{created && `List “${created}” created.`}</Saved>
      </div>
    </form>
  );
}

function ListCard({ list }: { list: BuyerList }) {
  const client = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState('');
  const setMembers = useMutation({
    mutationFn: (buyerIds: string[]) => must(api.PUT('/v1/buyer-lists/{id}/members', { params: { path: { id: list.id } }, body: { buyerIds } })),
    onSuccess: (updated, buyerIds) => {
      if (buyerIds.length < list.buyerIds.length) {
        // The removed buyer's row goes with its button: focus the list's heading, and say what happened.
        setDone('Removed from the list.');
        heading.current?.focus();
      } else setDone('Added to the list.');
      client.setQueryData<Json<'/v1/buyer-lists', 'get'>>(['buyer-lists'], (old) => old && { items: old.items.map((l) => (l.id === updated.id ? updated : l)) });
    },
  });
  const headingId = `list-${list.id}`;
  return (
    <Card>
      <section aria-labelledby={headingId}>
        <h3 id={headingId} ref={heading} tabIndex={-1} className="font-semibold focus:outline-none">{list.name}</h3>
        <p className="text-xs text-slate-600">{plural(list.buyerIds.length, 'buyer')}</p>
        {list.buyerIds.length === 0 ? <p className="my-2 text-sm text-slate-600">Nobody on this list yet.</p> : (
          <ul className="my-2 divide-y divide-slate-100">
            {list.buyerIds.map((b) => (
              <li key={b} className="flex items-center justify-between gap-2 py-1">
                <span id={`${list.id}-${b}`}><MemberName id={b} /></span>
                <Button variant="secondary" id={`rm-${list.id}-${b}`} aria-labelledby={`rm-${list.id}-${b} ${list.id}-${b}`} {...busyProps(setMembers.isPending)}
                  onClick={() => { if (!setMembers.isPending) { setDone(''); setMembers.mutate(list.buyerIds.filter((x) => x !== b)); } }}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        {setMembers.variables && setMembers.variables.length < list.buyerIds.length && <ErrorNote error={setMembers.error} />}
        <Saved>{done}</Saved>
        <BuyerPicker idPrefix={`list-${list.id}`} label={`Add a buyer to ${list.name}`} action="Add to list" busy={setMembers.isPending}
          onPick={async (buyer) => {
            client.setQueryData(['member', buyer.id], { id: buyer.id, displayName: buyer.displayName, roles: ['buyer'] });
            if (!list.buyerIds.includes(buyer.id)) await setMembers.mutateAsync([...list.buyerIds, buyer.id]);
          }} />
      </section>
    </Card>
  );
}
