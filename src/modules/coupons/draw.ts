import assert from 'node:assert';
import crypto from 'node:crypto';

/**
 * The wheel's draw: each candidate slice wins with probability weight / total weight (cumulative
 * ranges over the sum, the second algorithm of the write-up). Slices of weight 0 never win. With
 * `weight = remaining stock`, a slice with twice the stock is twice as likely, so small coupons are
 * not given away faster than their share.
 */
export interface Weighted {
  id: string;
  weight: number;
}

/** A uniform integer in [0, max): the OS CSPRNG by default, a fixed sequence in tests. */
export type RandomInt = (max: number) => number;
export const secureRandomInt: RandomInt = (max) => crypto.randomInt(max);

export function drawSlice(slices: readonly Weighted[], randomInt: RandomInt = secureRandomInt): string | null {
  let total = 0;
  for (const s of slices) {
    assert(Number.isSafeInteger(s.weight) && s.weight >= 0, 'slice weights are non-negative integers');
    total += s.weight;
  }
  if (total === 0) return null;
  assert(Number.isSafeInteger(total) && total <= 2 ** 48, 'crypto.randomInt takes ranges up to 2^48');
  let ticket = randomInt(total);
  for (const s of slices) {
    if (ticket < s.weight) return s.id;
    ticket -= s.weight;
  }
  assert.fail('the ticket is always inside the total');
}
