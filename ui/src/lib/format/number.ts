/** Locale-aware number formatting via Intl. Formats only; never computes a KPI. */

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** A whole count with the locale's grouping: 12345 → "12,345" (en), "12 345" (ru). */
export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A plain number with up to `digits` decimals (axis labels, small values). */
export function formatDecimal(value: number, locale: string, digits = 1): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** A share 0..1 as a percentage with a fixed number of decimals: 0.8734 → "87.3%". */
export function formatPercent(share: number, locale: string, digits = 1): string {
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/** A relative change with an explicit sign: 0.125 → "+12.5%", -0.03 → "-3%". */
export function formatSignedPercent(change: number, locale: string): string {
  return numberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(change);
}

/**
 * A difference of two shares in percentage points, signed, one decimal: 0.021 → "+2.1"
 * (the unit, "pp" or its local form, is added by the caller's message).
 */
export function formatSignedPoints(delta: number, locale: string): string {
  return numberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(delta * 100);
}
