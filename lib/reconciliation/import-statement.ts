import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { postUnmatchedReceipt } from '../accounting/post-receipt';
import type { ImportSource } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { recordPaymentIn, sendReceipt } from '../payments/record-payment';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { findCandidates } from './candidates';
import { compactIban } from '../bank/iban';
import { decideMatch, type MatchDecision } from './match';
import { readStatement, type StatementSource } from '../bank/read-statement';
import { refuseStatement, type StatementEntry } from '../bank/statement-entry';
import { reverseReturned } from './returns';

export interface StatementImportResult {
  statementId: string;
  entries: number;
  credits: number;
  matched: number;
  doubtful: number;
  unmatched: number;
  duplicates: number;
}

export interface ImportStatementOptions {
  actor: Actor;
  ip?: string;
  path: string;
  fileName: string;
  source: ImportSource;
  onProgress?: (done: Omit<StatementImportResult, 'statementId'>) => void;
}

const BATCH = 500;

/**
 * Imports a bank statement of the creditors'-funds account: each movement stored once (keyed by the bank's
 * reference), each credit matched to the file it pays and, when sure, recorded as that file's payment with its
 * entry in one transaction (allocation, receipt, creditor notice, history); returns and reversals undo the
 * payment they returned. The whole file is checked before anything is written, so a refused statement leaves
 * nothing behind.
 */
