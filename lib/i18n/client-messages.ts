import type { AbstractIntlMessages } from 'next-intl';

/**
 * What the browser receives of the catalogue (issue 20). The root layout sends none; each part of the app wraps its
 * client components in a provider with the messages they read:
 * - staff and creditor pages: the catalogue without the namespaces only server code reads (timeline lines, task
 *   notes, e-mails, letters, the debtor's page) — tests/unit/client-messages.test.ts checks no client module names one;
 * - the debtor's page: only its forms' namespaces.
 */
export const SERVER_ONLY_NAMESPACES = ['timeline', 'taskNotes', 'emails', 'letters', 'debtorPage'] as const;

/** The namespaces the debtor's page's client components read (components/debtor-page). */
export const DEBTOR_PAGE_CLIENT = [
  'debtorPage.access',
  'debtorPage.code',
  'debtorPage.promise',
  'debtorPage.callback',
  'debtorPage.dispute',
  'debtorPage.disputeKinds',
  'debtorPage.plan',
  'debtorPage.contact',
  'debtorPage.card',
  'debtorPage.data',
] as const;

export function withoutServerOnly(messages: AbstractIntlMessages): AbstractIntlMessages {
  const kept = { ...messages };
  for (const ns of SERVER_ONLY_NAMESPACES) delete kept[ns];
  return kept;
}

/** Only the given dotted namespaces, nested as the catalogue nests them. */
export function pickMessages(messages: AbstractIntlMessages, paths: readonly string[]): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  for (const path of paths) {
    const keys = path.split('.');
    let from: unknown = messages;
    for (const k of keys) from = (from as Record<string, unknown> | undefined)?.[k];
    if (from === undefined) throw new Error(`no messages under ${path}`);
    let into = picked;
    for (const k of keys.slice(0, -1)) into = (into[k] ??= {}) as AbstractIntlMessages;
    into[keys.at(-1)!] = from as AbstractIntlMessages;
  }
  return picked;
}
