import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isAdmin, principalOf, type Access, type Principal } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { compileBodySchema } from '../../platform/http-errors.js';
import { decodeCursor, encodeCursor, ErrorResponses, IdParams, Strict, Uuid, UUID_PATTERN } from '../../platform/schemas.js';
import type { MembersService } from '../members/index.js';
import type { CompletedRef, ItemOutcome, SourcedEvent } from './ingest.js';
import { refuseEvent } from './matching.js';
import { COMPLETION_STATUSES, REWARDS_POLICY, type EventInput } from './model.js';
import * as S from './schemas.js';
import type { Rewards } from './service.js';
import { journalKey } from './store.js';

const tags = ['rewards'];
const ADMIN: Access = { roles: ['admin'], scope: 'rewards:write' };
const checkEvent = compileBodySchema(S.EventItem);

type ItemAnswer = { id: string | null; status: 'accepted' | 'duplicate' | 'unchanged' | 'rejected'; completed?: CompletedRef[]; error?: { code: string; message: string; details?: unknown } };

/**
 * Checks each item on its own: a malformed, late or repeated item is refused with its reason and
 * the others go on. Returns the answers (null where the engine decides) and the events to submit.
 */
function screen(raw: readonly unknown[], p: Principal, now: number, latenessMs: number): { answers: (ItemAnswer | null)[]; events: SourcedEvent[]; at: number[] } {
  const answers: (ItemAnswer | null)[] = [];
  const events: SourcedEvent[] = [];
  const at: number[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : null;
    if (!checkEvent(item)) {
      const first = checkEvent.errors?.[0];
      const field = `events.${i}${first?.instancePath.replace(/\//g, '.') ?? ''}`;
      answers.push({ id, status: 'rejected', error: { code: 'VALIDATION_FAILED', message: `${field} ${first?.message ?? 'is invalid'}`, details: [{ field, message: first?.message ?? 'is invalid' }] } });
      return;
    }
    const event = item as EventInput;
    event.attributes ??= {};
    const refusal = refuseEvent(event, now, latenessMs);
    const source = event.source ?? `key:${p.keyId}`;
    const key = journalKey(source, event.id);
    if (refusal) {
      answers.push({ id, status: 'rejected', error: refusal });
    } else if (seen.has(key)) {
      answers.push({ id, status: 'rejected', error: { code: 'REWARD_EVENT_DUPLICATE_IN_BATCH', message: `Event ${event.id} appears earlier in this request.` } });
    } else {
      seen.add(key);
      answers.push(null);
      events.push({ source, event });
      at.push(i);
    }
  });
  return { answers, events, at };
}

function answerOf(id: string, o: ItemOutcome): ItemAnswer {
  return o.status === 'rejected' ? { id, status: 'rejected', error: { code: o.code, message: o.message } } : { id, status: o.status, completed: o.completed };
}

