import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, ErrorNote } from '../../../ui/kit';
import { Saved, type Listing } from './common';
import { bodyOf, checkedBody, draftOf, ListingFields, type FieldProblem, type FieldsBody } from './ListingFields';

/** The listing's fields (all but the currency, which is fixed once created). */
export function EditDetails({ listing }: { listing: Listing }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(listing));
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<FieldProblem | null>(null);
  const fields = useRef<HTMLDivElement>(null);
  // The listing as the form last saw it: what the seller changes is measured against it.
  const [base, setBase] = useState(listing);
  const save = useMutation({
    mutationFn: (body: FieldsBody) => {
      // Only what changed: a unit an order or an auction took meanwhile is not put back by a stale quantity.
      const before = bodyOf(draftOf(base));
      const { currency: _currency, ...rest } = body;
      const changed = Object.fromEntries(Object.entries(rest).filter(([k, v]) =>
        !('body' in before) || JSON.stringify(v) !== JSON.stringify(before.body[k as keyof typeof before.body]))) as typeof rest;
      return must(api.PATCH('/v1/listings/{id}', { params: { path: { id: listing.id } }, body: changed }));
    },
    onSuccess: (l) => {
      client.setQueryData(['listing', l.id], l);
      void client.invalidateQueries({ queryKey: ['my-listings'] });
      setBase(l);
      setDraft(draftOf(l));
      setSaved(true);
    },
    onError: setProblem,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    setProblem(null);
    setInvalid(null);
    const body = checkedBody(draft, fields.current, { invalid: setInvalid, problem: setProblem });
    if (body) save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Listing details">
      <div ref={fields}><ListingFields draft={draft} onChange={(d) => { setDraft(d); setSaved(false); setInvalid(null); }} currencyLocked invalid={invalid} /></div>
      <ErrorNote error={problem} />
      <Saved>{saved ? 'Changes saved.' : ''}</Saved>
      <Button type="submit" {...busyProps(save.isPending)}>Save changes</Button>
    </form>
  );
}
