import { addMonths } from '../dates/days';

/**
 * When the law lets the agency erase a person (GDPR art. 17(3)(b) and (e): a legal obligation, or a claim still to
 * establish or defend), as reasons that each name the day they stop applying. Pure: the caller reads the files.
 *
 * - a file still open: the claim is being collected, the data is needed for it;
 * - a claim not yet time-barred: the creditor may still sue, the agency must be able to answer for its mandate
 *   (until the last claim's limitation day);
 * - accounting: C. com. L123-22 keeps accounting records and their supporting documents ten years, counted here from
 *   the last payment received on the person's files.
 */
export type ErasureBar =
  | { kind: 'OPEN_FILE'; reference: string }
  | { kind: 'LIMITATION'; reference: string; until: string }
  | { kind: 'ACCOUNTING'; until: string };

export const ACCOUNTING_RETENTION_MONTHS = 120;

export interface ErasureFacts {
  today: string;
  files: { reference: string; closed: boolean; limitationOn: string | null }[];
  lastPaymentOn: string | null;
}

export function erasureBars({ today, files, lastPaymentOn }: ErasureFacts): ErasureBar[] {
  const bars: ErasureBar[] = [];
  for (const f of files) if (!f.closed) bars.push({ kind: 'OPEN_FILE', reference: f.reference });
  const latest = files
    .filter((f) => f.limitationOn !== null && f.limitationOn >= today)
    .sort((a, b) => (a.limitationOn! < b.limitationOn! ? 1 : -1))[0];
  if (latest) bars.push({ kind: 'LIMITATION', reference: latest.reference, until: latest.limitationOn! });
  if (lastPaymentOn) {
    const until = addMonths(lastPaymentOn, ACCOUNTING_RETENTION_MONTHS);
    if (until >= today) bars.push({ kind: 'ACCOUNTING', until });
  }
  return bars;
}
