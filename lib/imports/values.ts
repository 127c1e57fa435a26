/**
 * French and international spellings of amounts and dates, as creditors' spreadsheets contain them.
 * Pure functions: each returns the parsed value or null, and the schema turns null into a message.
 */

const PLAIN_AMOUNT = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/;

// 1234.56 · 1234,56 · 1 234,56 (normal or narrow no-break spaces) · 1.234,56 · 1,234.56 · 1234 · €, EUR
export function parseAmountToCents(input: string | number): number | null {
  // Most cells are plain (1234,56 · 1 234.5 · 99): read at once, as the general rules below would read them.
  const plain = typeof input === 'string' ? PLAIN_AMOUNT.exec(input) : null;
  if (plain) {
    const cents = Number(plain[1]!.replace(/\D/g, '')) * 100 + Number(((plain[2] ?? '') + '00').slice(0, 2));
    if (Number.isSafeInteger(cents)) return cents;
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    input = input.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  }
  let s = input
    .trim()
    .replace(/(€|EUR)$/i, '')
    .replace(/^(€|EUR)/i, '')
    .trim();
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intPart: string;
  let fracPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the later one is the decimal separator, the other groups thousands.
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [i, f = ''] = s.split(decimal);
    if (s.split(decimal).length !== 2 || !isGrouped(i!, group)) return null;
    intPart = i!.split(group).join('');
    fracPart = f;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    if (parts.length === 2 && parts[1]!.length !== 3) {
      [intPart, fracPart] = [parts[0]!, parts[1]!];
    } else if (parts.length === 2 && sep === ',') {
      // "1,234" in a French file reads as 1.234 € (then refused: no fractions of a cent), never as a
      // thousand: a comma is the French decimal mark.
      [intPart, fracPart] = [parts[0]!, parts[1]!];
    } else if (isGrouped(s, sep)) {
      intPart = parts.join('');
    } else {
      return null;
    }
  } else {
    intPart = s;
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;
  if (fracPart.length > 2 && /[1-9]/.test(fracPart.slice(2))) return null; // no fractions of a cent
  const cents = Number(intPart) * 100 + Number((fracPart + '00').slice(0, 2));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

function isGrouped(s: string, sep: string): boolean {
  const groups = s.split(sep);
  return groups.length === 1 || (/^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g)));
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const FRENCH_DAY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// 31/12/2025 · 31-12-2025 · 31.12.2025 · 31/12/25 · 2025-12-31 · 2025-12-31T00:00:00(Z) → '2025-12-31'
// Checked with arithmetic, not a Date: an import parses two dates per row, and the Date round trip was a
// fifth of the time spent validating rows.
export function parseDay(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = FRENCH_DAY.exec(s);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[3]!.length === 2) y += 2000;
  } else if ((match = ISO_DAY.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug included). */
export function excelSerialToDay(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 200_000) return null;
  const ms = Math.round(serial * 86_400_000) + Date.UTC(1899, 11, 30);
  return new Date(ms).toISOString().slice(0, 10);
}

export function digitsOnly(input: string): string {
  return input.replace(/[\s.\u00a0\u202f-]/g, '');
}

/** OWASP: a cell a spreadsheet would run as a formula. A phone number's leading + is not one. */
export function looksLikeFormula(value: string, field?: string): boolean {
  if (!/^[=+\-@\t\r]/.test(value)) return false;
  if (field === 'phone' && /^\+[\d\s.()-]+$/.test(value)) return false;
  return true;
}
