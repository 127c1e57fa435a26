import { createTranslator } from 'next-intl';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';

const lines = {
  fr: createTranslator({ locale: 'fr', messages: fr, namespace: 'debtorPage' }),
  en: createTranslator({ locale: 'en', messages: en, namespace: 'debtorPage' }),
};

/** The line an e-mail or SMS ends with when its template did not place the debtor's link itself. */
export function debtorPageLine(url: string, locale: 'fr' | 'en'): string {
  return lines[locale]('messageLine', { url });
}
