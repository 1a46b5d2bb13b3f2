import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { notificationRoutes } from './routes.js';
import type { Notifications } from './service.js';

export { Notifications, signatureHeader } from './service.js';
export { NatsSink, type NotificationSink } from './nats-sink.js';
export { SmtpSink, type EmailSink } from './email-sink.js';

/** Notifications: members' webhooks fed by domain events, with retries, a dead letter and replay. */
export const notificationsPlugin: FastifyPluginAsync<{ db: Db; notifications: Notifications }> = async (app, opts) => {
  await app.register(notificationRoutes, opts);
};
