import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../../../api/client';

/** Publish (draft -> active) or withdraw (draft | active -> withdrawn) a listing. */
export function useListingState() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, state }: { id: string; state: 'active' | 'withdrawn' }) =>
      must(api.PATCH('/v1/listings/{id}', { params: { path: { id } }, body: { state } })),
    onSuccess: (listing) => {
      client.setQueryData(['listing', listing.id], listing);
      void client.invalidateQueries({ queryKey: ['my-listings'] });
    },
  });
}
