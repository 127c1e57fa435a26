'use client';

import { useLocale, useTranslations } from 'next-intl';
import { toLocale } from '@/lib/i18n/locales';
import { joinIssues, type MessageRef, type RowIssue } from '@/lib/i18n/message-ref';

/** Renders stored refusal keys and row issues (`reasons.*` in the catalogue) in the reader's language. */
export function useReasons() {
  const t = useTranslations('reasons');
  const locale = toLocale(useLocale());
  const one = (ref: MessageRef): string =>
    t.has(ref.key as never) ? t(ref.key as never, ref.values as never) : (ref.values?.message ?? ref.key);
  return { one, issues: (list: readonly RowIssue[]) => joinIssues(list, one, locale) };
}
