// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes for the separators.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

export function copyLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(copyValue).join('\t') + '\n';
}
