import { createTranslator } from 'next-intl';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { fitsSms, smsText } from '../sms/segments';

const lines = {
  fr: createTranslator({ locale: 'fr', messages: fr, namespace: 'debtorPage' }),
  en: createTranslator({ locale: 'en', messages: en, namespace: 'debtorPage' }),
};

/** The line an e-mail or SMS ends with when its template did not place the debtor's link itself. */
export function debtorPageLine(url: string, locale: 'fr' | 'en'): string {
  return lines[locale]('messageLine', { url });
}

/**
 * The body of an e-mail or SMS with the debtor's link (issue 17), whether or not the template placed it. An SMS is
 * written in plain spaces and quotes (smsText) and held to 3 parts (lib/sms/segments.ts): the explaining line gives
 * way to the bare address, and a text that still does not fit is not sent at all (null) rather than cut — a cut
 * message could lose its legal mentions or its link.
 */
export function withDebtorPageLine(
  filled: string,
  url: string,
  locale: 'fr' | 'en',
  channel: 'EMAIL' | 'SMS',
): string | null {
  if (channel === 'EMAIL') return filled.includes(url) ? filled : `${filled}\n\n${debtorPageLine(url, locale)}`;
  const text = smsText(filled);
  const candidates = text.includes(url)
    ? [text]
    : [`${text}\n\n${smsText(debtorPageLine(url, locale))}`, `${text}\n${url}`];
  return candidates.find((body) => fitsSms(body)) ?? null;
}
