import assert from 'node:assert';
import crypto from 'node:crypto';

/**
 * Coupon codes people type: no 0/O, 1/I/L or U (which reads as V), so a code read aloud or off a
 * screen cannot be mistyped into another valid-looking one. 30 symbols, 10 per code: 30^10 is
 * about 5.9e14, so guessing one of 100,000 live codes takes about 5.9e9 tries on average.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_POLICY = { symbols: 10, groupSize: 5 } as const;

// Bytes at or above this are thrown away, so that each symbol is equally likely (no modulo bias).
const UNBIASED_LIMIT = 256 - (256 % CODE_ALPHABET.length);

/** `count` random codes like `7KQ2M-XR4PD`, drawn from the operating system's CSPRNG. */
export function generateCodes(count: number): string[] {
  assert(Number.isInteger(count) && count >= 0);
  const codes: string[] = new Array(count);
  let pool = crypto.randomBytes(count * CODE_POLICY.symbols * 2);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let code = '';
    while (code.length < CODE_POLICY.symbols + 1) {
      if (code.length === CODE_POLICY.groupSize) {
        code += '-';
        continue;
      }
      if (at >= pool.length) {
        pool = crypto.randomBytes(1024);
        at = 0;
      }
      const byte = pool[at++]!;
      if (byte < UNBIASED_LIMIT) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
    codes[i] = code;
  }
  return codes;
}

/** What a person typed, as stored: codes are case-insensitive and surrounding spaces do not count. */
export function normaliseCode(input: string): string {
  return input.trim().toUpperCase();
}
