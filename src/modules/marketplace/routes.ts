import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { actingMember, isAdmin, type Principal, principalOf } from '../../platform/auth.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, ErrorResponses, IdParams, isPgTimestamp, PageQuery, Strict, UUID_PATTERN } from '../../platform/schemas.js';
import { MARKETPLACE_POLICY, SORTS, type Audience, type Listing, type Viewer } from './model.js';
import type { Surge, SurgeBoard } from './surge.js';
import type { ListingQuery, SearchCursor } from './search.js';
import * as S from './schemas.js';
import { nearbyJson } from './nearby-json.js';
import type { Marketplace } from './service.js';

const tags = ['marketplace'];

/** Routes are for members only (no scope: service keys have no identity to decide visibility from). */
const viewerOf = (p: Principal): Viewer => actingMember(p, 'The marketplace is for members.');

/**
 * A listing as the viewer is shown it: with the surge it would pay now; without its audience
 * unless the viewer is its seller or an admin (who else may see it is the seller's business).
 */
function view<L extends Listing>(listing: L, viewer: Viewer, surge: SurgeBoard): Omit<L, 'audience'> & { surge: Surge | null; audience?: Audience } {
  // One copy; an undefined audience is left out of the answer.
  const audience = viewer.admin || listing.sellerId === viewer.memberId ? listing.audience : undefined;
  return { ...listing, surge: surge.surgeOf(listing.id, listing.priceMinor, listing.surgeMaxBp), audience };
}

function checkAttributes(attributes: Record<string, unknown> | undefined): void {
  if (!attributes) return;
  const invalid = (message: string) => new AppError('VALIDATION_FAILED', message, [{ field: 'body.attributes', message }]);
  if (Buffer.byteLength(JSON.stringify(attributes)) > MARKETPLACE_POLICY.attributesBytesMax) throw invalid(`attributes are larger than ${MARKETPLACE_POLICY.attributesBytesMax} bytes of JSON`);
  if (Object.keys(attributes).some((k) => k.length > MARKETPLACE_POLICY.attributeKeyLengthMax)) throw invalid(`an attribute name is longer than ${MARKETPLACE_POLICY.attributeKeyLengthMax} characters`);
}

const CURSOR_FIELDS = { asOf: isPgTimestamp, sort: new RegExp(`^(${SORTS.join('|')})$`), key: /^[0-9eE.:+\- ]{1,40}$/, id: UUID_PATTERN };

/** The query string as the search takes it; a point needs both coordinates, a radius needs a point. */
function searchQuery(q: Static<typeof S.ListingQuery>): ListingQuery {
  const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `querystring.${field} ${message}`, [{ field: `querystring.${field}`, message }]);
  if ((q.lat === undefined) !== (q.lng === undefined)) throw invalid(q.lat === undefined ? 'lat' : 'lng', 'is required with the other coordinate');
  if (q.radiusKm !== undefined && q.lat === undefined) throw invalid('radiusKm', 'needs lat and lng');
  const near = q.lat === undefined || q.lng === undefined ? undefined : { center: { lat: q.lat, lng: q.lng }, radiusKm: q.radiusKm };
  const sort = q.sort ?? (q.q || near ? 'score' : 'newest');
  const after = decodeCursor(q.cursor, CURSOR_FIELDS) as SearchCursor | undefined;
  if (after && after.sort !== sort) throw invalid('cursor', 'was issued for another sort');
  const attributes = q.attr?.map((a): [string, string] => [a.slice(0, a.indexOf(':')), a.slice(a.indexOf(':') + 1)]);
  return { ...q, near, sort, attributes, after, limit: q.limit ?? MARKETPLACE_POLICY.pageSizeDefault };
}

async function searchPage(marketplace: Marketplace, viewer: Viewer, query: Static<typeof S.ListingQuery>) {
  const { items, next, facets } = await marketplace.search(viewer, searchQuery(query));
  return { items: items.map((l) => view(l, viewer, marketplace.surge)), nextCursor: next ? encodeCursor({ ...next }) : null, ...(facets ? { facets } : {}) };
}

