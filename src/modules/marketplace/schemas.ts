import { Type } from 'typebox';
import { PageQuery, Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { RADIUS_KM_MAX } from './geo.js';
import { CONDITIONS, LISTING_STATES, MARKETPLACE_POLICY, SORTS } from './model.js';

const Minor = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Location = Strict({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const Audience = Type.Union([
  Strict({ kind: Type.Literal('all') }),
  Strict({ kind: Type.Literal('hidden') }),
  Strict({
    kind: Type.Literal('restricted'),
    listIds: Type.Array(Uuid, { maxItems: MARKETPLACE_POLICY.audienceListsMax, uniqueItems: true }),
    buyerIds: Type.Array(Uuid, { maxItems: MARKETPLACE_POLICY.audienceBuyersMax, uniqueItems: true }),
  }),
], { description: 'all approved buyers; restricted: the buyers on these lists and these buyers; hidden: nobody but you' });

const fields = {
  title: Text(200),
  description: Type.String({ maxLength: 10_000 }),
  category: Text(100),
  priceMinor: Minor,
  currency: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,15}$' }),
  quantity: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  condition: Type.Enum(CONDITIONS),
  attributes: Type.Record(Type.String(), Type.Unknown(), { description: `JSON object, at most ${MARKETPLACE_POLICY.attributesBytesMax} bytes, names up to ${MARKETPLACE_POLICY.attributeKeyLengthMax} characters` }),
  location: Type.Union([Location, Type.Null()]),
  images: Type.Array(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2_000 }), { maxItems: 20 }),
  audience: Audience,
  surgeMaxBp: Type.Union([Type.Integer({ minimum: 10_000, maximum: 30_000 }), Type.Null()], { description: 'Opt in to surge pricing with a cap on the multiplier, in basis points (15000 = at most 1.5x); null: off' }),
};

export const CreateListingBody = Strict({
  ...fields,
  description: Type.Optional(fields.description),
  attributes: Type.Optional(fields.attributes),
  location: Type.Optional(fields.location),
  images: Type.Optional(fields.images),
  audience: Type.Optional(fields.audience),
  surgeMaxBp: Type.Optional(fields.surgeMaxBp),
});

export const PatchListingBody = Strict({
  title: Type.Optional(fields.title), description: Type.Optional(fields.description), category: Type.Optional(fields.category),
  priceMinor: Type.Optional(fields.priceMinor), quantity: Type.Optional(fields.quantity), condition: Type.Optional(fields.condition),
  attributes: Type.Optional(fields.attributes), location: Type.Optional(fields.location), images: Type.Optional(fields.images),
  audience: Type.Optional(fields.audience), surgeMaxBp: Type.Optional(fields.surgeMaxBp), state: Type.Optional(Type.Enum(LISTING_STATES.filter((s) => s !== 'draft'))),
});

export const ListingSchema = Type.Object({
  id: Uuid, sellerId: Uuid, title: Type.String(), description: Type.String(), category: Type.String(), priceMinor: Type.Integer(),
  currency: Type.String(), quantity: Type.Integer(), condition: Type.String(), attributes: Type.Record(Type.String(), Type.Unknown()),
  location: Type.Union([Type.Object({ lat: Type.Number(), lng: Type.Number() }), Type.Null()]), images: Type.Array(Type.String()),
  surgeMaxBp: Type.Union([Type.Integer(), Type.Null()]),
  surge: Type.Union([Type.Object({
    multiplierBp: Type.Integer(), priceMinor: Type.Integer({ description: 'What the listing costs now: priceMinor times the multiplier, rounded half up' }), reason: Type.String(),
  }), Type.Null()], { description: 'The surge a buyer pays now, and why; null: none. The stored price never changes.' }),
  state: Type.Enum(LISTING_STATES),
  audience: Type.Optional(Type.Unknown({ description: 'Only for the listing\'s seller and admins' })),
  createdAt: Timestamp, updatedAt: Timestamp,
});

export const ListingQuery = Strict({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words in the title or description; a title also matches despite typos (trigram similarity)' })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,15}$', description: 'Only listings priced in this currency (what a price range means)' })),
  state: Type.Optional(Type.Enum(LISTING_STATES, { description: 'Only listings in this state: for a seller\'s own (buyers only ever see active ones)' })),
  minPriceMinor: Type.Optional(Minor),
  maxPriceMinor: Type.Optional(Minor),
  sellerId: Type.Optional(Uuid),
  attr: Type.Optional(Type.Array(Type.String({ pattern: `^[^:]{1,${MARKETPLACE_POLICY.attributeKeyLengthMax}}:.{1,200}$` }), {
    maxItems: 10, description: 'name:value, repeatable: the attribute\'s value (as text) equals value',
  })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: RADIUS_KM_MAX, description: 'With lat and lng: only listings within this great-circle distance' })),
  sort: Type.Optional(Type.Enum(SORTS, { description: 'score (the default with q or a point): see docs/marketplace.md; newest (the default otherwise); price_asc; price_desc' })),
  facets: Type.Optional(Type.Boolean({ description: 'Also count the matches you may see, in total and by category' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MARKETPLACE_POLICY.pageSizeMax, default: MARKETPLACE_POLICY.pageSizeDefault })),
  cursor: PageQuery.cursor,
});

export const SearchPageSchema = Type.Object({
  items: Type.Array(Type.Object({ ...ListingSchema.properties, score: Type.Optional(Type.Number()), distanceKm: Type.Optional(Type.Number()) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  facets: Type.Optional(Type.Object({ total: Type.Integer(), categories: Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() })) })),
});

export const ListBody = Strict({ name: Text(100) });
export const ListMembersBody = Strict({ buyerIds: Type.Array(Uuid, { maxItems: MARKETPLACE_POLICY.listMembersMax, uniqueItems: true }) });
export const BuyerListSchema = Type.Object({ id: Uuid, name: Type.String(), buyerIds: Type.Array(Uuid), createdAt: Timestamp });
export const BuyerParams = Strict({ buyerId: Uuid });

export const NearbyQuery = Strict({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: RADIUS_KM_MAX, description: 'Great-circle radius; at most half the Earth\'s circumference. Without it: the `limit` nearest at any distance.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MARKETPLACE_POLICY.pageSizeMax, default: MARKETPLACE_POLICY.pageSizeDefault })),
});

export const NearbyListingSchema = Type.Object({ ...ListingSchema.properties, distanceKm: Type.Number() });

export const SellerSchema = Type.Object({
  id: Uuid, displayName: Type.String(), memberSince: Timestamp,
  rating: Type.Object({ average: Type.Union([Type.Number(), Type.Null()]), count: Type.Integer() }, { description: 'Stars 1-5 from buyers of completed orders' }),
  listings: Type.Integer({ description: 'Active listings of this seller you may see' }),
});
export const StorefrontQuery = Type.Omit(ListingQuery, ['sellerId']);

export const RatingSchema = Type.Object({ orderId: Type.Union([Uuid, Type.Null()], { description: 'Only for the rated seller (and admins)' }), stars: Type.Integer(), comment: Type.String(), buyerName: Type.String(), createdAt: Timestamp });
export const BlockSchema = Type.Object({ buyerId: Uuid, displayName: Type.String(), blockedAt: Timestamp });
