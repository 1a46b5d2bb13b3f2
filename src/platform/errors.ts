/**
 * The one catalog of error codes. Codes are stable API: clients switch on them, so never rename
 * one. docs/errors.md documents each (a test keeps the two in step).
 */
export const ERROR_CATALOG = {
  // Platform
  VALIDATION_FAILED: { status: 400, message: 'The request does not match the schema.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  BAD_REQUEST: { status: 400, message: 'The request cannot be processed.' },
  UNAUTHENTICATED: { status: 401, message: 'A valid API key is required (Authorization: Bearer <key>).' },
  FORBIDDEN: { status: 403, message: 'The caller may not do this.' },
  MEMBER_NOT_VERIFIED: { status: 403, message: 'The member is not verified yet; only its own profile is reachable.' },
  NOT_FOUND: { status: 404, message: 'No such resource.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'The method is not allowed here.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, message: 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.' },
  IDEMPOTENCY_KEY_NEEDS_AUTH: { status: 400, message: 'Idempotency-Key is honoured only on authenticated requests.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was used with a different request.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be application/json.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable; retry later.' },
  INTERNAL: { status: 500, message: 'An unexpected error occurred.' },
  // Members and access
  MEMBER_EMAIL_TAKEN: { status: 409, message: 'A member with this email already exists.' },
  MEMBER_ROLE_NOT_ALLOWED: { status: 403, message: 'This role cannot be given by this caller.' },
  INVALID_TIME_ZONE: { status: 400, message: 'The time zone is not a known IANA time zone.' },
  VERIFICATION_TRANSITION_INVALID: { status: 409, message: 'The verification state cannot change this way.' },
  API_KEY_SCOPE_INVALID: { status: 400, message: 'Unknown or not grantable API key scope.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** An error a client caused or can act on. Anything else thrown is a bug and becomes INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CATALOG[code].message);
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Expected business outcomes are values, not exceptions: services return these, routes map them. */
export type Result<T, C extends ErrorCode = ErrorCode> = { ok: true; value: T } | { ok: false; code: C; message?: string; details?: unknown };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <C extends ErrorCode>(code: C, message?: string, details?: unknown) =>
  ({ ok: false, code, message, details }) as const;

/** Turns a failed Result into the AppError a route throws. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.code, result.message, result.details);
}