export const marketplaceRoutes: FastifyPluginAsyncTypebox<{ marketplace: Marketplace }> = async (app, { marketplace }) => {
  app.post('/v1/listings', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Create a listing (a draft; approved sellers)', body: S.CreateListingBody, response: { 201: S.ListingSchema, ...ErrorResponses } },
  }, async (request, reply) => {
    const viewer = viewerOf(principalOf(request));
    const b = request.body;
    checkAttributes(b.attributes);
    const listing = unwrap(await marketplace.createListing(viewer.memberId, {
      ...b, description: b.description ?? '', attributes: b.attributes ?? {}, location: b.location ?? null, images: b.images ?? [], audience: b.audience ?? { kind: 'all' }, surgeMaxBp: b.surgeMaxBp ?? null,
    }));
    return reply.code(201).send(view(listing, viewer, marketplace.surge));
  });

  app.patch('/v1/listings/:id', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Change a listing of yours: fields, audience, state (publish: active)', params: IdParams, body: S.PatchListingBody, response: { 200: S.ListingSchema, ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const viewer = viewerOf(p);
    checkAttributes(request.body.attributes);
    return view(unwrap(await marketplace.updateListing(request.params.id, isAdmin(p) ? null : viewer.memberId, request.body)), viewer, marketplace.surge);
  });

  app.get('/v1/listings/:id', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: { tags, summary: 'A listing, if you may see it (else 404)', params: IdParams, response: { 200: S.ListingSchema, ...ErrorResponses } },
  }, async (request) => {
    const viewer = viewerOf(principalOf(request));
    const listing = await marketplace.findListing(marketplace.db, request.params.id, viewer);
    if (!listing) throw new AppError('LISTING_NOT_FOUND');
    if (listing.sellerId !== viewer.memberId) marketplace.surge.record(listing.id, 'views');
    return view(listing, viewer, marketplace.surge);
  });

  app.get('/v1/listings', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'Search the listings you may see: text (typo-tolerant), category, price range, attributes, seller, distance; ranked',
      querystring: S.ListingQuery, response: { 200: S.SearchPageSchema, ...ErrorResponses },
    },
  }, async (request) => searchPage(marketplace, viewerOf(principalOf(request)), request.query));

  app.get('/v1/sellers/:id', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: { tags, summary: 'A seller\'s profile and rating, if you may see its listings (else 404)', params: IdParams, response: { 200: S.SellerSchema, ...ErrorResponses } },
  }, async (request) => {
    const seller = await marketplace.findSeller(request.params.id, viewerOf(principalOf(request)));
    if (!seller) throw new AppError('SELLER_NOT_FOUND');
    return seller;
  });

  app.get('/v1/sellers/:id/listings', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'A seller\'s storefront: its listings you may see, searched and ranked as /v1/listings (404 for a seller you may not see)',
      params: IdParams, querystring: S.StorefrontQuery, response: { 200: S.SearchPageSchema, ...ErrorResponses },
    },
  }, async (request) => {
    const viewer = viewerOf(principalOf(request));
    if (!(await marketplace.sellerVisible(request.params.id, viewer))) throw new AppError('SELLER_NOT_FOUND');
    return searchPage(marketplace, viewer, { ...request.query, sellerId: request.params.id });
  });

  app.get('/v1/listings/nearby', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'The nearest listings you may see, within a radius (great-circle km) or the k nearest, nearest first',
      querystring: S.NearbyQuery, response: { 200: Type.Object({ items: Type.Array(S.NearbyListingSchema) }), ...ErrorResponses },
    },
  }, async (request, reply) => {
    const viewer = viewerOf(principalOf(request));
    const q = request.query;
    const center = { lat: q.lat, lng: q.lng };
    const limit = q.limit ?? MARKETPLACE_POLICY.pageSizeDefault;
    const items = q.radiusKm === undefined ? await marketplace.nearest(viewer, center, limit) : await marketplace.nearby(viewer, center, q.radiusKm, limit);
    if (viewer.admin || items.some(({ listing }) => listing.sellerId === viewer.memberId)) {
      return { items: items.map(({ listing, distanceKm }) => ({ ...view(listing, viewer, marketplace.surge), distanceKm })) };
    }
    // A string with a JSON content type goes out as it is (the type provider knows only objects): nearbyJson writes the schema's answer.
    const body = nearbyJson(items, (l) => marketplace.surge.surgeOf(l.id, l.priceMinor, l.surgeMaxBp));
    return reply.type('application/json; charset=utf-8').send(body as never);
  });

  app.post('/v1/buyer-lists', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Create a named list of buyers (an audience for your listings)', body: S.ListBody, response: { 201: S.BuyerListSchema, ...ErrorResponses } },
  }, async (request, reply) => reply.code(201).send(unwrap(await marketplace.createList(viewerOf(principalOf(request)).memberId, request.body.name))));

  app.get('/v1/buyer-lists', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Your buyer lists', response: { 200: Type.Object({ items: Type.Array(S.BuyerListSchema) }), ...ErrorResponses } },
  }, async (request) => ({ items: await marketplace.lists(viewerOf(principalOf(request)).memberId) }));

  app.put('/v1/buyer-lists/:id/members', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Replace a list\'s buyers (takes effect on the next request)', params: IdParams, body: S.ListMembersBody, response: { 200: S.BuyerListSchema, ...ErrorResponses } },
  }, async (request) => unwrap(await marketplace.setListMembers(request.params.id, viewerOf(principalOf(request)).memberId, request.body.buyerIds)));

  app.get('/v1/sellers/:id/ratings', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'The ratings a seller received, newest first (404 for a seller you may not see)', params: IdParams, querystring: Strict(PageQuery),
      response: { 200: Type.Object({ items: Type.Array(S.RatingSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const page = await marketplace.ratingsOf(request.params.id, viewerOf(principalOf(request)), { limit: request.query.limit ?? 50, cursor: request.query.cursor });
    if (!page) throw new AppError('SELLER_NOT_FOUND');
    return page;
  });

  app.get('/v1/seller-blocks', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'The buyers you blocked, newest first', response: { 200: Type.Object({ items: Type.Array(S.BlockSchema) }), ...ErrorResponses } },
  }, async (request) => ({ items: await marketplace.blocksOf(viewerOf(principalOf(request)).memberId) }));

  app.put('/v1/seller-blocks/:buyerId', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Block a buyer: it sees none of your listings', params: S.BuyerParams, response: { 204: Type.Null(), ...ErrorResponses } },
  }, async (request, reply) => {
    unwrap(await marketplace.setBlock(viewerOf(principalOf(request)).memberId, request.params.buyerId, true));
    return reply.code(204).send(null);
  });

  app.delete('/v1/seller-blocks/:buyerId', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Unblock a buyer', params: S.BuyerParams, response: { 204: Type.Null(), ...ErrorResponses } },
  }, async (request, reply) => {
    unwrap(await marketplace.setBlock(viewerOf(principalOf(request)).memberId, request.params.buyerId, false));
    return reply.code(204).send(null);
  });
};
