import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { BROWSER_LOCALE_HEADER, LOCALE_COOKIE, toLocale } from './locales';

// No locale in the URL: the choice is a cookie, French by default (ARCHITECTURE.md rule 8); on the debtor's page,
// the browser's language until the debtor picks one (proxy.ts).
export default getRequestConfig(async () => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  const locale = toLocale(jar.get(LOCALE_COOKIE)?.value ?? head.get(BROWSER_LOCALE_HEADER));
  return {
    locale,
    timeZone: 'Europe/Paris',
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
