/** Wallet types shared by the store, the service and the routes. Amounts are integer minor units. */
export const TRANSFER_KINDS = ['posted', 'pending', 'post_pending', 'void_pending', 'reversal'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const WALLET_POLICY = {
  /** Largest amount: a JSON number is exact only up to 2^53 - 1. */
  amountMax: Number.MAX_SAFE_INTEGER,
  batchMax: 1_000,
  metadataMaxBytes: 4_096,
  referenceMaxChars: 200,
  holdTimeoutMaxSeconds: 30 * 24 * 3600,
  /** A member's open holds listed at once. */
  holdsListMax: 200,
  entriesPageMax: 500,
  /** How many holds the expiry job voids per pass, and how often it runs. */
  expiryBatchMax: 500,
  expiryIntervalMs: 1_000,
} as const;

export interface TransferRequest {
  id: string;
  kind: TransferKind;
  debitAccountId?: string;
  creditAccountId?: string;
  amount?: number;
  asset?: string;
  pendingId?: string;
  reversesId?: string;
  timeoutSeconds?: number;
  reference?: string;
  metadata?: Record<string, unknown>;
}

export interface Transfer {
  id: string;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  asset: string;
  amount: number;
  pendingId: string | null;
  reversesId: string | null;
  status: 'final' | 'pending' | 'posted' | 'voided' | 'expired';
  timeoutAt: string | null;
  reversedAmount: number;
  reference: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

export interface Balance {
  id: string;
  asset: string;
  /** credits_posted - debits_posted */
  posted: number;
  /** credits_pending - debits_pending */
  pending: number;
  /** posted - debits_pending: what the account can spend now */
  available: number;
}

/** Refusal codes the ledger function returns per transfer (see docs/errors.md). */
export const TRANSFER_REFUSALS = [
  'TRANSFER_EXISTS_WITH_DIFFERENT_KIND',
  'TRANSFER_EXISTS_WITH_DIFFERENT_AMOUNT',
  'TRANSFER_EXISTS_WITH_DIFFERENT_ACCOUNTS',
  'TRANSFER_EXISTS_WITH_DIFFERENT_TARGET',
  'TRANSFER_EXISTS_WITH_DIFFERENT_ASSET',
  'TRANSFER_EXISTS_WITH_DIFFERENT_TIMEOUT',
  'TRANSFER_EXISTS_WITH_DIFFERENT_REFERENCE',
  'TRANSFER_EXISTS_WITH_DIFFERENT_METADATA',
  'TRANSFER_SAME_ACCOUNT',
  'TRANSFER_DEBIT_ACCOUNT_NOT_FOUND',
  'TRANSFER_CREDIT_ACCOUNT_NOT_FOUND',
  'TRANSFER_ASSET_MISMATCH',
  'TRANSFER_EXCEEDS_CREDITS',
  'TRANSFER_EXCEEDS_DEBITS',
  'TRANSFER_PENDING_NOT_FOUND',
  'TRANSFER_NOT_PENDING',
  'TRANSFER_PENDING_EXPIRED',
  'TRANSFER_PENDING_ALREADY_POSTED',
  'TRANSFER_PENDING_ALREADY_VOIDED',
  'TRANSFER_PENDING_ALREADY_EXPIRED',
  'TRANSFER_ACCOUNTS_MISMATCH',
  'TRANSFER_EXCEEDS_PENDING_AMOUNT',
  'TRANSFER_VOID_AMOUNT_MISMATCH',
  'TRANSFER_TO_REVERSE_NOT_FOUND',
  'TRANSFER_NOT_REVERSIBLE',
  'TRANSFER_EXCEEDS_REVERSIBLE_AMOUNT',
  'TRANSFER_BALANCE_LIMIT_REACHED',
  'TRANSFER_BATCH_ITEM_FAILED',
] as const;
export type TransferRefusal = (typeof TRANSFER_REFUSALS)[number];

export type TransferResult =
  | { id: string; result: 'created' | 'exists'; transfer: Transfer; accounts?: Balance[] }
  | { id: string; result: TransferRefusal };

/** Readable, stable id of a member's wallet for an asset. */
export function memberAccountId(memberId: string, asset: string): string {
  return `member:${memberId}:${asset}`;
}
