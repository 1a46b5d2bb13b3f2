import { Type } from 'typebox';
import { ROLES, SCOPES, VERIFICATION_STATES } from '../../platform/auth.js';
import { PageQuery, Strict, Timestamp, Uuid } from '../../platform/schemas.js';

const Role = Type.Enum(ROLES);
const State = Type.Enum(VERIFICATION_STATES);
const ScopeSchema = Type.Enum(SCOPES);
const Location = Strict({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) });
const DisplayName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, for example Europe/Istanbul' });

export const Member = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Role),
  verificationState: State,
  timeZone: Type.String(),
  homeLocation: Type.Union([Location, Type.Null()]),
  groups: Type.Array(Type.String(), { description: 'Segments promotions can target (member_groups); set by admins.' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const GroupsBody = Strict({
  groups: Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' }), { maxItems: 50, uniqueItems: true }),
});

/** What a verified member sees of another approved member. */
export const PublicMember = Type.Object({ id: Uuid, displayName: Type.String(), roles: Type.Array(Role) });

export const ApiKey = Type.Object({
  id: Uuid,
  memberId: Type.Union([Uuid, Type.Null()]),
  name: Type.String(),
  displayPrefix: Type.String(),
  scopes: Type.Union([Type.Array(ScopeSchema), Type.Null()]),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
});

export const IssuedKey = Type.Object({ apiKey: ApiKey, key: Type.String({ description: 'The secret. Shown once; store it now.' }) });

export const Decision = Type.Object({
  id: Type.Integer(),
  memberId: Uuid,
  fromState: State,
  toState: State,
  reason: Type.String(),
  decidedBy: Type.Union([Uuid, Type.Null()]),
  decidedAt: Timestamp,
});

export const RegisterBody = Strict({
  email: Type.String({ format: 'email', maxLength: 254 }),
  displayName: DisplayName,
  roles: Type.Array(Role, { minItems: 1, maxItems: 3, uniqueItems: true }),
  timeZone: Type.Optional(TimeZone),
  homeLocation: Type.Optional(Type.Union([Location, Type.Null()])),
});

export const ProfileBody = Strict({
  displayName: Type.Optional(DisplayName),
  timeZone: Type.Optional(TimeZone),
  homeLocation: Type.Optional(Type.Union([Location, Type.Null()])),
});

export const DecisionBody = Strict({
  decision: Type.Enum(['approved', 'rejected', 'needs_changes']),
  reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }),
});

export const ResubmitBody = Strict({ note: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) });

export const MemberListQuery = Strict({ verificationState: Type.Optional(State), ...PageQuery });

export const CreateKeyBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  scopes: Type.Optional(Type.Array(ScopeSchema, { minItems: 1, maxItems: SCOPES.length, uniqueItems: true })),
  service: Type.Optional(Type.Boolean({ description: 'Admin only: a service key acting within its scopes, owned by no member.' })),
  memberId: Type.Optional(Type.String({ format: 'uuid', description: 'Admin only: issue a key for this member.' })),
});

export const KeyListQuery = Strict({ service: Type.Optional(Type.Boolean()) });

export type ScopeName = (typeof SCOPES)[number];
