import { formatterFor } from '../i18n/formatter';
import type { Cents, IsoDate, LetterLocale, PostalAddress } from './types';

/**
 * The standard PDF fonts only know WinAnsi. Intl groups French thousands with a narrow no-break space (U+202F),
 * which WinAnsi lacks and would print as a missing glyph: it becomes a plain no-break space.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\u202F\u2007]/g, '\u00A0').replace(/[\u2009\u200A]/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if (code < 0x7f ? code >= 0x20 || code === 0x0a : code >= 0xa0 ? code <= 0xff : false) out += ch;
    else if (WIN_ANSI_EXTRA.has(code)) out += ch;
    else if (code === 0x2011) out += '-';
    else {
      // Letters outside Latin-1 (Ł, ă, ș…) lose their accent rather than print as a blank box.
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base !== ch && [...base].every((c) => c.charCodeAt(0) < 0x7f) ? base : (FALLBACK[ch] ?? '?');
    }
  }
  return out;
}

const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);
const FALLBACK: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', ß: 'ss', Ø: 'O', ø: 'o' };

/** "1 234,56 €" in French, "€1,234.56" in English (no-break spaces kept so amounts never wrap). */
export function formatMoney(cents: Cents, currency: string, locale: LetterLocale): string {
  return winAnsi(formatterFor(locale).number(cents / 100, { style: 'currency', currency }));
}

function dateFormat(day: IsoDate, locale: LetterLocale, style: 'long' | 'short'): string {
  return formatterFor(locale).dateTime(parseDay(day), {
    timeZone: 'UTC',
    day: style === 'long' ? 'numeric' : '2-digit',
    month: style === 'long' ? 'long' : '2-digit',
    year: 'numeric',
  });
}

function parseDay(day: IsoDate): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`Not a calendar day (YYYY-MM-DD): ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** "12 novembre 2026" / "12 November 2026"; the French first of the month reads "1er". */
export function formatDateLong(day: IsoDate, locale: LetterLocale): string {
  const text = dateFormat(day, locale, 'long');
  return locale === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/** "12/11/2026" in both languages (British English writes day first too). */
export function formatDateShort(day: IsoDate, locale: LetterLocale): string {
  return dateFormat(day, locale, 'short');
}

/** The postcode line in capitals, as La Poste sorts it, then the country when abroad. */
export function addressLines(address: PostalAddress): string[] {
  const lines = address.lines.map((l) => l.trim()).filter(Boolean);
  lines.push(`${address.postcode} ${address.city.toUpperCase()}`.trim());
  const country = address.country?.trim();
  if (country && !/^(fr|fra|france)$/i.test(country)) lines.push(country.toUpperCase());
  return lines;
}

export function addressOneLine(address: PostalAddress): string {
  return addressLines(address).join(', ');
}

/** IBAN in groups of four, as printed on French RIBs. */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}
