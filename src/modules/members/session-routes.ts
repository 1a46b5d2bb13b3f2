import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actingMember, CSRF_COOKIE, principalOf, SESSION_COOKIE } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { ErrorResponses, Strict, Timestamp } from '../../platform/schemas.js';
import { PASSWORD_POLICY } from './passwords.js';
import * as S from './schemas.js';
import type { Member } from './model.js';
import type { Members } from './service.js';
import type { OpenedSession, Sessions } from './sessions.js';

const tags = ['sign-in'];

const Password = Type.String({ minLength: PASSWORD_POLICY.lengthMin, maxLength: PASSWORD_POLICY.lengthMax, description: `${PASSWORD_POLICY.lengthMin} to ${PASSWORD_POLICY.lengthMax} characters` });
const SignedIn = Type.Object({
  member: S.Member,
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token with every write made with the session cookie (it is also in the trove_csrf cookie)' }),
  expiresAt: Timestamp,
});

/**
 * The web app's sign-in: registration with a password (landing in the verification queue, signed
 * in to see its state), sign-in and sign-out. The session travels in an httpOnly, SameSite=Lax
 * cookie; API keys keep working for services and scripts.
 */
export const sessionRoutes: FastifyPluginAsyncTypebox<{ db: Db; members: Members; sessions: Sessions; cookieSecure?: boolean }> = async (app, { db, members, sessions, cookieSecure = true }) => {
  const signedIn = (request: FastifyRequest, reply: FastifyReply, member: Member, session: OpenedSession) => {
    const cookie = { path: '/', sameSite: 'lax' as const, secure: cookieSecure || request.protocol === 'https', expires: new Date(session.expiresAt) };
    void reply.setCookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true }).setCookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
    return { member, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  };

  app.post('/v1/auth/register', {
    config: { access: { public: true } },
    schema: {
      tags, summary: 'Register as a buyer or seller with a password, and sign in: the member waits in the verification queue',
      body: Strict({ ...S.RegisterBody.properties, password: Password }), response: { 201: SignedIn, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const { password, ...registration } = request.body;
    const opened = await db.transaction().execute(async (tx) => {
      const member = unwrap(await members.createMember(tx, registration, null));
      await sessions.setPassword(tx, member.id, password);
      return { member, session: await sessions.open(tx, member.id) };
    });
    return reply.code(201).send(signedIn(request, reply, opened.member, opened.session));
  });

  app.post('/v1/auth/sign-in', {
    config: { access: { public: true } },
    schema: {
      tags, summary: 'Sign in with email and password: sets the session cookie',
      body: Strict({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: PASSWORD_POLICY.lengthMax }) }),
      response: { 200: SignedIn, ...ErrorResponses },
    },
  }, async (request, reply) => {
    const session = await sessions.signIn(db, request.body.email, request.body.password, request.ip);
    if (!session.ok && session.code === 'AUTH_TOO_MANY_ATTEMPTS') void reply.header('retry-after', String((session.details as { retryAfterS: number }).retryAfterS));
    const opened = unwrap(session);
    const member = await members.getMember(opened.memberId);
    if (!member) throw new AppError('AUTH_INVALID_CREDENTIALS');
    return signedIn(request, reply, member, opened);
  });

  app.post('/v1/auth/password', {
    config: { access: { allowUnverified: true } },
    schema: {
      tags, summary: 'Change your password (give the current one): every other session of yours ends',
      body: Strict({ currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_POLICY.lengthMax }), newPassword: Password }),
      response: { 204: Type.Null(), ...ErrorResponses },
    },
  }, async (request, reply) => {
    const p = actingMember(principalOf(request), 'A service key has no password.');
    const changed = await db.transaction().execute((tx) =>
      sessions.changePassword(tx, p.memberId, request.body.currentPassword, request.body.newPassword, request.cookies[SESSION_COOKIE] ?? null, request.ip));
    if (!changed.ok && changed.code === 'AUTH_TOO_MANY_ATTEMPTS') void reply.header('retry-after', String((changed.details as { retryAfterS: number }).retryAfterS));
    unwrap(changed);
    return reply.code(204).send(null);
  });

  app.post('/v1/auth/sign-out-everywhere', {
    config: { access: { allowUnverified: true } },
    schema: { tags, summary: 'End every session of yours, on every device, this one included', response: { 204: Type.Null(), ...ErrorResponses } },
  }, async (request, reply) => {
    const p = actingMember(principalOf(request), 'A service key has no sessions.');
    await sessions.endAll(db, p.memberId, null);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.post('/v1/auth/sign-out', {
    config: { access: { allowUnverified: true } },
    schema: { tags, summary: 'Sign out: ends this session and clears its cookies', response: { 204: Type.Null(), ...ErrorResponses } },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await sessions.signOut(db, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
};

