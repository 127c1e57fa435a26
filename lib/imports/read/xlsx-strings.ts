import { refuse } from './refuse';
import { parseXml } from './xml';
import type { SafeZip } from './zip';

/**
 * The shared-string table, kept in memory because sheet cells refer to it by index; capped in characters so
 * a crafted file cannot fill the memory through it.
 */
export async function readSharedStrings(zip: SafeZip, maxChars: number): Promise<string[]> {
  const part = 'xl/sharedStrings.xml';
  if (!zip.has(part)) return [];
  const strings: string[] = [];
  const text = new RichText();
  let total = 0;
  await parseXml(zip.text(part), part, {
    open(name) {
      if (name === 'si') text.reset();
      else text.open(name);
    },
    close(name) {
      if (name !== 'si') return text.close(name);
      const value = text.value();
      total += value.length;
      if (total > maxChars) throw refuse('xlsxTooMuchText');
      strings.push(value);
    },
    text: (t) => text.add(t),
  });
  return strings;
}

/**
 * The text of an <si> or <is> element: its <t> runs, rich-text runs included, phonetic guides (<rPh>) left
 * out, and Excel's _xHHHH_ escapes decoded.
 */
export class RichText {
  private parts = '';
  private inT = false;
  private inPhonetic = false;

  reset(): void {
    this.parts = '';
    this.inT = false;
    this.inPhonetic = false;
  }

  open(name: string): void {
    if (name === 't') this.inT = true;
    else if (name === 'rPh') this.inPhonetic = true;
  }

  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.inPhonetic = false;
  }

  add(text: string): void {
    if (this.inT && !this.inPhonetic) this.parts += text;
  }

  value(): string {
    return unescapeXstring(this.parts);
  }
}

/** Excel writes characters XML cannot hold (a carriage return, say) as _xHHHH_. */
export function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
