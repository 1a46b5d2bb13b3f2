import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isAdmin, principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { decodeCursor, encodeCursor, ErrorResponses, IdParams, isPgTimestamp, Strict, UUID_PATTERN, Uuid } from '../../platform/schemas.js';
import * as S from './schemas.js';
import { redactKey, type Members } from './service.js';
import * as store from './store.js';
import { WindowCounter } from '../../platform/window-counter.js';

const tags = ['members'];

/** A seller's exact-email lookups of buyers (GET /v1/buyers), counted per seller: enough to pick buyers, too few to sweep a list of emails. */
const BUYER_LOOKUPS = { perWindow: 60, windowMs: 10 * 60_000 } as const;

export const membersRoutes: FastifyPluginAsyncTypebox<{ db: Db; members: Members }> = async (app, { db, members }) => {
  const lookups = new WindowCounter(BUYER_LOOKUPS.perWindow, BUYER_LOOKUPS.windowMs);
  app.post('/v1/members', {
    config: { access: { public: true } },
    schema: {
      tags, summary: 'Register a member (open registration, or by an admin)',
      description: 'Open registration creates a pending buyer or seller and returns its first API key, once. Only an admin may create an admin.',
      body: S.RegisterBody, response: { 201: Type.Object({ member: S.Member, ...S.IssuedKey.properties }), ...ErrorResponses },
    },
  }, async (request, reply) => idempotent(db, request, reply, async (tx) => ({
    status: 201, body: unwrap(await members.register(tx, request.body, request.principal)),
  }), redactKey));

  app.get('/v1/members/me', {
    config: { access: { allowUnverified: true, scope: 'members:read' } },
    schema: { tags, summary: 'The calling member', response: { 200: S.Member, ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    if (p.kind !== 'member') throw new AppError('NOT_FOUND', 'A service key has no member profile.');
    return (await members.getMember(p.memberId)) ?? notFound();
  });

  app.patch('/v1/members/me', {
    config: { access: { allowUnverified: true, scope: 'members:write' } },
    schema: { tags, summary: 'Update the calling member\'s profile', body: S.ProfileBody, response: { 200: S.Member, ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    if (p.kind !== 'member') throw new AppError('NOT_FOUND', 'A service key has no member profile.');
    const member = unwrap(await db.transaction().execute((tx) => members.updateProfile(tx, p.memberId, request.body)));
    // The principal carries the time zone (the wheel's day rule reads it): resolve it afresh.
    await members.forgetMember(p.memberId);
    return member;
  });

  app.post('/v1/members/me/resubmission', {
    config: { access: { allowUnverified: true, scope: 'members:write' } },
    schema: { tags, summary: 'Resubmit an application that needs changes', body: S.ResubmitBody, response: { 200: S.Member, ...ErrorResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (p.kind !== 'member') throw new AppError('NOT_FOUND');
    const member = await idempotent(db, request, reply, async (tx) => ({
      status: 200, body: unwrap(await members.decide(tx, { memberId: p.memberId, to: 'pending', reason: request.body.note, by: p })).member,
    }));
    await members.forgetMember(p.memberId);
    return member;
  });

  app.get('/v1/buyers', {
    config: { access: { roles: ['seller'] } },
    schema: {
      tags, summary: 'The approved buyer with exactly this email (for a seller choosing who sees a listing); 404 otherwise',
      querystring: Strict({ email: Type.String({ minLength: 3, maxLength: 254 }) }),
      response: { 200: Type.Object({ id: Uuid, displayName: Type.String() }), ...ErrorResponses },
    },
  }, async (request) => {
    const seller = principalOf(request);
    if (seller.kind === 'member' && !lookups.allow(seller.memberId)) throw new AppError('RATE_LIMITED', 'Too many buyer lookups; try again in a few minutes.');
    const m = await members.findMemberByEmail(db, request.query.email.trim());
    if (!m || m.verificationState !== 'approved' || !m.roles.includes('buyer')) throw new AppError('NOT_FOUND', 'No approved buyer has this email.');
    return { id: m.id, displayName: m.displayName };
  });

  app.get('/v1/members/:id', {
    config: { access: { allowUnverified: true, scope: 'members:read' } },
    schema: {
      tags, summary: 'A member: whole for itself and admins; the public view of an approved member for other verified members',
      params: IdParams, response: { 200: Type.Union([S.Member, S.PublicMember]), ...ErrorResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const member = await members.findMember(db, request.params.id);
    const self = p.kind === 'member' && p.memberId === request.params.id;
    if (!member) return notFound();
    if (self || isAdmin(p)) return member;
    const callerVerified = p.kind === 'service' || p.verification === 'approved';
    if (!callerVerified || member.verificationState !== 'approved') return notFound();
    return { id: member.id, displayName: member.displayName, roles: member.roles };
  });

  app.get('/v1/members', {
    config: { access: { roles: ['admin'], scope: 'members:read' } },
    schema: {
      tags, summary: 'List members (the verification queue with verificationState=pending)',
      querystring: S.MemberListQuery, response: { 200: Type.Object({ items: Type.Array(S.Member), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ErrorResponses },
    },
  }, async (request) => {
    const limit = request.query.limit ?? 50;
    const after = decodeCursor(request.query.cursor, { createdAt: isPgTimestamp, id: UUID_PATTERN });
    const { items, last } = await store.listMembers(db, { state: request.query.verificationState, after, limit });
    return { items, nextCursor: last ? encodeCursor(last) : null };
  });

  app.post('/v1/members/:id/verification', {
    config: { access: { roles: ['admin'], scope: 'members:write' } },
    schema: {
      tags, summary: 'Decide a member\'s verification (admin)', params: IdParams, body: S.DecisionBody,
      response: { 200: Type.Object({ member: S.Member, decision: S.Decision }), ...ErrorResponses },
    },
  }, async (request, reply) => {
    const decided = await idempotent(db, request, reply, async (tx) => ({
      status: 200,
      body: unwrap(await members.decide(tx, { memberId: request.params.id, to: request.body.decision, reason: request.body.reason, by: principalOf(request) })),
    }));
    await members.forgetMember(request.params.id);
    return decided;
  });

  app.put('/v1/members/:id/groups', {
    config: { access: { roles: ['admin'], scope: 'members:write' } },
    schema: {
      tags, summary: 'Set a member\'s groups (admin): the segments promotions can target',
      params: IdParams, body: S.GroupsBody, response: { 200: S.Member, ...ErrorResponses },
    },
  }, async (request) => {
    const member = (await store.setGroups(db, request.params.id, request.body.groups)) ?? notFound();
    await members.forgetMember(request.params.id);
    return member;
  });

  app.get('/v1/members/:id/verification', {
    config: { access: { allowUnverified: true, scope: 'members:read' } },
    schema: { tags, summary: 'The verification audit trail (the member itself or an admin)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(S.Decision) }), ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const self = p.kind === 'member' && p.memberId === request.params.id;
    if (!self && !isAdmin(p)) return notFound();
    if (!(await members.findMember(db, request.params.id))) return notFound();
    return { items: await store.listDecisions(db, request.params.id) };
  });
};

function notFound(): never {
  throw new AppError('NOT_FOUND');
}