export const rewardRoutes: FastifyPluginAsyncTypebox<{ db: Db; rewards: Rewards; members: MembersService }> = async (app, { db, rewards, members }) => {
  const gameOr404 = async (id: string) => {
    const game = await rewards.findGame(db, id);
    if (!game) throw new AppError('REWARD_GAME_NOT_FOUND');
    return game;
  };

  app.post('/v1/events', {
    config: { access: { roles: ['admin'], scope: 'events:write' } },
    schema: {
      tags, summary: 'Send activity events: one event, or {"events": [...]} with up to 1,000',
      description: 'Each item is answered on its own: `accepted` (stored and counted), `duplicate` (this source and id was counted before), `unchanged` (it matches no running game, or only checkpoints already met, so it can change nothing and is not stored) or `rejected` with its error code. Counting is idempotent per (source, id).',
      body: S.IngestBody, response: { 200: S.IngestResponse, ...ErrorResponses },
    },
  }, async (request) => {
    const body = request.body as { events?: unknown[] };
    const single = !Array.isArray(body.events);
    const { answers, events, at } = screen(single ? [body] : body.events!, principalOf(request), Date.now(), rewards.latenessMs);
    const outcomes = await rewards.ingest.submit(events);
    outcomes.forEach((o, i) => (answers[at[i]!] = answerOf(events[i]!.event.id, o)));
    const items = answers as ItemAnswer[];
    if (single && items[0]!.status === 'rejected') {
      const e = items[0]!.error!;
      throw new AppError(e.code as never, e.message, e.details);
    }
    return {
      accepted: items.filter((a) => a.status === 'accepted').length,
      duplicates: items.filter((a) => a.status === 'duplicate').length,
      unchanged: items.filter((a) => a.status === 'unchanged').length,
      rejected: items.filter((a) => a.status === 'rejected').length,
      items,
    };
  });

  app.get('/v1/members/:id/progress', {
    config: { access: { scope: 'rewards:read' } },
    schema: {
      tags, summary: 'A member\'s progress in every running game: checkpoints, streaks, next reset in the member\'s time zone',
      description: 'A member sees its own; admins and service keys with rewards:read see anyone\'s. Another member\'s progress does not exist for the caller (404).',
      params: IdParams, response: { 200: S.Progress, ...ErrorResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const id = request.params.id.toLowerCase();
    if (p.kind === 'member' && p.memberId !== id && !isAdmin(p)) throw new AppError('NOT_FOUND', 'No such member.');
    const member = await members.findMember(db, id);
    if (!member) throw new AppError('NOT_FOUND', 'No such member.');
    return rewards.progress(member.id, member.timeZone, member.roles);
  });

  app.post('/v1/games', {
    config: { access: ADMIN },
    schema: { tags, summary: 'Create a game of milestones and checkpoints (admins)', body: S.CreateGameBody, response: { 201: S.Game, ...ErrorResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    const b = request.body;
    // Paying from an account is moving its money: a service key needs wallet:write for that too.
    if (b.fundingAccountId && !isAdmin(p) && !(p.kind === 'service' && p.scopes.includes('wallet:write'))) {
      throw new AppError('FORBIDDEN', 'Naming a funding account needs an admin, or a key with wallet:write as well.');
    }
    const game = unwrap(await rewards.createGame(db, {
      name: b.name, startsAt: b.startsAt, endsAt: b.endsAt, audience: b.audience ?? {}, budgetCoins: b.budgetCoins,
      fundingAccountId: b.fundingAccountId ?? null, verification: b.verification ?? null,
      milestones: b.milestones.map((m) => ({
        key: m.key, name: m.name, window: m.window, repeats: m.repeats ?? false,
        reward: { coins: m.reward.coins ?? 0, couponCampaignId: m.reward.couponCampaignId ?? null },
        checkpoints: m.checkpoints.map((cp) => ({ ...cp, filters: cp.filters ?? [] })),
      })),
    }, p.kind === 'member' ? p.memberId : null));
    return reply.code(201).send(game);
  });

  app.get('/v1/games', {
    config: { access: { roles: ['admin'], scope: 'rewards:read' } },
    schema: {
      tags, summary: 'Games, by id', querystring: Strict({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: REWARDS_POLICY.pageMax, default: 50 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 200: Type.Object({ items: Type.Array(S.Game), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const limit = request.query.limit ?? 50;
    const after = decodeCursor(request.query.cursor, { id: UUID_PATTERN })?.id ?? null;
    const items = await rewards.listGames(db, limit, after);
    return { items, nextCursor: items.length === limit ? encodeCursor({ id: items.at(-1)!.id }) : null };
  });

  app.get('/v1/games/:id', {
    config: { access: { roles: ['admin'], scope: 'rewards:read' } },
    schema: { tags, summary: 'A game', params: IdParams, response: { 200: S.Game, ...ErrorResponses } },
  }, async (request) => gameOr404(request.params.id));

  app.patch('/v1/games/:id', {
    config: { access: ADMIN },
    schema: { tags, summary: 'Change a game\'s name, end, budget or active switch (its milestones are fixed)', params: IdParams, body: S.PatchGameBody, response: { 200: S.Game, ...ErrorResponses } },
  }, async (request) => unwrap(await rewards.updateGame(db, request.params.id, request.body)));

  app.get('/v1/games/:id/stats', {
    config: { access: { roles: ['admin'], scope: 'rewards:read' } },
    schema: {
      tags, summary: 'Completions, coins paid, budget left and distinct participants per day', params: IdParams,
      querystring: Strict({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, default: 7 })) }), response: { 200: S.GameStats, ...ErrorResponses },
    },
  }, async (request) => {
    return rewards.stats(await gameOr404(request.params.id), request.query.days ?? 7);
  });

  app.get('/v1/games/:id/completions', {
    config: { access: { roles: ['admin'], scope: 'rewards:read' } },
    schema: {
      tags, summary: 'A game\'s completions, newest first; `status=verifying` lists pending and parked verifications', params: IdParams,
      querystring: Strict({ status: Type.Optional(Type.Enum([...COMPLETION_STATUSES])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: REWARDS_POLICY.pageMax, default: 50 })) }),
      response: { 200: Type.Object({ items: Type.Array(S.Completion) }), ...ErrorResponses },
    },
  }, async (request) => {
    await gameOr404(request.params.id);
    return { items: await rewards.listCompletions(db, request.params.id, request.query.status ?? null, request.query.limit ?? 50) };
  });

  app.post('/v1/games/:id/completions/verify', {
    config: { access: ADMIN },
    schema: {
      tags, summary: 'Ask the source again, now, to verify a completion that is waiting or was parked after failed attempts', params: IdParams,
      body: Strict({ milestoneKey: Type.String({ maxLength: 40 }), memberId: Uuid, completionKey: Type.String({ maxLength: 40 }) }),
      response: { 202: Type.Object({ scheduled: Type.Boolean() }), ...ErrorResponses },
    },
  }, async (request, reply) => {
    const b = request.body;
    unwrap(await rewards.verifier.retry(request.params.id, b.milestoneKey, b.memberId.toLowerCase(), b.completionKey));
    return reply.code(202).send({ scheduled: true });
  });
};
