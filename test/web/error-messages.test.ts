import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../src/platform/errors.js';
import { humanMessage, MESSAGES } from '../../web/src/api/errors.js';

describe('the web app\'s error messages', () => {
  it('are written for codes the service really answers with (NETWORK is the browser\'s own)', () => {
    const unknown = Object.keys(MESSAGES).filter((code) => code !== 'NETWORK' && !(code in ERROR_CATALOG));
    expect(unknown).toEqual([]);
  });

  it('fall back to the service\'s message, and use the details where they help', () => {
    expect(humanMessage('COUPON_SOLD_OUT', 'Every coupon is gone.')).toBe('Every coupon is gone.');
    expect(humanMessage('ORDER_OUT_OF_STOCK', 'x', { available: 2 })).toBe('Not enough in stock: only 2 left.');
  });
});