export async function importStatement(options: ImportStatementOptions): Promise<StatementImportResult> {
  const { actor, path } = options;
  authorize(actor, 'bank.import');
  const fundsIban = await fundsAccountOf(actor);
  await checkWhole(path, fundsIban);

  const sha256 = await fileSha256(path);
  const version = await versionOf(path);
  const statementId = await inTenant(scopeOf(actor), async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO bank_statement (tenant_id, format, version, source, file_name, file_sha256, imported_by)
      VALUES (${actor.tenantId}::uuid, ${version.format}, ${version.number}, ${options.source}::"ImportSource",
              ${options.fileName.slice(0, 255)}, ${sha256}, ${personOf(actor)}::uuid)
      RETURNING id`;
    return row!.id;
  });

  const counts = { entries: 0, credits: 0, matched: 0, doubtful: 0, unmatched: 0, duplicates: 0 };
  const source = await readStatement(path);
  try {
    let batch: StatementEntry[] = [];
    const flush = async () => {
      await importBatch(options, statementId, batch, counts);
      batch = [];
      options.onProgress?.({ ...counts });
    };
    for await (const entries of source.entries()) {
      for (const entry of entries) {
        batch.push(entry);
        if (batch.length >= BATCH) await flush();
      }
    }
    if (batch.length > 0) await flush();
  } finally {
    source.close();
  }
  await inTenant(
    scopeOf(actor),
    (tx) =>
      tx.$executeRaw`
      UPDATE bank_statement SET entries = ${counts.entries}, credits = ${counts.credits}, matched = ${counts.matched},
             doubtful = ${counts.doubtful}, unmatched = ${counts.unmatched}, duplicates = ${counts.duplicates}
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${statementId}::uuid`,
  );
  return { statementId, ...counts };
}

async function fundsAccountOf(actor: Actor): Promise<string> {
  const iban = await inTenant(scopeOf(actor), async (tx) => {
    const [agency] = await tx.$queryRaw<{ iban: string | null }[]>`
      SELECT creditor_funds_iban AS iban FROM agency WHERE id = ${actor.tenantId}::uuid`;
    return agency?.iban;
  });
  if (!iban) throw refuseStatement('noFundsAccount');
  return compactIban(iban);
}

/** The first pass: every entry readable, in euros, on the agency's creditors'-funds account. */
async function checkWhole(path: string, fundsIban: string): Promise<void> {
  const source = await readStatement(path);
  try {
    for await (const entries of source.entries()) {
      for (const e of entries) {
        if (!sameAccount(e.accountIban, fundsIban)) {
          throw refuseStatement('wrongAccount', { account: e.accountIban, expected: fundsIban });
        }
        if (e.currency !== 'EUR') throw refuseStatement('currency', { entry: e.index, currency: e.currency || '?' });
      }
    }
  } finally {
    source.close();
  }
}

/** An IBAN, or a national account number (MT940's "bank code/account") found inside the IBAN's BBAN. */
function sameAccount(statementAccount: string, fundsIban: string): boolean {
  if (statementAccount === fundsIban) return true;
  return (
    statementAccount.length >= 10 &&
    /^\d+[A-Z0-9]*$/.test(statementAccount) &&
    fundsIban.slice(4).includes(statementAccount)
  );
}

async function versionOf(path: string): Promise<{ format: string; number: number | null }> {
  const source: StatementSource = await readStatement(path);
  try {
    // The version is known once the document element is read: the first batch (or the end) is enough.
    for await (const _ of source.entries()) break;
    return { format: source.format, number: source.version() };
  } finally {
    source.close();
  }
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

type Counts = Omit<StatementImportResult, 'statementId'>;

async function importBatch(
  { actor, ip }: ImportStatementOptions,
  statementId: string,
  batch: StatementEntry[],
  counts: Counts,
): Promise<void> {
  counts.entries += batch.length;
  const inserted = await inTenant(scopeOf(actor), (tx) => insertEntries(tx, actor.tenantId, statementId, batch));
  counts.duplicates += batch.length - inserted.size;
  const fresh = batch.filter((e) => inserted.has(e.bankRef));
  const credits = fresh.filter((e) => e.direction === 'CREDIT' && !e.reversal);
  counts.credits += credits.length;

  const candidates = await inTenant(scopeOf(actor), (tx) => findCandidates(tx, actor.tenantId, credits));
  for (const credit of credits) {
    const id = inserted.get(credit.bankRef)!;
    const decision = decideMatch(credit, candidates.byReference(credit), candidates.byAmount(credit));
    const status = decision.status === 'MATCHED' ? await recordMatch(actor, ip, id, credit, decision) : decision.status;
    if (status !== 'MATCHED')
      await inTenant(scopeOf(actor), async (tx) => {
        await setDecision(tx, actor.tenantId, id, status, decision);
        // The money is in the funds account and nobody's yet: held as an unmatched receipt until assigned.
        await postUnmatchedReceipt(tx, {
          tenantId: actor.tenantId,
          bankEntryId: id,
          amountCents: credit.amountCents,
          bookingDate: credit.bookingDate,
          postedBy: personOf(actor),
        });
      });
    counts[status === 'MATCHED' ? 'matched' : status === 'DOUBTFUL' ? 'doubtful' : 'unmatched']++;
  }
  // Returns and reversals come back as debits (or a reversed credit) naming what they undo.
  for (const entry of fresh.filter((e) => e.direction === 'DEBIT' || e.reversal)) {
    await reverseReturned(actor, ip, inserted.get(entry.bankRef)!, entry);
  }
}

/** Inserts what is new; the bank's reference of each entry already there comes back absent. */
async function insertEntries(
  tx: Tx,
  tenantId: string,
  statementId: string,
  batch: StatementEntry[],
): Promise<Map<string, string>> {
  const col = <T>(pick: (e: StatementEntry) => T) => batch.map(pick);
  const rows = await tx.$queryRaw<{ id: string; bank_ref: string }[]>`
    INSERT INTO bank_entry (tenant_id, statement_id, account_iban, bank_ref, booking_date, value_date, amount_cents,
                            currency, direction, reversal, counterparty_name, counterparty_iban, creditor_refs,
                            remittance, end_to_end_id, return_reason, status)
    SELECT ${tenantId}::uuid, ${statementId}::uuid, e.account_iban, e.bank_ref, e.booking_date, e.value_date,
           e.amount_cents, e.currency, e.direction, e.reversal, e.counterparty_name, e.counterparty_iban,
           string_to_array(e.creditor_refs, ' '), e.remittance, e.end_to_end_id, e.return_reason,
           (CASE WHEN e.direction = 'CREDIT' AND NOT e.reversal THEN 'UNMATCHED' ELSE 'IGNORED' END)::"BankEntryStatus"
      FROM unnest(${col((e) => e.accountIban)}::text[], ${col((e) => e.bankRef)}::text[],
                  ${col((e) => e.bookingDate)}::date[], ${col((e) => e.valueDate)}::date[],
                  ${col((e) => e.amountCents.toString())}::bigint[], ${col((e) => e.currency)}::text[],
                  ${col((e) => e.direction)}::text[], ${col((e) => e.reversal)}::boolean[],
                  ${col((e) => e.counterpartyName)}::text[], ${col((e) => e.counterpartyIban)}::text[],
                  ${col((e) => e.creditorRefs.join(' '))}::text[], ${col((e) => e.remittance)}::text[],
                  ${col((e) => e.endToEndId)}::text[], ${col((e) => e.returnReason)}::text[])
        AS e(account_iban, bank_ref, booking_date, value_date, amount_cents, currency, direction, reversal,
             counterparty_name, counterparty_iban, creditor_refs, remittance, end_to_end_id, return_reason)
     WHERE e.amount_cents > 0
    ON CONFLICT (tenant_id, account_iban, bank_ref) DO NOTHING
    RETURNING id, bank_ref`;
  return new Map(rows.map((r) => [r.bank_ref, r.id]));
}

/**
 * The sure match becomes the file's payment in the same transaction as the entry's link to it. A payment the
 * file refuses (booked before the file was placed, a file changed meanwhile) leaves the credit to an agent.
 */
async function recordMatch(
  actor: Actor,
  ip: string | undefined,
  entryId: string,
  credit: StatementEntry,
  decision: Extract<MatchDecision, { status: 'MATCHED' }>,
): Promise<'MATCHED' | 'DOUBTFUL'> {
  try {
    const recorded = await inTenant(
      scopeOf(actor),
      async (tx) => {
        const [file] = await tx.$queryRaw<{ version: number }[]>`
        SELECT version FROM case_file WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${decision.fileId}::uuid`;
        const payment = await recordPaymentIn(
          {
            actor,
            ip,
            fileId: decision.fileId,
            amount: (Number(credit.amountCents) / 100).toFixed(2),
            method: 'TRANSFER',
            receivedOn: credit.bookingDate,
            reference: credit.bankRef.slice(0, 100),
            expectedVersion: file!.version,
          },
          tx,
        );
        await linkPayment(tx, actor.tenantId, entryId, payment.paymentId, decision.fileId, credit.amountCents);
        await setDecision(tx, actor.tenantId, entryId, 'MATCHED', decision);
        return payment;
        // The payment's receipt is drawn in this transaction: a PDF on a busy machine takes more than Prisma's 5 s.
      },
      undefined,
      { timeoutMs: 30_000 },
    );
    await sendReceipt(actor.tenantId, recorded);
    return 'MATCHED';
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') return 'DOUBTFUL';
    throw error;
  }
}

export async function linkPayment(
  tx: Tx,
  tenantId: string,
  entryId: string,
  paymentId: string,
  fileId: string,
  amountCents: bigint,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO bank_entry_payment (tenant_id, entry_id, payment_id, file_id, amount_cents)
    VALUES (${tenantId}::uuid, ${entryId}::uuid, ${paymentId}::uuid, ${fileId}::uuid, ${amountCents})`;
}

async function setDecision(
  tx: Tx,
  tenantId: string,
  entryId: string,
  status: 'MATCHED' | 'DOUBTFUL' | 'UNMATCHED',
  decision: MatchDecision,
): Promise<void> {
  const match = {
    candidates: decision.candidates.slice(0, 5),
    ...(decision.status === 'MATCHED'
      ? { fileId: decision.fileId, score: decision.score, reasons: decision.reasons }
      : {}),
  };
  await tx.$executeRaw`
    UPDATE bank_entry SET status = ${status}::"BankEntryStatus", match = ${JSON.stringify(match)}::jsonb
     WHERE tenant_id = ${tenantId}::uuid AND id = ${entryId}::uuid`;
}
