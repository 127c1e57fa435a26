import { excelSerialToDay } from '../../dates/parse-day';
import { formatNumber } from './numbers';
import { refuse } from './refuse';
import type { RawRow, RowSource } from './row';
import { readWorkbook } from './xlsx-workbook';
import { RichText, readSharedStrings, unescapeXstring } from './xlsx-strings';
import { readStyles, styleAt, type NumberStyle } from './xlsx-styles';
import { xmlChunks } from './xml';
import { SafeZip } from './zip';

export interface XlsxOptions {
  maxUncompressedBytes: number;
  /** Characters of shared strings kept in memory; 200 million by default. */
  maxSharedStringChars?: number;
}

const MAX_COLUMNS = 16_384; // Excel's own limit (column XFD)
const DAYS_1900_TO_1904 = 1462;

/**
 * Streams the first worksheet of an XLSX file as rows of strings, without loading the workbook: only the
 * shared strings and styles are held in memory, the sheet is parsed as it inflates.
 */
export async function readXlsx(path: string, options: XlsxOptions): Promise<RowSource> {
  const zip = await SafeZip.open(path, { maxUncompressedBytes: options.maxUncompressedBytes });
  try {
    assertWorkbook(zip);
    const { sheet, date1904 } = await readWorkbook(zip);
    if (!zip.has(sheet)) throw refuse('noWorksheet');
    const styles = await readStyles(zip);
    const strings = await readSharedStrings(zip, options.maxSharedStringChars ?? 200_000_000);
    const rows = sheetRows(zip, sheet, new CellText(strings, styles, date1904));
    return {
      rows,
      close: async () => {
        await rows.return(undefined);
        zip.close();
      },
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function assertWorkbook(zip: SafeZip): void {
  if (zip.has('[Content_Types].xml') && zip.has('xl/workbook.xml')) return;
  if (zip.has('xl/workbook.bin')) throw refuse('xlsb');
  if (zip.has('word/document.xml')) throw refuse('word');
  if (zip.has('ppt/presentation.xml')) throw refuse('powerpoint');
  if (zip.has('content.xml') && zip.has('mimetype')) {
    throw refuse('odf');
  }
  throw refuse('zipNotXlsx');
}

async function* sheetRows(zip: SafeZip, sheet: string, render: CellText): AsyncGenerator<RawRow> {
  const ready: RawRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inValue = false;
  let inInline = false;
  const inline = new RichText();

  const handlers = {
    open(name: string, attributes: Record<string, string>) {
      if (name === 'c') {
        column = attributes.r ? columnIndex(attributes.r, column) : column + 1;
        type = attributes.t ?? 'n';
        style = attributes.s ? Number(attributes.s) : 0;
        value = '';
      } else if (name === 'v') {
        inValue = true;
      } else if (name === 'row') {
        const r = Number(attributes.r);
        rowNumber = Number.isSafeInteger(r) && r > 0 ? r : rowNumber + 1;
        cells = [];
        column = -1;
      } else if (name === 'is') {
        inInline = true;
        inline.reset();
      } else if (inInline) {
        inline.open(name);
      }
    },
    close(name: string) {
      if (name === 'v') {
        inValue = false;
      } else if (name === 'c') {
        const text = type === 'inlineStr' ? inline.value() : render.cell(type, value, style);
        while (cells.length < column) cells.push('');
        cells[column] = text;
      } else if (name === 'row') {
        ready.push({ rowNumber, cells });
      } else if (name === 'is') {
        inInline = false;
      } else if (inInline) {
        inline.close(name);
      }
    },
    text(text: string) {
      if (inValue) value += text;
      else if (inInline) inline.add(text);
    },
  };

  try {
    for await (const _ of xmlChunks(zip.text(sheet), sheet, handlers)) {
      for (const row of ready.splice(0)) yield row;
    }
  } finally {
    zip.close();
  }
}

/** "C12" → 2. A cell without a usable reference follows the previous one. */
function columnIndex(ref: string, previous: number): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case; digits stay outside a-z
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  if (n === 0) return previous + 1;
  if (n > MAX_COLUMNS) throw refuse('beyondLastColumn', { cell: ref });
  return n - 1;
}

class CellText {
  // A list repeats the same few due dates; converting each serial once saves most of the date work.
  private readonly days = new Map<number, string>();

  constructor(
    private readonly strings: string[],
    private readonly styles: NumberStyle[],
    private readonly date1904: boolean,
  ) {}

  cell(type: string, value: string, style: number): string {
    switch (type) {
      case 's':
        return value === '' ? '' : (this.strings[Number(value)] ?? '');
      case 'str': // a formula's text result
        return unescapeXstring(value);
      case 'b':
        return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
      case 'e':
        return value;
      case 'd': // ISO 8601, rare (Strict files)
        return /^\d{4}-\d{2}-\d{2}T00:00(:00)?/.test(value) ? value.slice(0, 10) : value;
      default:
        return this.number(value, style);
    }
  }

  private number(value: string, styleIndex: number): string {
    if (value === '') return '';
    const n = Number(value);
    if (!Number.isFinite(n)) return value;
    const style = styleAt(this.styles, styleIndex);
    if (style.date) return this.day(n);
    const text = formatNumber(n);
    return style.padTo > 0 && /^\d+$/.test(text) ? text.padStart(style.padTo, '0') : text;
  }

  private day(serial: number): string {
    let day = this.days.get(serial);
    if (day === undefined) {
      day = excelSerialToDay(this.date1904 ? serial + DAYS_1900_TO_1904 : serial) ?? formatNumber(serial);
      if (this.days.size >= 100_000) this.days.clear();
      this.days.set(serial, day);
    }
    return day;
  }
}
