import { env } from '../config/env';
import type { RawTx } from '../db/raw';
import type { BatchItem } from '../letters/batch';
import { issueDebtorLinks } from './issue-link';
import { debtorPageUrl, linkSecret } from './token';

/**
 * Letters with their debtor's private page (issue 17), as they are drawn — when a step stores its letter and when a
 * print run prints it, so both copies are the same letter. The link is derived from the letter's reference and
 * recorded by hash the first time; the letter's stored data never holds it. A receipt carries none (it answers a
 * payment already made).
 */
export async function withDebtorPages(
  tx: RawTx,
  { tenantId, now, letters }: { tenantId: string; now: Date; letters: readonly { fileId: string; item: BatchItem }[] },
): Promise<BatchItem[]> {
  const linked = letters.flatMap(({ fileId, item }) => (item.kind === 'receipt' ? [] : [{ fileId, item }]));
  const tokens = await issueDebtorLinks(tx, {
    secret: linkSecret(),
    tenantId,
    now,
    links: linked.map(({ fileId, item }) => ({ fileId, reference: item.data.reference, carrier: 'LETTER' })),
  });
  const urls = new Map<BatchItem, string>(
    linked.map(({ item }, i) => [item, debtorPageUrl(env.NEXTAUTH_URL, tokens[i]!)]),
  );
  return letters.map(({ item }) => {
    const url = urls.get(item);
    return url ? ({ ...item, data: { ...item.data, debtorPageUrl: url } } as BatchItem) : item;
  });
}
