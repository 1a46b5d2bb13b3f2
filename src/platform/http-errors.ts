import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AppError, ERROR_CATALOG, type ErrorCode } from './errors.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Route schemas are validated by Ajv. Bodies are never coerced ("12" is not 12: an amount sent as
 * a string is an error, not a guess) and unknown fields are rejected, not silently dropped.
 * Query strings and path params arrive as text, so those are coerced.
 */
function makeAjv(coerce: AjvOptions['coerceTypes']): Ajv {
  const ajv = new Ajv({ coerceTypes: coerce, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats(ajv);
  return ajv;
}
const bodyAjv = makeAjv(false);
const textAjv = makeAjv('array');

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));
}

// Connection trouble, and transient conflicts (deadlock, serialization): nothing was committed,
// so the client may retry the same request.
const PG_UNAVAILABLE = new Set(['57P01', '57P03', '53300', '08000', '08003', '08006', '40P01', '40001', 'ECONNREFUSED', 'ECONNRESET']);

function fromValidation(err: FastifyError): AppError {
  const issues = (err.validation ?? []) as FastifySchemaValidationError[];
  const details = issues.map((v) => {
    const where = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const extra = v.params as { additionalProperty?: string; missingProperty?: string };
    const field = [err.validationContext, where, extra.additionalProperty ?? extra.missingProperty].filter(Boolean).join('.');
    return { field, message: v.message ?? 'is invalid' };
  });
  const first = details[0];
  const message = first ? `${first.field} ${first.message}` : ERROR_CATALOG.VALIDATION_FAILED.message;
  return new AppError('VALIDATION_FAILED', message, details);
}

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Maps anything thrown to a catalog error. Only a bug becomes INTERNAL. */
/** The SQLSTATE class (first two characters) of a PostgreSQL error, or null. */
function sqlStateClass(err: unknown): string | null {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code.slice(0, 2) : null;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { code?: string };
  if (e?.validation) return fromValidation(e);
  if (e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e instanceof SyntaxError && e.statusCode === 400)) {
    return new AppError('MALFORMED_JSON');
  }
  if (e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError('MALFORMED_JSON', 'The request body is empty but content-type is application/json.');
  if (e?.code && PG_UNAVAILABLE.has(e.code)) return new AppError('SERVICE_UNAVAILABLE');
  // SQLSTATE class 22 (data exception: a bad number, date or text reached SQL). Route schemas
  // should have caught it; answering 400 keeps a gap in a schema from becoming a 500.
  if (sqlStateClass(e) === '22') return new AppError('BAD_REQUEST', 'A value in the request is out of range or malformed.');
  // SQLSTATE class 23 (integrity: unique, check, foreign key). The services check what a client
  // can get wrong first; one that slips through is refused as a conflict, never a 500 (and logged).
  if (sqlStateClass(e) === '23') return new AppError('CONFLICT', 'The request conflicts with data that already exists or with a rule of the data.');
  if (e?.message?.includes('timeout exceeded when trying to connect')) return new AppError('SERVICE_UNAVAILABLE');
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  const code = BY_STATUS[status];
  if (code) return new AppError(code, status === 400 && e.message ? e.message : undefined);
  return new AppError('INTERNAL');
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const appErr = toAppError(err);
    const ruleOfTheData = ['22', '23'].includes(sqlStateClass(err) ?? '');
    if (appErr.code === 'INTERNAL' || appErr.code === 'SERVICE_UNAVAILABLE' || ruleOfTheData) {
      // A database rule that refused a request is a gap in the service's own checks: worth a look.
      request.log.error({ err }, 'request failed');
    } else {
      request.log.info({ code: appErr.code, msg: appErr.message }, 'request refused');
    }
    if (appErr.code === 'SERVICE_UNAVAILABLE') void reply.header('retry-after', '1');
    return reply.code(appErr.status).send(appErr.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const err = new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`);
    return reply.code(404).send(err.toBody());
  });
}

/** A validator with the body rules (no coercion, unknown fields refused), for items checked one by one. */
export function compileBodySchema(schema: object) {
  return bodyAjv.compile(schema);
}
