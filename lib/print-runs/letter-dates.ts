import { formalNoticeFromLetters } from '../cases/file-store';
import type { RawTx } from '../db/raw';

/**
 * What follows from a letter's posting or presentation being known (issue 14: dates that count). For the letters
 * given, in one transaction with the change that made it known:
 * - the deadline the letter gives counts from the day it took effect (its first presentation when La Poste's
 *   tracking gives it, else its posting): the term printed (printed deadline − the letter's date, both kept in
 *   letter_data) is added to that day; never earlier than the printed deadline, which the debtor read;
 * - the file's formal notice date follows its first formal notice (lib/cases/file-store.ts).
 * The scenario's next delay counts from the posting too: the engine reads it (lib/scenarios/run-step.ts).
 * Returns the files whose formal notice date changed.
 */
export async function applyLetterDates(
  tx: RawTx,
  tenantId: string,
  documentIds: readonly string[],
): Promise<{ id: string; formalNoticeOn: string }[]> {
  if (documentIds.length === 0) return [];
  await tx.$executeRaw`
    UPDATE document d
       SET deadline_on = greatest(
             (d.letter_data->'data'->>'deadline')::date,
             coalesce(d.first_presented_on, d.sent_on)
               + ((d.letter_data->'data'->>'deadline')::date - (d.letter_data->'data'->>'date')::date))
     WHERE d.tenant_id = ${tenantId}::uuid AND d.id = ANY(${documentIds}::uuid[])
       AND d.deadline_on IS NOT NULL AND coalesce(d.first_presented_on, d.sent_on) IS NOT NULL
       AND d.letter_data->'data'->>'deadline' IS NOT NULL AND d.letter_data->'data'->>'date' IS NOT NULL`;
  const documentsFiles = await tx.$queryRaw<{ file_id: string }[]>`
    SELECT DISTINCT file_id::text FROM document
     WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${documentIds}::uuid[]) AND kind = 'FORMAL_NOTICE'`;
  return formalNoticeFromLetters(
    tx,
    tenantId,
    documentsFiles.map((r) => r.file_id),
  );
}
