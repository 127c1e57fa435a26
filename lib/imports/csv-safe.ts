/**
 * One CSV cell for a spreadsheet: quoted, and prefixed with ' when it starts with = + - @ tab or CR, so
 * Excel or LibreOffice show it as text instead of running it (OWASP ASVS 1.2.10).
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
