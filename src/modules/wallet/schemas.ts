import { Type } from 'typebox';
import { Strict, Timestamp, Uuid } from '../../platform/schemas.js';
import { TRANSFER_KINDS, WALLET_POLICY } from './model.js';

export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,127}$/;
export const AccountId = Type.String({ pattern: ACCOUNT_ID_PATTERN.source, description: 'For example sys:rewards:COIN or member:<uuid>:COIN' });
const Asset = Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,15}$' });
const Amount = Type.Integer({ minimum: 1, maximum: WALLET_POLICY.amountMax, description: 'Integer minor units (coins, cents).' });
const Metadata = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 50, description: 'Up to 4,096 bytes of JSON.' });

export const AccountParams = Strict({ id: AccountId });

export const TransferBody = Strict({
  id: Type.String({ ...Uuid, description: 'Chosen by the client: the idempotency key of the transfer.' }),
  kind: Type.Optional(Type.Enum(TRANSFER_KINDS, { default: 'posted' })),
  debitAccountId: Type.Optional(AccountId),
  creditAccountId: Type.Optional(AccountId),
  amount: Type.Optional(Amount),
  asset: Type.Optional(Asset),
  pendingId: Type.Optional(Type.String({ ...Uuid, description: 'post_pending / void_pending: the hold to settle.' })),
  reversesId: Type.Optional(Type.String({ ...Uuid, description: 'reversal: the posted transfer to reverse.' })),
  timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: WALLET_POLICY.holdTimeoutMaxSeconds, description: 'pending: void automatically after this long.' })),
  reference: Type.Optional(Type.String({ minLength: 1, maxLength: WALLET_POLICY.referenceMaxChars })),
  metadata: Type.Optional(Metadata),
});

export const BatchBody = Strict({
  mode: Type.Enum(['atomic', 'independent'], { description: 'atomic: all or nothing. independent: each transfer on its own.' }),
  transfers: Type.Array(TransferBody, { minItems: 1, maxItems: WALLET_POLICY.batchMax }),
});

const BalanceSchema = Type.Object({ posted: Type.Integer(), pending: Type.Integer(), available: Type.Integer() });

export const Transfer = Type.Object({
  id: Uuid,
  kind: Type.Enum(TRANSFER_KINDS),
  debitAccountId: Type.String(),
  creditAccountId: Type.String(),
  asset: Type.String(),
  amount: Type.Integer(),
  pendingId: Type.Union([Uuid, Type.Null()]),
  reversesId: Type.Union([Uuid, Type.Null()]),
  status: Type.Enum(['final', 'pending', 'posted', 'voided', 'expired']),
  timeoutAt: Type.Union([Timestamp, Type.Null()]),
  reversedAmount: Type.Integer(),
  reference: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  createdAt: Timestamp,
});

const AccountBalance = Type.Object({ id: Type.String(), asset: Type.String(), posted: Type.Integer(), pending: Type.Integer(), available: Type.Integer() });

export const TransferOutcome = Type.Object({
  transfer: Transfer,
  accounts: Type.Optional(Type.Array(AccountBalance, { description: 'Both accounts after the transfer (absent on a replay).' })),
});

export const BatchResult = Type.Object({
  results: Type.Array(Type.Object({
    id: Uuid,
    result: Type.String({ description: 'created, exists, or an error code from docs/errors.md' }),
    transfer: Type.Optional(Transfer),
    accounts: Type.Optional(Type.Array(AccountBalance)),
  })),
});

export const Account = Type.Object({
  id: Type.String(),
  asset: Type.String(),
  ownerKind: Type.Enum(['member', 'system']),
  ownerId: Type.String(),
  flags: Type.Object({ debitsMustNotExceedCredits: Type.Boolean(), creditsMustNotExceedDebits: Type.Boolean() }),
  overdraftLimit: Type.Integer(),
  balance: BalanceSchema,
  totals: Type.Object({ debitsPosted: Type.Integer(), creditsPosted: Type.Integer(), debitsPending: Type.Integer(), creditsPending: Type.Integer() }),
  metadata: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  createdAt: Timestamp,
});

export const CreateAccountBody = Strict({
  id: AccountId,
  asset: Asset,
  ownerKind: Type.Enum(['member', 'system']),
  ownerId: Type.String({ minLength: 1, maxLength: 128 }),
  debitsMustNotExceedCredits: Type.Optional(Type.Boolean({ default: false })),
  creditsMustNotExceedDebits: Type.Optional(Type.Boolean({ default: false })),
  overdraftLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: WALLET_POLICY.amountMax, default: 0 })),
  metadata: Type.Optional(Metadata),
});

export const EntriesQuery = Strict({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: WALLET_POLICY.entriesPageMax, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
});

export const Entry = Type.Object({
  seq: Type.Integer(), transferId: Uuid,
  kind: Type.Enum(['posted', 'pending', 'post_pending', 'void_pending', 'reversal'] as const, { description: 'The transfer\'s kind' }),
  reference: Type.Union([Type.String(), Type.Null()], { description: 'The transfer\'s reference: what it was for (order:<id>, auction:<id>...)' }),
  amount: Type.Integer(), balanceAfter: Type.Integer(), createdAt: Timestamp,
});

export const BalanceAtQuery = Strict({ at: Timestamp });
