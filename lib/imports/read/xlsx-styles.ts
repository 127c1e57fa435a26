import { parseXml } from './xml';
import type { SafeZip } from './zip';

/** What a cell's style says about rendering its number as text. */
export interface NumberStyle {
  date: boolean;
  /** "00000" formats (French postcodes, SIREN): the leading zeros the creditor sees. */
  padTo: number;
}

const PLAIN: NumberStyle = { date: false, padTo: 0 };
// Built-in formats: 14-17 and 22 are dates, 27-36 and 50-58 the East Asian date formats.
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** One entry per cellXfs style index (the `s` attribute of a cell). */
export async function readStyles(zip: SafeZip): Promise<NumberStyle[]> {
  const part = 'xl/styles.xml';
  if (!zip.has(part)) return [];
  const custom = new Map<number, string>();
  const styles: NumberStyle[] = [];
  let inCellXfs = false;
  await parseXml(zip.text(part), part, {
    open(name, attributes) {
      if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      // cellStyleXfs holds <xf> too, but cells never point at those.
      else if (name === 'xf' && inCellXfs) styles.push(styleOf(Number(attributes.numFmtId ?? 0), custom));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

export function styleAt(styles: NumberStyle[], index: number): NumberStyle {
  return styles[index] ?? PLAIN;
}

function styleOf(id: number, custom: Map<number, string>): NumberStyle {
  const code = custom.get(id);
  if (code === undefined) return BUILTIN_DATES.has(id) ? { date: true, padTo: 0 } : PLAIN;
  if (/^0+$/.test(code)) return { date: false, padTo: code.length };
  return isDateFormat(code) ? { date: true, padTo: 0 } : PLAIN;
}

/** A custom format shows a date when it has day or year tokens outside literals, escapes and [brackets]. */
export function isDateFormat(code: string): boolean {
  if (/^(general|standard|@)$/i.test(code.trim())) return false;
  const tokens = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dy]/i.test(tokens);
}
