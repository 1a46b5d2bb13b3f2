import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actingMember, type Principal, principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { ErrorResponses, IdParams } from '../../platform/schemas.js';
import type { MarketplaceService, Viewer } from '../marketplace/index.js';
import { minimumBid } from './engine.js';
import * as S from './schemas.js';
import type { Auctions } from './service.js';
import { rulesOf, stateOf, type AuctionRow } from './store.js';
import { WATCH_POLICY, type AuctionSnapshot } from './watch.js';

const tags = ['auctions'];
const SSE_HEARTBEAT_MS = 15_000;

const viewerOf = (p: Principal): Viewer => actingMember(p, 'Auctions are for members.');

/**
 * The auction as the viewer is shown it: the reserve's amount and others' maximums stay hidden; a
 * sealed auction shows only the viewer's own bid until the close.
 */
function view(a: AuctionRow, viewer: Viewer, yourSealedBid: number | null = null) {
  const seller = viewer.admin || a.seller_id === viewer.memberId;
  const open = a.state === 'open';
  const sealed = a.kind !== 'english';
  const leading = !sealed && open && a.leader_id === viewer.memberId;
  const minimumBidMinor = !open ? null : sealed ? (yourSealedBid === null ? a.start_price_minor : yourSealedBid + 1) : minimumBid(rulesOf(a), stateOf(a));
  return {
    id: a.id, listingId: a.listing_id, sellerId: a.seller_id, title: a.title, currency: a.currency, kind: a.kind,
    startPriceMinor: a.start_price_minor, priceMinor: a.price_minor, minimumBidMinor,
    bidCount: a.bid_count, leading, yourMaxMinor: leading ? a.leader_max_minor : yourSealedBid,
    reserve: a.reserve_minor === null ? null : { met: sealed && open ? false : a.price_minor >= a.reserve_minor, ...(seller ? { reserveMinor: a.reserve_minor } : {}) },
    buyNowMinor: open && a.buy_now_minor !== null && a.price_minor < a.buy_now_minor ? a.buy_now_minor : null,
    antiSniping: { windowS: a.snipe_window_s, extendS: a.snipe_extend_s }, endsAt: a.ends_at.toISOString(), state: a.state, outcome: a.outcome,
    orderId: seller || a.winner_id === viewer.memberId ? a.order_id : null, createdAt: a.created_at.toISOString(), closedAt: a.closed_at?.toISOString() ?? null,
  };
}

