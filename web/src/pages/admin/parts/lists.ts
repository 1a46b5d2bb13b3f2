import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, must, type Json } from '../../../api/client';

export type Campaign = Json<'/v1/coupon-campaigns', 'get'>['items'][number];
export type Wheel = Json<'/v1/wheels', 'get'>['items'][number];
export type Promotion = Json<'/v1/promotions', 'get'>['items'][number];
export type Account = Json<'/v1/accounts', 'get'>['items'][number];

const PAGE = 20;

/** Every page of a cursor-paged list loaded so far, and the next on demand ("More ..."). */
function usePaged<T>(key: unknown[], page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const q = useInfiniteQuery({
    queryKey: ['admin', ...key],
    queryFn: ({ pageParam }) => page(pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...q, items: q.data?.pages.flatMap((p) => p.items) ?? [] };
}

export const useCampaigns = () =>
  usePaged(['campaigns'], (cursor) => must(api.GET('/v1/coupon-campaigns', { params: { query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } })));

export const usePromotions = () =>
  usePaged(['promotions'], (cursor) => must(api.GET('/v1/promotions', { params: { query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } })));

export const useAccounts = (ownerKind: 'member' | 'system' | '') =>
  usePaged(['accounts', ownerKind], (cursor) => must(api.GET('/v1/accounts', { params: { query: { limit: 50, ...(ownerKind ? { ownerKind } : {}), ...(cursor ? { cursor } : {}) } } })));

export const useWheels = () => useQuery({ queryKey: ['admin', 'wheels'], queryFn: () => must(api.GET('/v1/wheels')) });
