/**
 * A spreadsheet number as plain text: at most 15 significant digits (what Excel itself keeps and shows), so
 * stored float noise (1234.5599999999999, 0.30000000000000004) comes out as typed; the shortest form that
 * reads back as that number, and never in exponent notation.
 */
export function formatNumber(value: number): string {
  const shortest = String(value);
  // Fast path (most cells): 15 characters hold at most 15 significant digits, so no noise to round away.
  if (shortest.length <= 15 && !shortest.includes('e')) return shortest;
  const text = String(Number(value.toPrecision(15)));
  const e = text.indexOf('e');
  if (e < 0) return text;
  const exponent = Number(text.slice(e + 1));
  const mantissa = text.slice(0, e);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const [int = '', frac = ''] = mantissa.replace('-', '').split('.');
  const digits = int + frac;
  const point = int.length + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
