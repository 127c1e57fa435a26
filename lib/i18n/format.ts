import type { Locale } from './locales';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'currency', currency }).format(cents / 100);
}

/** Dates stored as calendar days (YYYY-MM-DD) are shown as such, never shifted by a time zone. */
export function formatDay(isoDay: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(isoDay));
}

export function formatDateTime(iso: string, locale: Locale, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** A rate in basis points (1250) as the locale writes a percentage: 12,5 % · 12.5%. */
export function formatRate(bps: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);
}

/** A calendar day written with digits, as reports and tables print it: 31/12/2025 (fr and en-GB alike). */
export function formatShortDay(isoDay: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'short', timeZone: 'UTC' }).format(new Date(isoDay));
}
