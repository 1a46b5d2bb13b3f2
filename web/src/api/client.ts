import createClient, { type Middleware } from 'openapi-fetch';
import { humanMessage } from './errors';
import type { components, paths } from './schema';

/**
 * The typed API client: paths, bodies and answers come from schema.d.ts, which is generated from
 * the service's OpenAPI document (npm run api:types). The session cookie travels by itself; writes
 * carry the CSRF token the sign-in set in the trove_csrf cookie.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = cookie('trove_csrf');
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
};
api.use(csrf);

export function cookie(name: string): string | null {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The JSON a path answers with status S: `Json<'/v1/orders/{id}', 'get'>` is an order. */
export type Json<P extends keyof paths, M extends Method, S extends number = 200> =
  paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;
/** The JSON body a path takes. */
export type Body<P extends keyof paths, M extends Method> =
  paths[P][M] extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** A refusal from the service: its stable code, a message for people, and its details. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly details?: unknown) {
    super(message);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError with a human message. */
export async function must<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError('NETWORK', 'Trove could not be reached. Check your connection and try again.', 0);
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  const body = (error as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  const code = body?.code ?? `HTTP_${response.status}`;
  throw new ApiError(code, humanMessage(code, body?.message, body?.details), response.status, body?.details);
}
