import type { Tx } from '../db/tenant';
import type { Candidate } from './match';
import { referencesIn } from './match';
import type { StatementEntry } from '../bank/statement-entry';

export interface CandidateLookup {
  /** The files whose reference the credit carries. */
  byReference(credit: StatementEntry): Candidate[];
  /** The open files expecting the credit's exact amount (a pending promise, a plan instalment). */
  byAmount(credit: StatementEntry): Candidate[];
}

interface FileRow {
  id: string;
  reference: string;
  debtor_name: string;
  closed: boolean;
  principal_left: bigint;
}

/** The candidates of a batch of credits in three queries, whatever the batch's size. */
export async function findCandidates(tx: Tx, tenantId: string, credits: StatementEntry[]): Promise<CandidateLookup> {
  const refsOf = new Map(credits.map((c) => [c, referencesIn(c)]));
  const references = [...new Set([...refsOf.values()].flatMap((r) => [...r.rf, ...r.plain]))];
  const amounts = [...new Set(credits.map((c) => c.amountCents.toString()))];

  const expectingIds = amounts.length
    ? await tx.$queryRaw<{ file_id: string }[]>`
        SELECT file_id FROM promise
         WHERE tenant_id = ${tenantId}::uuid AND status = 'PENDING' AND amount_cents = ANY(${amounts}::bigint[])
        UNION
        SELECT p.file_id FROM plan_instalment i
          JOIN payment_plan p ON p.tenant_id = i.tenant_id AND p.id = i.plan_id AND p.status = 'ACTIVE'
         WHERE i.tenant_id = ${tenantId}::uuid AND i.status IN ('DUE', 'LATE')
           AND i.amount_cents = ANY(${amounts}::bigint[])`
    : [];
  const ids = expectingIds.map((r) => r.file_id);
  const files =
    references.length || ids.length
      ? await tx.$queryRaw<FileRow[]>`
          SELECT f.id, f.reference, d.display_name AS debtor_name, f.phase = 'CLOSED' AS closed,
                 greatest(f.principal_cents - f.collected_cents, 0) AS principal_left
            FROM case_file f
            JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
           WHERE f.tenant_id = ${tenantId}::uuid
             AND (f.reference = ANY(${references}::text[]) OR f.id = ANY(${ids}::uuid[]))`
      : [];
  const fileIds = files.map((f) => f.id);
  const expected = fileIds.length
    ? await tx.$queryRaw<{ file_id: string; amount_cents: bigint; due_on: Date }[]>`
        SELECT file_id, amount_cents, due_on FROM promise
         WHERE tenant_id = ${tenantId}::uuid AND status = 'PENDING' AND file_id = ANY(${fileIds}::uuid[])
        UNION ALL
        SELECT p.file_id, i.amount_cents - i.paid_cents, i.due_on FROM plan_instalment i
          JOIN payment_plan p ON p.tenant_id = i.tenant_id AND p.id = i.plan_id AND p.status = 'ACTIVE'
         WHERE i.tenant_id = ${tenantId}::uuid AND i.status IN ('DUE', 'LATE') AND p.file_id = ANY(${fileIds}::uuid[])`
    : [];

  const candidates = new Map<string, Candidate>();
  for (const f of files) {
    candidates.set(f.id, {
      fileId: f.id,
      reference: f.reference,
      debtorName: f.debtor_name,
      closed: f.closed,
      principalLeftCents: BigInt(f.principal_left),
      expected: [],
    });
  }
  for (const e of expected) {
    candidates.get(e.file_id)?.expected.push({
      amountCents: BigInt(e.amount_cents),
      dueOn: e.due_on.toISOString().slice(0, 10),
    });
  }
  const byReference = new Map<string, Candidate>([...candidates.values()].map((c) => [c.reference, c]));
  const expectingAmount = new Map<bigint, Candidate[]>();
  for (const c of candidates.values()) {
    for (const e of c.expected) {
      const list = expectingAmount.get(e.amountCents) ?? [];
      if (!list.includes(c)) list.push(c);
      expectingAmount.set(e.amountCents, list);
    }
  }
  return {
    byReference(credit) {
      const refs = refsOf.get(credit) ?? referencesIn(credit);
      return [...refs.rf, ...refs.plain].flatMap((r) => byReference.get(r) ?? []);
    },
    byAmount(credit) {
      return expectingAmount.get(credit.amountCents) ?? [];
    },
  };
}
