import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../src/ui/money';

describe('money in the web app', () => {
  it('shows coins whole and currencies with their decimals', () => {
    expect(formatMoney(1_250, 'COIN')).toBe('1,250 coins');
    expect(formatMoney(1, 'COIN')).toBe('1 coin');
    expect(formatMoney(4_250, 'EUR')).toBe('€42.50');
  });

  it('reads what a person types back into minor units', () => {
    expect(parseMoney('42.50', 'EUR')).toBe(4_250);
    expect(parseMoney('42,5', 'EUR')).toBe(4_250);
    expect(parseMoney('300', 'COIN')).toBe(300);
    expect(parseMoney('-1', 'EUR')).toBeNull();
    expect(parseMoney('abc', 'COIN')).toBeNull();
  });
});