export const auctionRoutes: FastifyPluginAsyncTypebox<{ db: Db; auctions: Auctions; marketplace: MarketplaceService }> = async (app, { db, auctions, marketplace }) => {
  const visible = async (id: string, viewer: Viewer) => {
    const a = await auctions.find(db, id, viewer);
    if (!a) throw new AppError('AUCTION_NOT_FOUND');
    return a;
  };

  app.post('/v1/auctions', {
    config: { access: { roles: ['seller'] } },
    schema: { tags, summary: 'Auction one unit of your active listing (English, proxy bids, hidden reserve, buy-now, anti-sniping). Idempotency-Key supported.', body: S.CreateAuctionBody, response: { 201: S.AuctionSchema, ...ErrorResponses } },
  }, async (request, reply) => {
    const viewer = viewerOf(principalOf(request));
    return idempotent(db, request, reply, async (tx) => ({ status: 201, body: view(unwrap(await auctions.create(tx, viewer.memberId, request.body)), viewer) }));
  });

  app.get('/v1/auctions', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'Auctions newest first: your own (as=seller), those you bid on (as=bidder), or those on a listing (listingId); only what you may see',
      querystring: S.AuctionListQuery,
      response: { 200: Type.Object({ items: Type.Array(S.AuctionSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const viewer = viewerOf(principalOf(request));
    const q = request.query;
    if (!q.as && !q.listingId) throw new AppError('VALIDATION_FAILED', 'Give as (seller or bidder) or listingId.');
    const page = await auctions.list(db, viewer, { as: q.as, listingId: q.listingId?.toLowerCase(), state: q.state, limit: q.limit ?? 20, cursor: q.cursor });
    return { items: page.items.map((a) => view(a, viewer)), nextCursor: page.nextCursor };
  });

  app.get('/v1/auctions/:id', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: { tags, summary: 'An auction on a listing you may see (else 404)', params: IdParams, response: { 200: S.AuctionSchema, ...ErrorResponses } },
  }, async (request) => {
    const viewer = viewerOf(principalOf(request));
    const a = await visible(request.params.id, viewer);
    return view(a, viewer, a.kind === 'english' ? null : await auctions.yourSealedBid(db, a.id, viewer.memberId));
  });

  app.get('/v1/auctions/:id/bids', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'The latest bids of an English auction you may see, oldest first: the price each left, and whether it was yours (bidders and maximums stay hidden)',
      params: IdParams, response: { 200: Type.Object({ items: Type.Array(S.PublicBidSchema) }), ...ErrorResponses },
    },
  }, async (request) => {
    const viewer = viewerOf(principalOf(request));
    const a = await visible(request.params.id, viewer);
    if (a.kind !== 'english') return { items: [] };
    const bids = await auctions.bidLog(db, a.id, S.PUBLIC_BIDS_MAX);
    return { items: bids.map((b) => ({ seq: b.seq, priceAfterMinor: b.priceAfterMinor, yours: b.bidderId === viewer.memberId, at: new Date(b.atMs).toISOString() })) };
  });

  app.post('/v1/auctions/:id/bids', {
    config: { access: { roles: ['buyer'] } },
    schema: { tags, summary: 'Bid your maximum: leading (held in your wallet) or outbid, and the price now', params: IdParams, body: S.BidBody, response: { 201: S.BidSchema, ...ErrorResponses } },
  }, async (request, reply) => {
    const viewer = viewerOf(principalOf(request));
    const a = await auctions.biddable(db, request.params.id, viewer);
    if (!a) throw new AppError('AUCTION_NOT_FOUND');
    const result = await auctions.bid(a.id, viewer.memberId, request.body.maxMinor);
    marketplace.recordDemand(a.listingId, 'bids');
    return reply.code(201).send(result);
  });

  app.get('/v1/auctions/:id/events', {
    config: { access: { roles: ['buyer', 'seller'] } },
    schema: {
      tags, summary: 'Watch an auction live (Server-Sent Events): an `auction` event with the price, bid count, end, state and whether you lead, now and on every change',
      params: IdParams, produces: ['text/event-stream'],
    },
  }, async (request, reply) => {
    const viewer = viewerOf(principalOf(request));
    const a = await visible(request.params.id, viewer);
    if (auctions.watch.watchers >= WATCH_POLICY.watchersMax) throw new AppError('SERVICE_UNAVAILABLE', 'Too many watchers on this process; retry later.');
    reply.hijack();
    const res = reply.raw;
    // The client may have gone while visibility was checked: then there is nothing to watch for.
    if (request.raw.destroyed || res.destroyed) return;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (s: AuctionSnapshot) => {
      const { leaderId, ...shown } = s;
      res.write(`event: auction\nid: ${s.bidCount}\ndata: ${JSON.stringify({ ...shown, leading: leaderId === viewer.memberId })}\n\n`);
    };
    send({ auctionId: a.id, priceMinor: a.price_minor, bidCount: a.bid_count, leaderId: a.leader_id, endsAt: a.ends_at.toISOString(), state: a.state, outcome: a.outcome });
    const unwatch = auctions.watch.watch(a.id, send);
    // Every so often: a comment keeps proxies from closing an idle stream, and the viewer's right to
    // see the auction is checked again (an audience change or a block ends the stream).
    const heartbeat = setInterval(() => {
      res.write(': keep-alive\n\n');
      auctions.find(db, a.id, viewer).then((still) => (still ? undefined : res.end()), () => undefined);
    }, SSE_HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unwatch();
    });
  });

  app.post('/v1/auctions/:id/buy-now', {
    config: { access: { roles: ['buyer'] } },
    schema: { tags, summary: 'Buy at the buy-now price while bidding is below it: the auction ends, your order is paid from your wallet', params: IdParams, response: { 201: S.BuyNowSchema, ...ErrorResponses } },
  }, async (request, reply) => {
    const viewer = viewerOf(principalOf(request));
    const a = await visible(request.params.id, viewer);
    return reply.code(201).send(await auctions.buyNow(a.id, viewer.memberId));
  });
};
