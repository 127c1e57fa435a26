import { _createCache, _createIntlFormatters, createFormatter } from 'next-intl';
import type { Locale } from './locales';

// next-intl's formatter, outside React too (server pages, workers, PDFs, exports): one per locale and time zone,
// with one cache of Intl objects for the process, as next-intl keeps for a request.

/** The app's English is British: 31/12/2025, "2 Dec 2026". */
export const LOCALE_TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export const intlCache = _createCache();
export const intlFormatters = _createIntlFormatters(intlCache);

export type Formatter = ReturnType<typeof createFormatter>;

const formatters = new Map<string, Formatter>();

export function formatterFor(locale: Locale, timeZone = 'Europe/Paris'): Formatter {
  const key = `${locale} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = createFormatter({
      locale: LOCALE_TAGS[locale],
      timeZone,
      _cache: intlCache,
      _formatters: intlFormatters,
    });
    formatters.set(key, format);
  }
  return format;
}
