import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { Button, Card, ErrorNote } from '../../../ui/kit';
import { checkedBody, draftOf, ListingFields, type FieldProblem, type FieldsBody } from './ListingFields';

/**
 * The new-listing form. "Save as draft" keeps it to the seller; "Create and publish" makes it
 * active at once: two calls, create then publish. Creating has no Idempotency-Key, so when the
 * publish fails the form does not offer to try both again (that would make a second listing):
 * it closes, saying the draft is saved and publishing failed, and the seller publishes the draft
 * from the list or its page.
 */
export function CreateListing({ onDone, onCancel }: { onDone: (id: string, published: boolean, publishError?: unknown) => void; onCancel: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(draftOf());
  const [problem, setProblem] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<FieldProblem | null>(null);
  const fields = useRef<HTMLDivElement>(null);
  const create = useMutation({
    mutationFn: async ({ body, publish }: { body: FieldsBody; publish: boolean }) => {
      const listing = await must(api.POST('/v1/listings', { body }));
      if (!publish) return { id: listing.id, published: false };
      try {
        await must(api.PATCH('/v1/listings/{id}', { params: { path: { id: listing.id } }, body: { state: 'active' } }));
        return { id: listing.id, published: true };
      } catch (publishError) {
        return { id: listing.id, published: false, publishError };
      }
    },
    onSuccess: ({ id, published, publishError }) => {
      void client.invalidateQueries({ queryKey: ['my-listings'] });
      setDraft(draftOf());
      onDone(id, published, publishError);
    },
    onError: setProblem,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (create.isPending) return;
    const publish = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'publish';
    setProblem(null);
    setInvalid(null);
    const body = checkedBody(draft, fields.current, { invalid: setInvalid, problem: setProblem });
    if (body) create.mutate({ body, publish });
  };
  return (
    <Card className="mb-6">
      <form onSubmit={submit} aria-labelledby="new-listing-heading" noValidate>
        <h2 id="new-listing-heading" className="mb-3 text-lg font-semibold">New listing</h2>
        <div ref={fields}><ListingFields draft={draft} onChange={(d) => { setDraft(d); setInvalid(null); }} invalid={invalid} /></div>
        <ErrorNote error={problem} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" value="publish" {...busyProps(create.isPending)}>Create and publish</Button>
          <Button type="submit" value="draft" variant="secondary" {...busyProps(create.isPending)}>Save as draft</Button>
          <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>Cancel</Button>
        </div>
        <p role="status" className="mt-2 text-sm text-slate-600">{create.isPending ? 'Saving…' : ''}</p>
      </form>
    </Card>
  );
}
