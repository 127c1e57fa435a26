import { getLocale } from 'next-intl/server';
import { DEFAULT_LOCALE, toLocale, type Locale } from '../i18n/locales';
import { describeError, type ShownError } from './describe';

/** The request's locale (lib/i18n/request.ts); outside a request (tests, scripts) the app's default, French. */
async function readerLocale(): Promise<Locale> {
  try {
    return toLocale(await getLocale());
  } catch (error) {
    // Next's own signals (dynamic rendering, redirects) carry a digest and must go on up.
    if (typeof error === 'object' && error !== null && 'digest' in error) throw error;
    return DEFAULT_LOCALE;
  }
}

/** A failure as the person at the screen reads it (server actions), through the one mapper. */
export async function readerError(error: unknown): Promise<ShownError> {
  return describeError(error, await readerLocale()).body.error;
}

/**
 * A refused query (a list's filters in the URL) as one line in the reader's language: each field's label, when
 * the page has one, and what is wrong with it — never the error's log text (keys).
 */
export async function readerProblem(error: unknown, label: (field: string) => string | undefined): Promise<string> {
  const locale = await readerLocale();
  const shown = describeError(error, locale).body.error;
  const fields = Object.entries(shown.fields ?? {});
  if (fields.length === 0) return shown.message;
  const colon = locale === 'fr' ? ' : ' : ': ';
  return fields.map(([field, message]) => `${label(field) ?? field}${colon}${message}`).join(' · ');
}
