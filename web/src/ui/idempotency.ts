import { useState } from 'react';
import { ApiError } from '../api/client';
import { newId } from './ids';

/**
 * Idempotency-Keys (docs/architecture.md, "Idempotency"): the service stores the answer to a keyed POST,
 * so sending the same request again with the same key is answered with the first answer instead of
 * doing it twice (a second order, a second spin).
 *
 * The rule, in one place: a key lives until the request has had an answer that settles it.
 * - success: forget the key (the next request is a new one);
 * - a refusal (an ApiError with status 1-499: the service answered and did nothing lasting) forget it;
 * - anything else (no answer: network failure, status 0; a 5xx; a non-ApiError) KEEP it: the first
 *   attempt may have gone through, so a retry must be the same request with the same key;
 * - a retry whose request differs (another body, path or step) gets a new key, since the service
 *   would refuse the old key with another request (IDEMPOTENCY_KEY_REUSED).
 */

/** Whether the key of an attempt that failed with `error` must be kept for a retry. */
export function keepsKey(error: unknown): boolean {
  return !(error instanceof ApiError && error.status >= 1 && error.status <= 499);
}

/** JSON with sorted object keys: the same request written in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface IdempotencyKeys {
  /**
   * Sends `request` (anything that identifies it: path params, step, body) with a key: the kept key
   * when it is the same request as an attempt whose answer was lost, else a new one; then settles
   * the key by the answer (see the rule above). Answers or throws what `send` does.
   */
  run<T>(request: unknown, send: (key: string) => Promise<T>): Promise<T>;
  /** The key the next send of `request` would use (kept or new); `run` is what callers want. */
  keyFor(request: unknown): string;
  /** Settles the current key after an answer: no error (success) or a refusal forgets it. */
  settle(error?: unknown): void;
}

/** The keeper behind useIdempotencyKey (plain, for tests and non-React callers). */
export function createIdempotencyKeys(makeId: () => string = newId): IdempotencyKeys {
  let kept: { key: string; request: string } | null = null;
  const keys: IdempotencyKeys = {
    keyFor(request) {
      const print = canonical(request);
      if (!kept || kept.request !== print) kept = { key: makeId(), request: print };
      return kept.key;
    },
    settle(error) {
      if (error === undefined || !keepsKey(error)) kept = null;
    },
    async run(request, send) {
      const key = keys.keyFor(request);
      try {
        const answer = await send(key);
        if (kept?.key === key) kept = null;
        return answer;
      } catch (err) {
        if (kept?.key === key && !keepsKey(err)) kept = null;
        throw err;
      }
    },
  };
  return keys;
}

/**
 * One component's Idempotency-Keys, stable across renders. Use it around a keyed POST:
 *
 * ```ts
 * const keys = useIdempotencyKey();
 * const pay = useMutation({
 *   mutationFn: (body: Body<'/v1/orders', 'post'>) =>
 *     keys.run(body, (key) => must(api.POST('/v1/orders', { body, headers: { 'Idempotency-Key': key } }))),
 * });
 * ```
 */
export function useIdempotencyKey(): IdempotencyKeys {
  const [keys] = useState(() => createIdempotencyKeys());
  return keys;
}
