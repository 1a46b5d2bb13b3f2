import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './auth/session';

/**
 * Every page of the site: its path, who may open it, and its label in the navigation (none: not
 * in the menu). Each page is its own chunk, loaded when first opened.
 */
export interface PageRoute {
  path: string;
  roles: Role[] | 'public';
  nav?: string;
  page: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
}

const page = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>) => lazy(load);

export const ROUTES: PageRoute[] = [
  { path: '/sign-in', roles: 'public', page: page(() => import('./auth/SignIn')) },
  { path: '/register', roles: 'public', page: page(() => import('./auth/Register')) },
  { path: '/account', roles: 'public', page: page(() => import('./auth/Account')) },

  { path: '/listings', roles: ['buyer'], nav: 'Browse', page: page(() => import('./pages/buyer/Listings')) },
  { path: '/listings/:id', roles: ['buyer', 'seller'], page: page(() => import('./pages/buyer/Listing')) },
  { path: '/nearby', roles: ['buyer'], nav: 'Nearby', page: page(() => import('./pages/buyer/Nearby')) },
  { path: '/cart', roles: ['buyer'], nav: 'Cart', page: page(() => import('./pages/buyer/Cart')) },
  { path: '/orders', roles: ['buyer'], nav: 'Orders', page: page(() => import('./pages/buyer/Orders')) },
  { path: '/orders/:id', roles: ['buyer', 'seller'], page: page(() => import('./pages/buyer/Order')) },
  { path: '/auctions/:id', roles: ['buyer', 'seller'], page: page(() => import('./pages/buyer/Auction')) },
  { path: '/wallet', roles: ['buyer', 'seller'], nav: 'Wallet', page: page(() => import('./pages/buyer/Wallet')) },
  { path: '/wheel', roles: ['buyer'], nav: 'Prize wheel', page: page(() => import('./pages/buyer/Wheel')) },
  { path: '/rewards', roles: ['buyer'], nav: 'Rewards', page: page(() => import('./pages/buyer/Rewards')) },

  { path: '/seller/listings', roles: ['seller'], nav: 'My listings', page: page(() => import('./pages/seller/Listings')) },
  { path: '/seller/listings/:id', roles: ['seller'], page: page(() => import('./pages/seller/EditListing')) },
  { path: '/seller/buyers', roles: ['seller'], nav: 'Buyer lists', page: page(() => import('./pages/seller/Buyers')) },
  { path: '/seller/auctions', roles: ['seller'], nav: 'Auctions', page: page(() => import('./pages/seller/Auctions')) },
  { path: '/seller/orders', roles: ['seller'], nav: 'To fulfil', page: page(() => import('./pages/seller/Orders')) },
  { path: '/seller/ratings', roles: ['seller'], nav: 'Ratings', page: page(() => import('./pages/seller/Ratings')) },

  { path: '/admin/verification', roles: ['admin'], nav: 'Verification', page: page(() => import('./pages/admin/Verification')) },
  { path: '/admin/coupons', roles: ['admin'], nav: 'Coupons & wheels', page: page(() => import('./pages/admin/Coupons')) },
  { path: '/admin/games', roles: ['admin'], nav: 'Games', page: page(() => import('./pages/admin/Games')) },
  { path: '/admin/promotions', roles: ['admin'], nav: 'Promotions', page: page(() => import('./pages/admin/Promotions')) },
  { path: '/admin/ledger', roles: ['admin'], nav: 'Ledger', page: page(() => import('./pages/admin/Ledger')) },
  { path: '/admin/analytics', roles: ['admin'], nav: 'Analytics', page: page(() => import('./pages/admin/Analytics')) },
];

/** Where a member lands after signing in. */
export function homeOf(roles: readonly Role[]): string {
  if (roles.includes('admin')) return '/admin/verification';
  if (roles.includes('buyer')) return '/listings';
  return '/seller/listings';
}
