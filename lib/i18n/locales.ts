export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';
export const LOCALE_COOKIE = 'recouvra_locale';

export function toLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}

/**
 * The browser's language on the debtor's page, set by the proxy from Accept-Language (and removed from anything a
 * client sends): a debtor has chosen nothing yet, where staff screens default to French.
 */
export const BROWSER_LOCALE_HEADER = 'x-recouvra-browser-locale';
