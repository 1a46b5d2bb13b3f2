import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Redirect } from 'wouter';
import { api, ApiError, must, type Json } from '../api/client';
import { Loading, Page } from '../ui/kit';

export type Me = Json<'/v1/members/me', 'get'>;
export type Role = 'admin' | 'seller' | 'buyer';

async function fetchMe(): Promise<Me | null> {
  try {
    return await must(api.GET('/v1/members/me'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** The signed-in member (null: signed out); every page reads it from the same cached query, which a page may ask to refresh every `pollMs`. */
export function useMe(pollMs: number | false = false) {
  return useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 30_000, refetchInterval: pollMs });
}

/** After signing in or registering: nothing cached from before (another member in this tab) survives. */
export function useSignedIn() {
  const client = useQueryClient();
  return async () => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    await client.invalidateQueries({ queryKey: ['me'] });
  };
}

export const hasRole = (me: Me | null | undefined, role: Role) => !!me && (me.roles.includes(role) || me.roles.includes('admin'));

/** A page for members with one of these roles: signed-out visitors go to sign in; unverified members see their state. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Redirect to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} />;
  if (me.data.verificationState !== 'approved') return <Redirect to="/account" />;
  if (!roles.some((r) => hasRole(me.data, r))) {
    return <Page title="Not available"><p>This page is for {roles.join(' or ')} accounts.</p></Page>;
  }
  return <>{children}</>;
}
