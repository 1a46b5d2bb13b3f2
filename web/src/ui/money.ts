/**
 * Amounts are integers in minor units (docs/wallet.md). Coins have no fraction; an ISO currency
 * has its own number of decimals (2 for TRY and EUR), which Intl knows. No float ever holds money:
 * typed text is read digit by digit.
 */

/** The currencies the wallet holds (wallet.assets): what a listing, campaign or cart may be priced in. */
export const CURRENCIES = ['COIN', 'TRY', 'EUR', 'USD'] as const;

/** Decimals of a currency: 0 for coins; Intl's for an ISO code; 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  if (currency === 'COIN') return 0;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number, currency: string): string {
  if (currency === 'COIN') return `${new Intl.NumberFormat('en').format(minor)} ${minor === 1 ? 'coin' : 'coins'}`;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minorToDecimal(minor, currencyDigits(currency)) as unknown as number);
  } catch {
    return `${minorToText(minor, currency)} ${currency}`;
  }
}

/** Minor units as the text a person would type ("42.50" for 4250 EUR, "300" for 300 coins). */
export function minorToText(minor: number, currency: string): string {
  return minorToDecimal(minor, currencyDigits(currency));
}

function minorToDecimal(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${s}` : `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/**
 * What a person typed, in minor units: whole units and at most the currency's decimals, with a
 * point or a comma before them ("42.50", "42,5"); no grouping ("1,000" is refused, not read as 1),
 * no sign, no more decimals than the currency has ("10.6" coins is refused, not rounded).
 * Null when it is not such an amount.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const value = Number(match[1]! + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(value) ? value : null;
}
