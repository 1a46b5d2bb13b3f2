import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { newId } from '../src/ui/ids';
import { createIdempotencyKeys, keepsKey } from '../src/ui/idempotency';

const network = () => new ApiError('NETWORK', 'Trove could not be reached.', 0);
const refusal = (status = 409) => new ApiError('ORDER_OUT_OF_STOCK', 'Not enough in stock.', status);

describe('the Idempotency-Key rule', () => {
  it('keeps a key after a lost answer or a server failure, and forgets it after a refusal', () => {
    expect(keepsKey(network())).toBe(true);
    expect(keepsKey(new ApiError('INTERNAL', 'Oops', 500))).toBe(true);
    expect(keepsKey(new ApiError('HTTP_503', 'Unavailable', 503))).toBe(true);
    expect(keepsKey(new TypeError('Failed to fetch'))).toBe(true);
    for (const status of [400, 403, 404, 409, 422, 429, 499]) expect([status, keepsKey(refusal(status))]).toEqual([status, false]);
  });

  it('retries a lost request with the same key, and sends a new key after its answer', async () => {
    let n = 0;
    const keys = createIdempotencyKeys(() => `k${++n}`);
    const body = { listingId: 'l1', quantity: 1, payment: 'wallet' };
    const send = vi.fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(network())
      .mockRejectedValueOnce(new ApiError('INTERNAL', 'Oops', 500))
      .mockResolvedValueOnce('order 1')
      .mockResolvedValueOnce('order 2');
    await expect(keys.run(body, send)).rejects.toThrow();
    await expect(keys.run({ ...body }, send)).rejects.toThrow();
    await expect(keys.run(body, send)).resolves.toBe('order 1');
    await expect(keys.run(body, send)).resolves.toBe('order 2');
    expect(send.mock.calls.map((c) => c[0])).toEqual(['k1', 'k1', 'k1', 'k2']);
  });

  it('sends a new key after a refusal', async () => {
    let n = 0;
    const keys = createIdempotencyKeys(() => `k${++n}`);
    const send = vi.fn<(key: string) => Promise<string>>().mockRejectedValueOnce(refusal()).mockResolvedValueOnce('ok');
    await expect(keys.run({ a: 1 }, send)).rejects.toThrow();
    await keys.run({ a: 1 }, send);
    expect(send.mock.calls.map((c) => c[0])).toEqual(['k1', 'k2']);
  });

  it('sends a new key when the request changed, and reads keys in any order as the same request', async () => {
    let n = 0;
    const keys = createIdempotencyKeys(() => `k${++n}`);
    const send = vi.fn<(key: string) => Promise<string>>().mockRejectedValue(network());
    await expect(keys.run({ lines: [{ id: 'a', q: 1 }], payment: 'wallet' }, send)).rejects.toThrow();
    await expect(keys.run({ payment: 'wallet', lines: [{ q: 1, id: 'a' }] }, send)).rejects.toThrow();
    await expect(keys.run({ payment: 'wallet', lines: [{ q: 2, id: 'a' }] }, send)).rejects.toThrow();
    expect(send.mock.calls.map((c) => c[0])).toEqual(['k1', 'k1', 'k2']);
  });

  it('makes v4 UUIDs without crypto.randomUUID (plain http off localhost)', () => {
    const original = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
