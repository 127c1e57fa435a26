import { cookies, headers } from 'next/headers';
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, type Locale } from '../i18n/locales';

/**
 * The language a route handler answers an error in: the reader's. A person who chose a language has the
 * cookie the screens read (lib/i18n/request.ts); a fetch from one of our own pages without it reads the
 * screens' default, French, like the page it came from; a program says what it reads in Accept-Language, and
 * one that says nothing gets English, the API's language.
 */
export function localeOf(request: {
  cookie?: string | null;
  fetchSite?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  const chosen = request.cookie;
  if (chosen && (LOCALES as readonly string[]).includes(chosen)) return chosen as Locale;
  if (request.fetchSite === 'same-origin') return DEFAULT_LOCALE;
  return acceptedLocale(request.acceptLanguage) ?? 'en';
}

/** The first of our languages in an Accept-Language header, by weight then order ("fr-CA;q=0.8, en" → en). */
export function acceptedLocale(header: string | null | undefined): Locale | null {
  const ranked = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0]!, weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.weight > 0 && (LOCALES as readonly string[]).includes(r.language))
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return (ranked[0]?.language as Locale | undefined) ?? null;
}

/** The locale of the request being handled; outside one (tests, scripts), English. */
export async function requestLocale(): Promise<Locale> {
  try {
    const [jar, head] = await Promise.all([cookies(), headers()]);
    return localeOf({
      cookie: jar.get(LOCALE_COOKIE)?.value,
      fetchSite: head.get('sec-fetch-site'),
      acceptLanguage: head.get('accept-language'),
    });
  } catch {
    return 'en';
  }
}
