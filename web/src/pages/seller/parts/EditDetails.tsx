import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, must } from '../../../api/client';
import { Button, ErrorNote } from '../../../ui/kit';
import { Saved, type Listing } from './common';
import { bodyOf, draftOf, ListingFields } from './ListingFields';

/** The listing's fields (all but the currency, which is fixed once created). */
export function EditDetails({ listing }: { listing: Listing }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(listing));
  const [saved, setSaved] = useState(false);
  // The listing as the form last saw it: what the seller changes is measured against it.
  const [base, setBase] = useState(listing);
  const save = useMutation({
    mutationFn: () => {
      const checked = bodyOf(draft);
      if ('error' in checked) throw new ApiError('VALIDATION_FAILED', checked.error, 400);
      // Only what changed: a unit an order or an auction took meanwhile is not put back by a stale quantity.
      const before = bodyOf(draftOf(base));
      const { currency: _currency, ...fields } = checked.body;
      const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) =>
        !('body' in before) || JSON.stringify(v) !== JSON.stringify(before.body[k as keyof typeof before.body]))) as typeof fields;
      return must(api.PATCH('/v1/listings/{id}', { params: { path: { id: listing.id } }, body: changed }));
    },
    onSuccess: (l) => {
      client.setQueryData(['listing', l.id], l);
      void client.invalidateQueries({ queryKey: ['my-listings'] });
      setBase(l);
      setDraft(draftOf(l));
      setSaved(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Listing details">
      <ListingFields draft={draft} onChange={(d) => { setDraft(d); setSaved(false); }} currencyLocked />
      <ErrorNote error={save.error} />
      {saved && <Saved>Changes saved.</Saved>}
      <Button type="submit" disabled={save.isPending}>Save changes</Button>
    </form>
  );
}
