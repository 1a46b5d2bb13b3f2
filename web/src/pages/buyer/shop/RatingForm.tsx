import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { useIdempotencyKey } from '../../../ui/idempotency';
import { Button, ErrorNote } from '../../../ui/kit';

/** The buyer rates the seller of a completed order, once: 1 to 5 stars and a comment. */
export function RatingForm({ orderId, sellerId, given }: { orderId: string; sellerId: string; given: { stars: number; comment: string } | null }) {
  const [starsValue, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const client = useQueryClient();
  const keys = useIdempotencyKey();
  const rate = useMutation({
    mutationFn: () => {
      const body = { stars: starsValue, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      return keys.run({ orderId, body }, (key) => must(api.POST('/v1/orders/{id}/rating', { params: { path: { id: orderId } }, body, headers: { 'Idempotency-Key': key } })));
    },
    onSuccess: () => void Promise.all([client.invalidateQueries({ queryKey: ['seller', sellerId] }), client.invalidateQueries({ queryKey: ['order', orderId] })]),
  });
  const already = rate.error instanceof ApiError && rate.error.code === 'ORDER_ALREADY_RATED';

  if (given && !rate.data) {
    return (
      <p role="status" className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">
        You rated this order {given.stars} {given.stars === 1 ? 'star' : 'stars'}{given.comment ? `: “${given.comment}”` : '.'}
      </p>
    );
  }
  if (rate.data) {
    return <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">Thank you: you rated this order {rate.data.stars} {rate.data.stars === 1 ? 'star' : 'stars'}.</p>;
  }
  if (already) return <p role="status" className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">You have rated this order already.</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (starsValue >= 1 && !rate.isPending) rate.mutate();
  };

  return (
    <form onSubmit={submit} aria-labelledby="rate-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="rate-heading" className="text-lg font-semibold">Rate the seller</h2>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Stars</legend>
        <div className="flex flex-wrap gap-1">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={`flex min-h-10 cursor-pointer items-center gap-1 rounded-md border px-3 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 ${n <= starsValue ? 'border-amber-400 bg-amber-50' : 'border-slate-300 bg-white'}`}>
              <input type="radio" name="stars" value={n} aria-label={n === 1 ? '1 star' : `${n} stars`} checked={starsValue === n} onChange={() => setStars(n)} className="sr-only" />
              <span aria-hidden="true"><span className={n <= starsValue ? 'text-amber-500' : 'text-slate-400'}>★</span> {n === 1 ? '1 star' : `${n} stars`}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="rating-comment" className="mb-1 block text-sm font-medium text-slate-700">Comment</label>
        <textarea id="rating-comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={1000}
          className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
      </div>
      <Button type="submit" disabled={starsValue < 1} {...busyProps(rate.isPending)}>{rate.isPending ? 'Sending…' : 'Rate seller'}</Button>
      {!already && <ErrorNote error={rate.error} />}
    </form>
  );
}
