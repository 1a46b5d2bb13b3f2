import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isAdmin, principalOf, type Principal } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, fail, ok, unwrap, type Result } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { ErrorResponses, IdParams } from '../../platform/schemas.js';
import * as S from './schemas.js';
import { redactKey, type Members } from './service.js';
import * as store from './store.js';

const tags = ['api keys'];

type KeyRequest = { name: string; scopes?: S.ScopeName[]; service?: boolean; memberId?: string };

/** Whose key this request creates: the caller's own, or (admins only) a service key or another member's. */
function keyOwner(p: Principal, body: KeyRequest): Result<{ memberId: string | null }> {
  const admin = isAdmin(p);
  if ((body.service || body.memberId) && !admin) return fail('FORBIDDEN', 'Only an admin can create service keys or keys for other members.');
  if (body.service) {
    if (body.memberId) return fail('VALIDATION_FAILED', 'A service key belongs to no member: give service or memberId, not both.');
    if (!body.scopes) return fail('API_KEY_SCOPE_INVALID', 'A service key needs at least one scope.');
    return ok({ memberId: null });
  }
  if (body.memberId) return ok({ memberId: body.memberId });
  if (p.kind !== 'member') return fail('FORBIDDEN', 'A service key cannot create keys.');
  if (body.scopes?.includes('admin') && !admin) return fail('API_KEY_SCOPE_INVALID', 'Only an admin can grant the admin scope.');
  // A narrowed key can only hand out what it has: it never mints a broader key.
  if (p.scopes !== null && !admin && !(body.scopes && body.scopes.every((s) => p.scopes!.includes(s)))) {
    return fail('API_KEY_SCOPE_INVALID', `A key narrowed to ${p.scopes.join(', ')} can only create keys within those scopes.`);
  }
  return ok({ memberId: p.memberId });
}

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ db: Db; members: Members }> = async (app, { db, members }) => {
  app.post('/v1/api-keys', {
    config: { access: { scope: 'members:write' } },
    schema: { tags, summary: 'Create an API key (shown once)', body: S.CreateKeyBody, response: { 201: S.IssuedKey, ...ErrorResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    const { memberId } = unwrap(keyOwner(p, request.body));
    return idempotent(db, request, reply, async (tx) => {
      if (memberId && !(await members.findMember(tx, memberId))) throw new AppError('NOT_FOUND', 'No such member.');
      const createdBy = p.kind === 'member' ? p.memberId : null;
      return { status: 201, body: await members.issueKey(tx, { memberId, name: request.body.name, scopes: request.body.scopes ?? null, createdBy }) };
    }, redactKey);
  });

  app.get('/v1/api-keys', {
    config: { access: { scope: 'members:read' } },
    schema: { tags, summary: 'The caller\'s API keys (admins: service=true lists service keys)', querystring: S.KeyListQuery, response: { 200: Type.Object({ items: Type.Array(S.ApiKey) }), ...ErrorResponses } },
  }, async (request) => {
    const p = principalOf(request);
    if (request.query.service) {
      if (!isAdmin(p)) throw new AppError('FORBIDDEN', 'Only an admin can list service keys.');
      return { items: await store.listApiKeys(db, null) };
    }
    if (p.kind !== 'member') throw new AppError('FORBIDDEN', 'A service key owns no member keys.');
    return { items: await store.listApiKeys(db, p.memberId) };
  });

  app.delete('/v1/api-keys/:id', {
    config: { access: { scope: 'members:write' } },
    schema: { tags, summary: 'Revoke an API key (its owner or an admin)', params: IdParams, response: { 200: S.ApiKey, ...ErrorResponses } },
  }, async (request) => {
    const revoked = unwrap(await db.transaction().execute((tx) => members.revokeKey(tx, request.params.id, principalOf(request))));
    members.forgetKey(revoked.id);
    return revoked;
  });
};
