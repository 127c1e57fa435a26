'use client';

import { useLocale, useTranslations } from 'next-intl';
import { toLocale } from '@/lib/i18n/locales';
import { joinIssues, renderRef, type MessageRef, type ReasonTranslator, type RowIssue } from '@/lib/i18n/message-ref';

/**
 * Renders stored refusal keys and row issues (`reasons.*` in the catalogue) in the reader's language, and an
 * API error's reference (`ref`, a path from the catalogue's root: lib/errors/describe) for a client that
 * called a route handler.
 */
export function useReasons() {
  const t = useTranslations('reasons');
  const root = useTranslations();
  const locale = toLocale(useLocale());
  const one = (ref: MessageRef): string => renderRef(t as unknown as ReasonTranslator, ref);
  const error = (ref: MessageRef): string => renderRef(root as unknown as ReasonTranslator, ref);
  return { one, error, issues: (list: readonly RowIssue[]) => joinIssues(list, one, locale) };
}
