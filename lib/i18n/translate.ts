import { createTranslator } from 'next-intl';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import type { Locale } from './locales';
import { joinIssues, type MessageRef, type RowIssue } from './message-ref';

// Outside React (workers, the command line, CSV reports) messages are rendered with the same catalogue.
const translators = {
  en: createTranslator({ locale: 'en', messages: en, namespace: 'reasons' }),
  fr: createTranslator({ locale: 'fr', messages: fr, namespace: 'reasons' }),
};

export function translate(ref: MessageRef, locale: Locale = 'en'): string {
  // Keys come from code and from stored rows; a key the catalogue lacks must not break a page or a report.
  const t = translators[locale];
  return t.has(ref.key as never) ? t(ref.key as never, ref.values as never) : (ref.values?.message ?? ref.key);
}

export function describeIssues(issues: readonly RowIssue[], locale: Locale = 'en'): string {
  return joinIssues(issues, (ref) => translate(ref, locale), locale);
}

/** A translator for one namespace of the catalogue, for text written outside React (reports, exports). */
export function translatorFor(locale: Locale, namespace: 'imports') {
  return createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace });
}
