/**
 * Cells a spreadsheet would run as a formula (OWASP ASVS 1.2.10): one rule for every CSV and XLSX the
 * product writes, and for the imported values it refuses.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixed with ' when it starts with = + - @ tab or CR, so Excel or LibreOffice show it as text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV cell: neutralised, then quoted. */
export function csvCell(value: string | number | null | undefined): string {
  const text = neutraliseFormula(value === null || value === undefined ? '' : String(value));
  return `"${text.replace(/"/g, '""')}"`;
}

/** An imported value a spreadsheet would run as a formula. A phone number's leading + is not one. */
export function looksLikeFormula(value: string, field?: string): boolean {
  if (!FORMULA_START.test(value)) return false;
  if (field === 'phone' && /^\+[\d\s.()-]+$/.test(value)) return false;
  return true;
}
