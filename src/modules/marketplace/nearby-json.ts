import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import type { Listing } from './model.js';
import { ListingSchema } from './schemas.js';
import type { Nearby } from './service.js';
import type { Surge } from './surge.js';

/** A listing's fields as a buyer is shown them: the response schema's, without the surge (it moves) and the audience (the seller's business). */
const shownFields = fastJson(Type.Omit(ListingSchema, ['surge', 'audience']) as object) as (listing: Listing) => string;
/** Keyed by the cached listing object, which a change replaces rather than edits: its JSON is made once, not per request. */
const fragments = new WeakMap<Listing, string>();

function fragmentOf(listing: Listing): string {
  let json = fragments.get(listing);
  if (json === undefined) {
    json = shownFields(listing);
    fragments.set(listing, json);
  }
  return json;
}

const surgeJson = (s: Surge | null) => (s === null ? 'null' : `{"multiplierBp":${s.multiplierBp},"priceMinor":${s.priceMinor},"reason":${JSON.stringify(s.reason)}}`);

/**
 * The nearby answer (`{"items": [...]}`, the route's schema) for a buyer, written from each
 * listing's JSON kept per cached listing plus what changes per request (surge, distance). A
 * profile of nearby over HTTP had copying twenty listings and serializing them at a fifth of the
 * server's CPU. Not for the listing's seller or an admin: they are shown its audience.
 */
export function nearbyJson(items: readonly Nearby[], surgeOf: (listing: Listing) => Surge | null): string {
  let body = '{"items":[';
  for (let i = 0; i < items.length; i++) {
    const { listing, distanceKm } = items[i]!;
    const fields = fragmentOf(listing);
    body += `${i === 0 ? '' : ','}${fields.slice(0, -1)},"surge":${surgeJson(surgeOf(listing))},"distanceKm":${JSON.stringify(distanceKm)}}`;
  }
  return `${body}]}`;
}
