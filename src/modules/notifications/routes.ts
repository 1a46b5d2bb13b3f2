import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actingMember, type Principal, principalOf } from '../../platform/auth.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, unwrap } from '../../platform/errors.js';
import { ErrorResponses, IdParams, Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { NOTIFICATION_TYPES } from './model.js';
import type { Notifications } from './service.js';
import * as store from './store.js';

const tags = ['notifications'];
const EndpointSchema = Type.Object({ id: Uuid, url: Type.String(), createdAt: Timestamp });
const TypeFlags = Type.Object(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Boolean()])) as Record<(typeof NOTIFICATION_TYPES)[number], ReturnType<typeof Type.Boolean>>);
const SomeTypeFlags = Strict(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Optional(Type.Boolean())])));

const memberOf = (p: Principal) => actingMember(p, 'Notifications are for members.');

export const notificationRoutes: FastifyPluginAsyncTypebox<{ db: Db; notifications: Notifications }> = async (app, { db, notifications }) => {
  app.post('/v1/notifications/endpoints', {
    schema: {
      tags, summary: 'Add a webhook: your notifications are POSTed to it, signed (Trove-Signature: t=...,v1=HMAC-SHA256 of "t.body" with the secret shown here once)',
      body: Strict({ url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2_000 }) }),
      response: { 201: Type.Object({ ...EndpointSchema.properties, secret: Type.String() }), ...ErrorResponses },
    },
  }, async (request, reply) => {
    const { id, url, createdAt, secret } = unwrap(await notifications.createEndpoint(memberOf(principalOf(request)).memberId, request.body.url));
    return reply.code(201).send({ id, url, createdAt, secret });
  });

  app.get('/v1/notifications/endpoints', {
    schema: { tags, summary: 'Your webhooks', response: { 200: Type.Object({ items: Type.Array(EndpointSchema) }), ...ErrorResponses } },
  }, async (request) => ({ items: (await store.endpointsOf(db, memberOf(principalOf(request)).memberId)).map(({ id, url, createdAt }) => ({ id, url, createdAt })) }));

  app.delete('/v1/notifications/endpoints/:id', {
    schema: { tags, summary: 'Remove a webhook', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } },
  }, async (request, reply) => {
    if (!(await store.disableEndpoint(db, request.params.id, memberOf(principalOf(request)).memberId))) throw new AppError('ENDPOINT_NOT_FOUND');
    return reply.code(204).send(null);
  });

  app.get('/v1/notifications/preferences', {
    schema: { tags, summary: 'Which notifications you get, on every channel (all, unless turned off)', response: { 200: Type.Object({ types: TypeFlags }), ...ErrorResponses } },
  }, async (request) => {
    const set = await store.preferencesOf(db, memberOf(principalOf(request)).memberId);
    return { types: Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, set[t] ?? true])) as Record<(typeof NOTIFICATION_TYPES)[number], boolean> };
  });

  app.put('/v1/notifications/preferences', {
    schema: { tags, summary: 'Turn notification types on or off (those not named keep their setting)', body: Strict({ types: SomeTypeFlags }), response: { 204: Type.Null(), ...ErrorResponses } },
  }, async (request, reply) => {
    const { memberId } = memberOf(principalOf(request));
    for (const [type, on] of Object.entries(request.body.types as Record<string, boolean>)) await store.setPreference(db, memberId, type, on);
    return reply.code(204).send(null);
  });

  app.get('/v1/notifications/deliveries', {
    schema: {
      tags, summary: 'Your notifications\' deliveries, newest first: pending, delivered, or dead (after the last attempt; replay them)',
      querystring: Strict({ state: Type.Optional(Type.Enum(['pending', 'delivered', 'dead'] as const)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({
        id: Uuid, messageId: Uuid, type: Type.String(), channel: Type.String(), endpointId: Type.Union([Uuid, Type.Null()]), state: Type.String(), attempts: Type.Integer(),
        lastError: Type.Union([Type.String(), Type.Null()]), nextAttemptAt: Timestamp, deliveredAt: Type.Union([Timestamp, Type.Null()]),
      })) }), ...ErrorResponses },
    },
  }, async (request) => ({ items: await store.deliveriesOf(db, memberOf(principalOf(request)).memberId, request.query.state, request.query.limit ?? 50) }));

  app.post('/v1/notifications/deliveries/:id/replay', {
    schema: { tags, summary: 'Try a dead delivery again, from its first attempt', params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } },
  }, async (request, reply) => {
    const m = memberOf(principalOf(request));
    if (!(await store.replay(db, request.params.id, m.admin ? null : m.memberId))) throw new AppError('DELIVERY_NOT_FOUND');
    return reply.code(204).send(null);
  });
};
