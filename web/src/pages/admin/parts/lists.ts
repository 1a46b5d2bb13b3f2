import { useQuery } from '@tanstack/react-query';
import { api, must, type Json } from '../../../api/client';
import { usePaged } from '../../../ui/paging';

export type Campaign = Json<'/v1/coupon-campaigns', 'get'>['items'][number];
export type Wheel = Json<'/v1/wheels', 'get'>['items'][number];
export type Promotion = Json<'/v1/promotions', 'get'>['items'][number];
export type Account = Json<'/v1/accounts', 'get'>['items'][number];

const PAGE = 20;

export const useCampaigns = () => usePaged({
  queryKey: ['admin', 'campaigns'],
  page: (cursor) => must(api.GET('/v1/coupon-campaigns', { params: { query: { limit: PAGE, cursor } } })),
});

export const usePromotions = () => usePaged({
  queryKey: ['admin', 'promotions'],
  page: (cursor) => must(api.GET('/v1/promotions', { params: { query: { limit: PAGE, cursor } } })),
});

export const useAccounts = (ownerKind: 'member' | 'system' | '') => usePaged({
  queryKey: ['admin', 'accounts', ownerKind],
  page: (cursor) => must(api.GET('/v1/accounts', { params: { query: { limit: 50, ownerKind: ownerKind || undefined, cursor } } })),
});

export const useWheels = () => useQuery({ queryKey: ['admin', 'wheels'], queryFn: () => must(api.GET('/v1/wheels')) });
