import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, minorToText, parseMoney } from '../src/ui/money';

describe('money in the web app', () => {
  it('shows coins whole and currencies with their decimals', () => {
    expect(formatMoney(1_250, 'COIN')).toBe('1,250 coins');
    expect(formatMoney(1, 'COIN')).toBe('1 coin');
    expect(formatMoney(4_250, 'EUR')).toBe('€42.50');
    expect(formatMoney(5, 'TRY')).toMatch(/0\.05/);
    expect(formatMoney(12_345, 'ZZZ')).toMatch(/123\.45/); // a code Intl does not know: no crash
  });

  it('reads what a person types into minor units without a float, and refuses what it cannot read exactly', () => {
    expect(parseMoney('42.50', 'EUR')).toBe(4_250);
    expect(parseMoney('42,5', 'EUR')).toBe(4_250);
    expect(parseMoney('0.29', 'EUR')).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(parseMoney('300', 'COIN')).toBe(300);
    for (const [text, currency] of [['1,000', 'COIN'], ['10.6', 'COIN'], ['1.005', 'EUR'], ['-1', 'EUR'], ['abc', 'COIN'], ['', 'EUR'], ['1e3', 'COIN'], ['99999999999999999', 'COIN']]) {
      expect([text, parseMoney(text!, currency!)]).toEqual([text, null]);
    }
  });

  it('writes minor units back as typed text', () => {
    expect(minorToText(4_250, 'EUR')).toBe('42.50');
    expect(minorToText(5, 'EUR')).toBe('0.05');
    expect(minorToText(300, 'COIN')).toBe('300');
    expect(currencyDigits('COIN')).toBe(0);
  });
});
