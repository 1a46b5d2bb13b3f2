import type { Json } from '../../../api/client';

/** The shapes the shopping pages read, named once. */
export type SearchPage = Json<'/v1/listings', 'get'>;
export type ListingItem = SearchPage['items'][number];
export type Listing = Json<'/v1/listings/{id}', 'get'>;
export type NearbyItem = Json<'/v1/listings/nearby', 'get'>['items'][number];
export type Quote = Json<'/v1/orders/quote', 'post'>;
export type { Order, OrderState } from '../../../ui/orders';
export type Seller = Json<'/v1/sellers/{id}', 'get'>;

/** What a buyer pays a unit now: the surged price when a surge applies. */
export const unitPrice = (l: { priceMinor: number; surge: { priceMinor: number } | null }) => l.surge?.priceMinor ?? l.priceMinor;
