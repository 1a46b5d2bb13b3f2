/**
 * Amounts are integers in minor units (docs/wallet.md). Coins have no fraction; an ISO currency
 * has its own number of decimals (2 for TRY and EUR), which Intl knows.
 */
export function formatMoney(minor: number, currency: string): string {
  if (currency === 'COIN') return `${new Intl.NumberFormat('en').format(minor)} ${minor === 1 ? 'coin' : 'coins'}`;
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
}

/** Whole units typed by a person, to minor units (null when it is not an amount). */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currency === 'COIN' ? 0 : (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
  if (!/^\d+([.,]\d+)?$/.test(text.trim())) return null;
  const value = Math.round(Number(text.trim().replace(',', '.')) * 10 ** digits);
  return Number.isSafeInteger(value) ? value : null;
}
