import { Type, type TSchema } from 'typebox';
import { AppError } from './errors.js';

/** Schemas shared by every module's routes. */
/**
 * A plain lowercase-or-uppercase 8-4-4-4-12 uuid. Not `format: 'uuid'`: ajv-formats also accepts a
 * `urn:uuid:` prefix, which PostgreSQL's uuid type refuses.
 */
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
/**
 * RFC 3339 as JavaScript and PostgreSQL both read it: ajv's date-time alone also accepts a leap
 * second (:60) and hour-only offsets (+05), which Date.parse turns into NaN.
 */
export const Timestamp = Type.String({ format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:[0-5]\\d(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable code from docs/errors.md' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', description: 'Every 4xx and 5xx answer has this shape.' },
);

/** A closed object: unknown fields are a validation error, never silently dropped. */
export function Strict<T extends Record<string, TSchema>>(properties: T, options: { description?: string } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

/** Opaque keyset cursors: base64url of the JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A field's check: a pattern, or a test for what a pattern cannot say (a real calendar date). */
export type CursorField = RegExp | ((value: string) => boolean);

export function decodeCursor<K extends string>(cursor: string | undefined, fields: Record<K, CursorField>): Record<K, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const passes = (check: CursorField, v: string) => (typeof check === 'function' ? check(v) : check.test(v));
    const valid = Object.entries<CursorField>(fields).every(([f, check]) => typeof value[f] === 'string' && passes(check, value[f] as string));
    if (valid) return value as Record<K, string>;
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/** The one answer to a cursor this API did not issue (edited, truncated, or from another sort). */
export const invalidCursor = (message = 'querystring.cursor is not a cursor this API issued') =>
  new AppError('VALIDATION_FAILED', message, [{ field: 'querystring.cursor', message: 'is invalid' }]);

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A timestamp as PostgreSQL prints timestamptz::text. */
export const PG_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/**
 * A PostgreSQL timestamp that is a real moment: the pattern alone lets through a 13th month or a
 * 30 February, which PostgreSQL refuses with an error (a cursor edited so must be a 400, not a 500).
 */
export function isPgTimestamp(value: string): boolean {
  if (!PG_TIMESTAMP_PATTERN.test(value)) return false;
  const [y, mo, d, h, mi, sec] = value.split(/[- :.+]/).map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
}

/** Error answers for a route's OpenAPI entry (ErrorResponse is registered once by the app). */
export const ErrorResponses = {
  '4xx': Type.Unsafe<{ error: { code: string; message: string; details?: unknown } }>({ $ref: 'ErrorResponse#' }),
  '5xx': Type.Unsafe<{ error: { code: string; message: string; details?: unknown } }>({ $ref: 'ErrorResponse#' }),
};
