import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, must } from '../../../api/client';
import { Button, Card, ErrorNote } from '../../../ui/kit';
import { bodyOf, draftOf, ListingFields } from './ListingFields';

/**
 * The new-listing form. "Create draft" keeps it to the seller; "Create and publish" makes it
 * active at once (two calls: create, then publish).
 */
export function CreateListing({ onDone, onCancel }: { onDone: (id: string, published: boolean) => void; onCancel: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(draftOf());
  const [problem, setProblem] = useState<unknown>(null);
  const create = useMutation({
    mutationFn: async (publish: boolean) => {
      const checked = bodyOf(draft);
      if ('error' in checked) throw new ApiError('VALIDATION_FAILED', checked.error, 400);
      const listing = await must(api.POST('/v1/listings', { body: checked.body }));
      if (publish) await must(api.PATCH('/v1/listings/{id}', { params: { path: { id: listing.id } }, body: { state: 'active' } }));
      return { id: listing.id, publish };
    },
    onSuccess: ({ id, publish }) => {
      void client.invalidateQueries({ queryKey: ['my-listings'] });
      setDraft(draftOf());
      onDone(id, publish);
    },
    onError: (err) => setProblem(err),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const publish = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'publish';
    setProblem(null);
    create.mutate(publish);
  };
  return (
    <Card className="mb-6">
      <form onSubmit={submit} aria-labelledby="new-listing-heading" noValidate>
        <h2 id="new-listing-heading" className="mb-3 text-lg font-semibold">New listing</h2>
        <ListingFields draft={draft} onChange={setDraft} />
        <ErrorNote error={problem} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" value="publish" disabled={create.isPending}>Create and publish</Button>
          <Button type="submit" value="draft" variant="secondary" disabled={create.isPending}>Save as draft</Button>
          <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>Cancel</Button>
        </div>
        {create.isPending && <p role="status" className="mt-2 text-sm text-slate-600">Saving…</p>}
      </form>
    </Card>
  );
}
