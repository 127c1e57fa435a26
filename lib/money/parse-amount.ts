/**
 * French and international spellings of an amount, as creditors' spreadsheets and agents' forms contain them.
 * Pure: returns integer cents or null, and the caller's schema turns null into a message.
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
