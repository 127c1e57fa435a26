import { createTranslator } from 'next-intl';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import type { Locale } from './locales';
import { joinIssues, renderRef, type MessageRef, type ReasonTranslator, type RowIssue } from './message-ref';

// Outside React (workers, the command line, CSV reports) messages are rendered with the same catalogue.
const translators = {
  en: createTranslator({ locale: 'en', messages: en, namespace: 'reasons' }),
  fr: createTranslator({ locale: 'fr', messages: fr, namespace: 'reasons' }),
};

export function translate(ref: MessageRef, locale: Locale = 'en'): string {
  return renderRef(translators[locale] as unknown as ReasonTranslator, ref);
}

export function describeIssues(issues: readonly RowIssue[], locale: Locale = 'en'): string {
  return joinIssues(issues, (ref) => translate(ref, locale), locale);
}

/** A translator for one namespace of the catalogue, for text written outside React (reports, exports, e-mails). */
export function translatorFor<N extends 'imports' | 'emails' | 'closing' | 'accounts'>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace });
}
