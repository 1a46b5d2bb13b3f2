import type { FastifyPluginAsync } from 'fastify';
import type { Database, Db } from '../../platform/db/database.js';
import { apiKeyRoutes } from './api-key-routes.js';
import { membersRoutes } from './routes.js';
import { Members } from './service.js';
import { sessionRoutes } from './session-routes.js';
import type { Sessions } from './sessions.js';

export type { MembersService } from './service.js';
export { Members } from './service.js';
export { Sessions, csrfTokenOf, purgeEndedSessions, SESSION_TOKEN_PATTERN } from './sessions.js';
export { PASSWORD_POLICY } from './passwords.js';
export type { Member } from './model.js';

/** Members, verification and API keys. */
export const membersPlugin: FastifyPluginAsync<{ db: Db; members: Members; sessions: Sessions; cookieSecure?: boolean }> = async (app, opts) => {
  await app.register(membersRoutes, opts);
  await app.register(apiKeyRoutes, opts);
  await app.register(sessionRoutes, opts);
};

export function createMembers(database: Database, authCacheTtlMs = 0): Members {
  return new Members(database, authCacheTtlMs);
}
