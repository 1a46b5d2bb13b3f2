import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../platform/errors.js';

/**
 * Passwords as scrypt hashes (node:crypto's, RFC 7914): `scrypt$N$r$p$salt$hash`, so the cost can
 * rise later without invalidating stored hashes. N = 2^15, r = 8 takes 32 MiB and about 0.1 s of a
 * core a check: cheap for a sign-in, ruinous for a guesser with a stolen table.
 */
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export const PASSWORD_POLICY = {
  lengthMin: 10, lengthMax: 200, N: 2 ** 15, r: 8, p: 1, keyBytes: 32, saltBytes: 16,
  /**
   * scrypt runs on libuv's four worker threads, which file reads (the site's assets) and DNS share:
   * at most two hashes at once leave them room, and a sign-in flood past the queue is refused
   * (503) instead of stalling everything else.
   */
  concurrentMax: 2,
  queueMax: 64,
} as const;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs a hash within the limit above, or refuses at once when the queue is full. A finishing hash hands its slot to the next in line. */
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running < PASSWORD_POLICY.concurrentMax) running += 1;
  else if (waiting.length >= PASSWORD_POLICY.queueMax) throw new AppError('SERVICE_UNAVAILABLE', 'Too many sign-ins at once; try again in a moment.');
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

const maxmem = (N: number, r: number) => 256 * N * r;

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyBytes, saltBytes } = PASSWORD_POLICY;
  const salt = crypto.randomBytes(saltBytes);
  const hash = await limited(() => scrypt(password, salt, keyBytes, { N, r, p, maxmem: maxmem(N, r) }));
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time for a given stored hash; a malformed stored hash verifies nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (![N, R, P].every(Number.isSafeInteger)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await limited(() => scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: P, maxmem: maxmem(N, R) }));
  return crypto.timingSafeEqual(actual, expected);
}

/** Checked against when the email is unknown, so a sign-in takes as long either way. */
export const DECOY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
