import type { Locale } from './locales';

/**
 * A message kept as a catalogue key and its values (under `reasons` in messages/*.json), so what a worker
 * stores or an error carries is shown in the reader's language, not the language of the process that wrote it.
 */
export interface MessageRef {
  key: string;
  values?: Record<string, string>;
}

/** One problem of an imported row: the field, the creditor's own column header for it, and what is wrong. */
export interface RowIssue extends MessageRef {
  field?: string;
  label?: string;
}

/** next-intl's translator for the `reasons` namespace, as far as rendering a reference needs it. */
export interface ReasonTranslator {
  has(key: string): boolean;
  (key: string, values?: Record<string, string>): string;
}

/** A reference in the translator's language; a key the catalogue lacks (a stored row) must not break a page. */
export function renderRef(t: ReasonTranslator, ref: MessageRef): string {
  return t.has(ref.key) ? t(ref.key, ref.values) : (ref.values?.message ?? ref.key);
}

/** A row's issues on one line — "Montant TTC : « abc » n'est pas un montant; Échéance : obligatoire". */
export function joinIssues(issues: readonly RowIssue[], render: (ref: MessageRef) => string, locale: Locale): string {
  const colon = locale === 'fr' ? ' : ' : ': ';
  return issues.map((i) => (i.label ? i.label + colon + render(i) : render(i))).join('; ');
}
