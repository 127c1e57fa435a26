import type { Cents, LetterLocale } from './types';

/*
 * Amounts in words for receipts, as written on cheques. French follows the traditional spelling: hyphens only
 * inside tens ("trente-quatre", "vingt et un"); "vingt" and "cent" take an s when multiplied and last, also before
 * the nouns million and milliard but not before "mille" ("quatre-vingts", "deux cents millions",
 * "quatre-vingt mille"); "mille" never does; "un million d'euros" takes "de" when nothing follows the millions.
 */

const FR_UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
];
const FR_TENS = ['', 'dix', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** 0–99; `last` says whether nothing follows (then 80 is "quatre-vingts"). */
function frBelow100(n: number, last: boolean): string {
  if (n <= 16) return FR_UNITS[n]!;
  if (n < 20) return `dix-${FR_UNITS[n - 10]}`;
  if (n < 70) {
    const tens = FR_TENS[Math.floor(n / 10)]!;
    const unit = n % 10;
    if (unit === 0) return tens;
    return unit === 1 ? `${tens} et un` : `${tens}-${FR_UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${frBelow100(n - 60, true)}`;
  if (n === 80) return last ? 'quatre-vingts' : 'quatre-vingt';
  return `quatre-vingt-${frBelow100(n - 80, true)}`;
}

function frBelow1000(n: number, last: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds === 1) parts.push('cent');
  else if (hundreds > 1) parts.push(`${FR_UNITS[hundreds]} ${rest === 0 && last ? 'cents' : 'cent'}`);
  if (rest > 0 || hundreds === 0) parts.push(frBelow100(rest, last));
  return parts.join(' ');
}

/** A whole number in French words, as it stands before a noun ("quatre-vingts euros"). */
export function frenchNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Cannot write ${n} in words`);
  if (n === 0) return 'zéro';
  const billions = Math.floor(n / 1e9);
  const millions = Math.floor((n % 1e9) / 1e6);
  const thousands = Math.floor((n % 1e6) / 1e3);
  const rest = n % 1e3;
  const parts: string[] = [];
  // Before the nouns "milliard(s)" and "million(s)" the number is "last" for agreement purposes.
  if (billions > 0) parts.push(`${frenchNumber(billions)} ${billions > 1 ? 'milliards' : 'milliard'}`);
  if (millions > 0) parts.push(`${frBelow1000(millions, true)} ${millions > 1 ? 'millions' : 'million'}`);
  if (thousands > 0) parts.push(thousands === 1 ? 'mille' : `${frBelow1000(thousands, false)} mille`);
  if (rest > 0) parts.push(frBelow1000(rest, true));
  return parts.join(' ');
}

const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function enBelow100(n: number): string {
  if (n < 20) return EN_UNITS[n]!;
  const unit = n % 10;
  return unit === 0 ? EN_TENS[Math.floor(n / 10)]! : `${EN_TENS[Math.floor(n / 10)]}-${EN_UNITS[unit]}`;
}

/** British usage: "and" before the tens and units ("two hundred and thirty-four", "one thousand and five"). */
function enBelow1000(n: number, andIfSmall: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return andIfSmall ? `and ${enBelow100(rest)}` : enBelow100(rest);
  return rest === 0 ? `${EN_UNITS[hundreds]} hundred` : `${EN_UNITS[hundreds]} hundred and ${enBelow100(rest)}`;
}

export function englishNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Cannot write ${n} in words`);
  if (n === 0) return 'zero';
  const groups: [number, string][] = [
    [Math.floor(n / 1e9), 'billion'],
    [Math.floor((n % 1e9) / 1e6), 'million'],
    [Math.floor((n % 1e6) / 1e3), 'thousand'],
    [n % 1e3, ''],
  ];
  const parts: string[] = [];
  groups.forEach(([value, scale], index) => {
    if (value === 0) return;
    const isLast = index === groups.length - 1;
    const words = index === 0 && value >= 1000 ? englishNumber(value) : enBelow1000(value, isLast && parts.length > 0);
    parts.push(scale ? `${words} ${scale}` : words);
  });
  return parts.join(' ');
}

/**
 * "mille deux cent trente-quatre euros et cinquante-six centimes" /
 * "one thousand two hundred and thirty-four euros and fifty-six cents". Euro only: receipts are in euros.
 */
export function amountInWords(cents: Cents, locale: LetterLocale, currency = 'EUR'): string {
  if (currency !== 'EUR') throw new Error(`Amounts in words are written for EUR only, not ${currency}`);
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`Not an amount in cents: ${cents}`);
  const units = Math.floor(cents / 100);
  const sub = cents % 100;
  if (locale === 'fr') {
    const centimes = sub === 1 ? 'un centime' : `${frenchNumber(sub)} centimes`;
    if (units === 0) return sub === 0 ? 'zéro euro' : centimes;
    const words = frenchNumber(units);
    // "un million d'euros", "deux milliards d'euros": the noun needs "de" when it ends the number.
    const de = /(millions?|milliards?)$/.test(words) ? "d'" : '';
    const euros = `${words} ${de}${units === 1 ? 'euro' : 'euros'}`;
    return sub === 0 ? euros : `${euros} et ${centimes}`;
  }
  const centsWords = sub === 1 ? 'one cent' : `${englishNumber(sub)} cents`;
  if (units === 0) return sub === 0 ? 'zero euros' : centsWords;
  const euros = `${englishNumber(units)} ${units === 1 ? 'euro' : 'euros'}`;
  return sub === 0 ? euros : `${euros} and ${centsWords}`;
}
