import { z } from 'zod';
import { dayOf } from '../dates/days';
import type { JournalKind } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { LEDGER_MESSAGES } from './messages';
import { ACCOUNTS, readBalance, type Account } from './ledger-chart';

// Reads for the manager's books page. Balances come from ledger_balance (one row per sub-account), never from
// summing the lines; a file's journal reads its entries through the (tenant_id, file_id, seq) index.

/** What the agency holds and earned for one creditor, as people read it (liabilities and income positive). */
export interface CreditorBooks {
  creditorId: string;
  name: string;
  /** Funds held for the creditor (CPCE R124-2 account). */
  fundsHeldCents: number;
  commissionEarnedCents: number;
  vatCents: number;
  /** Commission (tax included) the creditor still owes: not yet taken from its funds nor paid. */
  commissionDueCents: number;
  creditHeldCents: number;
  collectedDirectCents: number;
}

export interface Books {
  creditors: CreditorBooks[];
  /** Agency-wide: the creditors' funds bank account, and credits no one matched to a file yet. */
  bankCents: number;
  unmatchedCents: number;
  totals: Omit<CreditorBooks, 'creditorId' | 'name'>;
  recent: JournalEntryView[];
}

export interface JournalEntryView {
  id: string;
  seq: number;
  kind: JournalKind;
  effectiveOn: string;
  postedAt: string;
  fileId: string | null;
  fileReference: string | null;
  creditorName: string | null;
  reversesId: string | null;
  lines: { account: Account; amountCents: number }[];
}

const fileQuerySchema = z.object({ fileId: z.uuid({ error: LEDGER_MESSAGES.fileId }) });

export async function agencyBooks(actor: Actor): Promise<Books> {
  authorize(actor, 'ledger.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const [balances, creditors] = await Promise.all([
      tx.ledgerBalance.findMany({ where: { tenantId: actor.tenantId } }),
      tx.creditor.findMany({
        where: { tenantId: actor.tenantId },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      }),
    ]);
    const read = (account: Account, creditorId?: string) =>
      Number(
        readBalance(
          account,
          balances
            .filter((b) => b.account === account && (creditorId === undefined || b.creditorId === creditorId))
            .reduce((s, b) => s + b.balanceCents, 0n),
        ),
      );
    const booksOf = (creditorId?: string) => ({
      fundsHeldCents: read('CREDITOR_FUNDS_PAYABLE', creditorId),
      commissionEarnedCents: read('COMMISSION_EARNED', creditorId),
      vatCents: read('VAT_COLLECTED', creditorId),
      commissionDueCents: read('COMMISSION_RECEIVABLE', creditorId),
      creditHeldCents: read('DEBTOR_CREDIT_HELD', creditorId),
      collectedDirectCents: read('DIRECT_COLLECTED', creditorId),
    });
    const recent = await entriesWhere(tx, actor.tenantId, null, 15);
    return {
      creditors: creditors.map((c) => ({ creditorId: c.id, name: c.name, ...booksOf(c.id) })),
      bankCents: read('CREDITOR_FUNDS_BANK'),
      // Received on no creditor's line, paid out on the line of the file's creditor it was assigned to: the sum of both.
      unmatchedCents: read('UNMATCHED_RECEIPTS'),
      totals: booksOf(),
      recent,
    };
  });
}

/** Every entry that touched a file, oldest first; another agency's file (or none) is not found. */
export async function fileJournal(actor: Actor, input: { fileId: unknown }) {
  authorize(actor, 'ledger.read');
  const { fileId } = parseInput(fileQuerySchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id: fileId },
      select: { id: true, reference: true, currency: true, creditor: { select: { name: true } } },
    });
    if (!file) throw AppError.notFound();
    return {
      fileId: file.id,
      reference: file.reference,
      currency: file.currency,
      creditorName: file.creditor.name,
      entries: await entriesWhere(tx, actor.tenantId, file.id, null),
    };
  });
}

async function entriesWhere(
  tx: Tx,
  tenantId: string,
  fileId: string | null,
  latest: number | null,
): Promise<JournalEntryView[]> {
  const entries = await tx.journalEntry.findMany({
    where: { tenantId, ...(fileId ? { fileId } : {}) },
    include: { lines: { orderBy: { lineNo: 'asc' } } },
    orderBy: { seq: latest ? 'desc' : 'asc' },
    ...(latest ? { take: latest } : {}),
  });
  const fileIds = [...new Set(entries.flatMap((e) => (e.fileId ? [e.fileId] : [])))];
  const creditorIds = [...new Set(entries.flatMap((e) => (e.creditorId ? [e.creditorId] : [])))];
  const [files, creditors] = await Promise.all([
    tx.caseFile.findMany({ where: { tenantId, id: { in: fileIds } }, select: { id: true, reference: true } }),
    tx.creditor.findMany({ where: { tenantId, id: { in: creditorIds } }, select: { id: true, name: true } }),
  ]);
  const refOf = new Map(files.map((f) => [f.id, f.reference]));
  const nameOf = new Map(creditors.map((c) => [c.id, c.name]));
  return entries.map((e) => ({
    id: e.id,
    seq: Number(e.seq),
    kind: e.kind,
    effectiveOn: dayOf(e.effectiveOn),
    postedAt: e.postedAt.toISOString(),
    fileId: e.fileId,
    fileReference: e.fileId ? (refOf.get(e.fileId) ?? null) : null,
    creditorName: e.creditorId ? (nameOf.get(e.creditorId) ?? null) : null,
    reversesId: e.reversesId,
    lines: e.lines.map((l) => ({ account: l.account as Account, amountCents: Number(l.amountCents) })),
  }));
}

export const ACCOUNT_CODES = Object.keys(ACCOUNTS) as Account[];
