import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBalance } from '../../lib/accounting/ledger-chart';
import { agencyBooks } from '../../lib/accounting/queries';
import { ibanOf } from '../../lib/bank/iban';
import { addDays, dayIn } from '../../lib/dates/days';
import { inTenant } from '../../lib/db/tenant';
import { seedCollections } from '../../lib/demo/collections';
import { seedAgency } from '../../lib/demo/seed-agency';
import { renderRemittanceStatement } from '../../lib/letters/remittance-statement';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { rfReference } from '../../lib/bank/creditor-reference';
import { recordPayment } from '../../lib/payments/record-payment';
import { reversePayment } from '../../lib/payments/reverse-payment';
import { assignCredit, returnCredit } from '../../lib/reconciliation/assign-credit';
import { importStatement } from '../../lib/reconciliation/import-statement';
import { reconciliationView } from '../../lib/reconciliation/queries';
import { approvePayout } from '../../lib/remittances/approve-payout';
import { cancelPayout } from '../../lib/remittances/cancel-payout';
import { heldPayments } from '../../lib/remittances/held-funds';
import { proposeRefund } from '../../lib/remittances/propose-refund';
import { proposeRemittance } from '../../lib/remittances/propose-remittance';
import { creditorStatements, financeOverview } from '../../lib/remittances/queries';
import { checkRemittanceDeadlines } from '../../lib/remittances/remittance-alerts';
import { remittanceDeadline } from '../../lib/remittances/rules';
import { sendRemittanceStatements } from '../../lib/remittances/send-statements';
import { statementDocument } from '../../lib/remittances/statement-data';
import { transferFile } from '../../lib/remittances/transfer-file';
import { writeOffCommission } from '../../lib/remittances/write-off-commission';
import { updatePayoutDetails } from '../../lib/remittances/update-payout-details';
import { checkPain001 } from '../../lib/remittances/validate-pain001';
import { loadStepFacts } from '../../lib/scenarios/step-facts';
import type { Actor } from '../../lib/tenancy/actor';
import { camt053, type FixtureEntry } from '../fixtures/bank/statements';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { fileWithClaims, newDebtor } from './support/file-with-claims';

// The money going out of the creditors'-funds account: remittances within R124-6's month (proposed, approved by
// two people above the agency's threshold, posted, paid by one ISO 20022 transfer file, told to the creditor with a
// statement), refunds of a debtor's overpayment, and the bank credits nobody matched yet. Real PostgreSQL, the
// capture SMTP server, and libxml2's XSD validator on the official pain.001.001.09 schema.

const owner = ownerDb();
const FUNDS_IBAN = 'FR7630006000011234567890189';
const today = dayIn('Europe/Paris');
let tenantId: string;
let manager: Actor;
let admin: Actor;
let creditorUser: Actor;
let managerB: Actor;
let capture: CaptureServer;
let mail: MailSender;

const held = () => inTenant({ tenantId }, (tx) => heldPayments(tx, tenantId, { asOf: today }));
async function fundsHeld(creditorId: string): Promise<bigint> {
  const row = await owner.ledgerBalance.findFirst({
    where: { tenantId, account: 'CREDITOR_FUNDS_PAYABLE', creditorId },
  });
  return readBalance('CREDITOR_FUNDS_PAYABLE', row?.balanceCents ?? 0n);
}
async function creditHeldOn(fileId: string): Promise<bigint> {
  const [row] = await owner.$queryRaw<{ held: bigint }[]>`
    SELECT coalesce(-sum(amount_cents), 0)::bigint AS held FROM journal_line
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid AND account = 'DEBTOR_CREDIT_HELD'`;
  return row!.held;
}
/** Sub-accounts whose stored balance differs from the sum of their lines (none, ever). */
async function driftingBalances(): Promise<unknown[]> {
  return owner.$queryRaw`
    WITH replay AS (
      SELECT account, coalesce(creditor_id, '00000000-0000-0000-0000-000000000000'::uuid) AS creditor,
             sum(amount_cents) AS cents
        FROM journal_line WHERE tenant_id = ${tenantId}::uuid GROUP BY 1, 2)
    SELECT r.account FROM replay r
      FULL JOIN (SELECT * FROM ledger_balance WHERE tenant_id = ${tenantId}::uuid) b
        ON b.account = r.account AND b.creditor_id = r.creditor
     WHERE coalesce(r.cents, 0) <> coalesce(b.balance_cents, 0)`;
}

/** A camt.053 of the agency's creditors'-funds account holding `entries`, imported by the manager. */
async function importEntries(entries: FixtureEntry[]) {
  const path = join(await mkdtemp(join(tmpdir(), 'remit-it-')), 'releve.xml');
  await writeFile(path, camt053(8, FUNDS_IBAN, entries, `ST-${randomUUID().slice(0, 8)}`));
  return importStatement({ actor: manager, path, fileName: 'releve.xml', source: 'CLI' });
}
const bankEntry = (bankRef: string) => owner.bankEntry.findFirstOrThrow({ where: { tenantId, bankRef } });

/** A file of the creditor user's creditor owing one invoice of `principalCents`. */
async function makeFile(debtorName: string, principalCents: number) {
  const debtor = await newDebtor(owner, tenantId, { name: debtorName });
  return fileWithClaims(owner, {
    tenantId,
    creditorId: creditorUser.creditorId!,
    debtorId: debtor.id,
    nature: 'B2B',
    claims: [{ dueOn: '2025-06-01', principalCents }],
  });
}

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('remit'),
    name: 'Remit',
    seed: 61,
    files: 24,
    password: 'x-password-1',
  }));
  await seedCollections(owner, tenantId, { seed: 62 });
  const { tenantId: tenantB } = await seedAgency(owner, {
    slug: uniqueSlug('remit-b'),
    name: 'Remit B',
    seed: 63,
    files: 2,
    password: 'x-password-1',
  });
  [manager, admin, creditorUser, managerB] = await Promise.all([
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'ADMIN'),
    actorFor(owner, tenantId, 'CREDITOR'),
    actorFor(owner, tenantB, 'MANAGER'),
  ]);
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Remit <remit@agence.test>');
});
afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

describe('funds held and the R124-6 deadline', () => {
  it('gives per creditor the funds held, the oldest encashment not remitted and the days left', async () => {
    const payments = await held();
    expect(payments.length).toBeGreaterThan(0);
    const overview = await financeOverview(manager);
    expect(overview.deadlines.length).toBeGreaterThan(0);
    for (const d of overview.deadlines) {
      const own = payments.filter((p) => p.creditorId === d.creditorId);
      // Nothing was remitted yet: the books hold for each creditor exactly what its payments owe it.
      expect(BigInt(d.fundsHeldCents)).toBe(own.reduce((s, p) => s + p.grossCents, 0n));
      expect(BigInt(d.fundsHeldCents)).toBe(await fundsHeld(d.creditorId));
      const oldest = own
        .filter((p) => p.grossCents > 0n)
        .map((p) => p.receivedOn)
        .sort()[0]!;
      expect(d.oldestOn).toBe(oldest);
      expect(d.deadlineOn).toBe(remittanceDeadline(oldest, 30));
      expect(d.hasAccount).toBe(true);
    }
    await expect(financeOverview(creditorUser)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the daily job raises one task per creditor once its oldest funds are 20 days old, and not before', async () => {
    const oldest = (await held()).map((p) => p.receivedOn).sort()[0]!;
    const at = (days: number) => new Date(`${addDays(oldest, days)}T10:00:00Z`);
    expect(await checkRemittanceDeadlines({ tenantId, now: at(19) })).toMatchObject({ alerts: 0, tasksOpened: 0 });
    const first = await checkRemittanceDeadlines({ tenantId, now: at(20) });
    expect(first.alerts).toBeGreaterThanOrEqual(1);
    expect(first.tasksOpened).toBe(first.alerts);
    const tasks = await owner.task.findMany({ where: { tenantId, kind: 'REMITTANCE_DUE', status: 'OPEN' } });
    expect(tasks).toHaveLength(first.tasksOpened);
    expect(tasks[0]!.noteRef).toMatchObject({ key: 'remittance.due', values: { oldestOn: oldest } });
    // A rerun (or tomorrow's run) finds the open task.
    expect(await checkRemittanceDeadlines({ tenantId, now: at(21) })).toMatchObject({ tasksOpened: 0 });
  });
});

describe('a remittance run', () => {
  let runId: string;

  it("takes the creditor's account from its mandate, checked: IBAN check digits, BIC format", async () => {
    const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId, creditorId: creditorUser.creditorId! } });
    const save = (input: Record<string, unknown>, actor = manager) =>
      updatePayoutDetails({ actor, mandateId: mandate.id, updatedAt: mandate.updatedAt.toISOString(), input });
    const wrongDigit = mandate.payoutIban!.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    await expect(save({ payoutIban: wrongDigit, remittanceMode: 'NET' })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { payoutIban: 'mandates.errors.payoutIban' },
    });
    await expect(
      save({ payoutIban: mandate.payoutIban, payoutBic: 'BNP-FR', remittanceMode: 'NET' }),
    ).rejects.toMatchObject({ fields: { payoutBic: 'mandates.errors.payoutBic' } });
    await expect(save({ payoutIban: mandate.payoutIban, remittanceMode: 'NET' }, creditorUser)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // As people type it: grouped by four, lower case; stored compact.
    const typed = mandate.payoutIban!.toLowerCase().replace(/(.{4})/g, '$1 ');
    await save({ payoutIban: typed, payoutBic: 'bnpa fr pp xxx', remittanceMode: 'NET' });
    expect(await owner.mandate.findFirstOrThrow({ where: { tenantId, id: mandate.id } })).toMatchObject({
      payoutIban: mandate.payoutIban,
      payoutBic: 'BNPAFRPPXXX',
      remittanceMode: 'NET',
    });
  });

  it('proposes everything held, net or gross as each mandate says, and takes the payments at once', async () => {
    await owner.agency.update({
      where: { id: tenantId },
      data: { payoutSecondApprovalCents: 1n, creditorFundsBic: 'BNPAFRPPXXX' },
    });
    const before = await held();
    const run = await proposeRemittance({ actor: manager });
    runId = run.runId;
    expect(run).toMatchObject({ number: 1, needsSecondApproval: true, creditorsWithoutAccount: 0 });
    const transfers = await owner.payoutTransfer.findMany({ where: { tenantId, runId } });
    expect(transfers).toHaveLength(run.transfers);
    expect(run.payments).toBe(before.filter((p) => transfers.some((t) => t.creditorId === p.creditorId)).length);
    const mandates = await owner.mandate.findMany({ where: { tenantId } });
    for (const t of transfers) {
      const own = before.filter((p) => p.creditorId === t.creditorId);
      const gross = own.reduce((s, p) => s + p.grossCents, 0n);
      const due = own.reduce((s, p) => s + p.commissionCents + p.vatCents, 0n);
      const mandate = mandates.find((m) => m.creditorId === t.creditorId)!;
      expect(t.iban).toBe(mandate.payoutIban);
      expect(t.mode).toBe(mandate.remittanceMode);
      expect(t.grossCents).toBe(gross);
      expect(t.settledCents).toBe(t.mode === 'NET' && due > 0n ? due : 0n);
      expect(t.amountCents).toBe(gross - t.settledCents);
    }
    expect(BigInt(run.totalCents)).toBe(transfers.reduce((s, t) => s + t.amountCents, 0n));
    // Nothing is left to propose while this run waits.
    await expect(proposeRemittance({ actor: manager })).rejects.toMatchObject({
      code: 'CONFLICT',
      ref: { key: 'remittances.errors.nothingDue' },
    });
  });

  it('above the threshold waits for a second, different manager; only then posts and writes the transfer file', async () => {
    const transfers = await owner.payoutTransfer.findMany({ where: { tenantId, runId } });
    const before = new Map(
      await Promise.all(transfers.map(async (t) => [t.creditorId, await fundsHeld(t.creditorId)] as const)),
    );

    expect(await approvePayout({ actor: manager, runId })).toMatchObject({ status: 'AWAITING_SECOND_APPROVAL' });
    await expect(approvePayout({ actor: manager, runId })).rejects.toMatchObject({
      code: 'CONFLICT',
      ref: { key: 'remittances.errors.sameApprover' },
    });
    expect(await owner.journalEntry.count({ where: { tenantId, remittanceId: runId } })).toBe(0);
    await expect(transferFile({ actor: manager, runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(approvePayout({ actor: managerB, runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await approvePayout({ actor: admin, runId })).toMatchObject({ status: 'APPROVED' });
    await expect(approvePayout({ actor: admin, runId })).rejects.toMatchObject({
      ref: { key: 'remittances.errors.notPending' },
    });
    for (const t of transfers) {
      expect(await fundsHeld(t.creditorId)).toBe(before.get(t.creditorId)! - t.grossCents);
    }
    const entries = await owner.journalEntry.findMany({ where: { tenantId, remittanceId: runId } });
    expect(entries.filter((e) => e.kind === 'REMITTANCE')).toHaveLength(transfers.length);
    expect(entries.filter((e) => e.kind === 'COMMISSION_SETTLEMENT')).toHaveLength(
      transfers.filter((t) => t.settledCents > 0n).length,
    );
    expect(await driftingBalances()).toEqual([]);

    const file = await transferFile({ actor: manager, runId });
    expect(file.name).toBe('reversement-1-pain.001.001.09.xml');
    const check = await checkPain001(file.xml);
    expect(check).toEqual({ valid: true, errors: [] });
    expect(file.xml).toContain(`<NbOfTxs>${transfers.length}</NbOfTxs>`);
    expect(file.xml).toContain(`<IBAN>${FUNDS_IBAN}</IBAN>`);
    for (const t of transfers) expect(file.xml).toContain(`<IBAN>${t.iban}</IBAN>`);

    // The schema is a real wall: a file with a wrong code or a missing element does not pass.
    const tampered = await checkPain001(file.xml.replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>XXX</PmtMtd>'));
    expect(tampered.valid).toBe(false);
    expect(tampered.errors.join(' ')).toMatch(/PmtMtd/);
    expect((await checkPain001(file.xml.replace(/<MsgId>[^<]*<\/MsgId>/, ''))).valid).toBe(false);

    await expect(transferFile({ actor: creditorUser, runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(transferFile({ actor: managerB, runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("e-mails each creditor its statement (PDF attached) and shows it in that creditor's portal only", async () => {
    const report = await sendRemittanceStatements({ tenantId, runId, mail });
    expect(report.transfers).toBeGreaterThanOrEqual(1);
    const { email } = await owner.identity.findUniqueOrThrow({ where: { id: creditorUser.identityId } });
    const [received] = await owner.capturedMail.findMany({ where: { tenantId, recipients: email } });
    expect(received!.subject).toMatch(/relevé de reversement n° 1/);
    expect(received!.attachments).toMatch(/^releve-reversement-1-REM1-\d+\.pdf$/);
    expect(await sendRemittanceStatements({ tenantId, runId, mail })).toEqual({ transfers: 0, emails: 0 });

    const own = await creditorStatements(creditorUser);
    expect(own.length).toBe(1);
    const transfers = await owner.payoutTransfer.findMany({ where: { tenantId, runId } });
    expect(own[0]!.transferId).toBe(transfers.find((t) => t.creditorId === creditorUser.creditorId)!.id);

    const document = await statementDocument({ actor: creditorUser, transferId: own[0]!.transferId });
    const { lines, totals } = document.data;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.reduce((s, l) => s + l.grossCents, 0)).toBe(totals.grossCents);
    expect(lines.reduce((s, l) => s + l.commissionCents, 0)).toBe(totals.commissionCents);
    expect(lines.every((l) => l.fileReference && l.debtor && l.receivedOn)).toBe(true);
    const pdf = await renderRemittanceStatement(document.data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Kept where a person can look at it (pdftoppm; docs/evidence/remittance holds the PNG).
    await writeFile(join(tmpdir(), 'recouvra-remittance-statement.pdf'), pdf);

    const other = transfers.find((t) => t.creditorId !== creditorUser.creditorId);
    if (other) {
      await expect(statementDocument({ actor: creditorUser, transferId: other.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    await expect(statementDocument({ actor: managerB, transferId: own[0]!.transferId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await statementDocument({ actor: manager, transferId: own[0]!.transferId })).creditorId).toBe(
      creditorUser.creditorId,
    );
  });

  it('a cancelled run gives its payments back to the next proposal', async () => {
    const file = await makeFile('Remise Nouvelle SARL', 50_000);
    await recordPayment({
      actor: manager,
      fileId: file.id,
      amount: '100,00',
      method: 'TRANSFER',
      receivedOn: today,
      expectedVersion: 0,
    });
    const next = await proposeRemittance({ actor: manager });
    expect(next).toMatchObject({ number: 2, payments: 1, transfers: 1 });
    await cancelPayout({ actor: manager, runId: next.runId });
    await expect(approvePayout({ actor: manager, runId: next.runId })).rejects.toMatchObject({
      ref: { key: 'remittances.errors.notPending' },
    });
    expect(await proposeRemittance({ actor: manager })).toMatchObject({ number: 3, payments: 1 });
  });
});

describe("refunding a debtor's overpayment", () => {
  it('proposes the credit held on the file, approves it like a remittance, posts it and writes its transfer file', async () => {
    const file = await makeFile('Trop Payé SAS', 20_000);
    const paid = await recordPayment({
      actor: manager,
      fileId: file.id,
      amount: '1000,00',
      method: 'TRANSFER',
      receivedOn: today,
      expectedVersion: 0,
    });
    expect(paid.creditCents).toBeGreaterThan(0);
    expect(await creditHeldOn(file.id)).toBe(BigInt(paid.creditCents));

    await expect(
      proposeRefund({ actor: manager, fileId: file.id, iban: 'FR76 3000 4000 0000 0000 0000 000' }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      fields: { iban: 'remittances.errors.iban' },
    });
    const debtorIban = ibanOf('FR', '20041010050500013M02606');
    const refund = await proposeRefund({ actor: manager, fileId: file.id, iban: debtorIban.replace(/(.{4})/g, '$1 ') });
    expect(refund).toMatchObject({ totalCents: paid.creditCents, needsSecondApproval: true });
    await expect(proposeRefund({ actor: manager, fileId: file.id, iban: debtorIban })).rejects.toMatchObject({
      ref: { key: 'remittances.errors.refundPending' },
    });
    await expect(proposeRefund({ actor: managerB, fileId: file.id, iban: debtorIban })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const fileCredit = async () =>
      (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: file.id } })).creditCents;
    await approvePayout({ actor: manager, runId: refund.runId });
    expect(await creditHeldOn(file.id)).toBe(BigInt(paid.creditCents));
    expect(await fileCredit()).toBe(BigInt(paid.creditCents));
    expect(await approvePayout({ actor: admin, runId: refund.runId })).toMatchObject({ status: 'APPROVED' });
    expect(await creditHeldOn(file.id)).toBe(0n);
    // The file's own figure (its page, the debtor's page) says the same as the books: nothing held any more.
    expect(await fileCredit()).toBe(0n);
    const refunded = await owner.activity.findFirstOrThrow({
      where: { tenantId, fileId: file.id, kind: 'credit.refunded' },
    });
    expect(refunded.details).toMatchObject({ amountCents: paid.creditCents, runNumber: refund.number });
    const [entry] = await owner.journalEntry.findMany({
      where: { tenantId, remittanceId: refund.runId },
      include: { lines: true },
    });
    expect(entry!.kind).toBe('CREDIT_REFUND');
    expect(entry!.fileId).toBe(file.id);

    const xml = (await transferFile({ actor: manager, runId: refund.runId })).xml;
    expect(await checkPain001(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain(`<IBAN>${debtorIban}</IBAN>`);
    expect(xml).toContain(`<InstdAmt Ccy="EUR">${(paid.creditCents / 100).toFixed(2)}</InstdAmt>`);
    // Nothing left to refund, and a refund is nobody's portal statement.
    await expect(proposeRefund({ actor: manager, fileId: file.id, iban: debtorIban })).rejects.toMatchObject({
      ref: { key: 'remittances.errors.noCredit' },
    });
    expect((await creditorStatements(creditorUser)).every((s) => s.number === 1)).toBe(true);
    expect(await driftingBalances()).toEqual([]);
  });
});

describe('a payment reversed after its overpayment was refunded', () => {
  it('leaves the file no credit below nothing: what the refund paid out is owed back by the debtor, in the books and on the history', async () => {
    const file = await makeFile('Chèque Impayé SARL', 20_000);
    const paid = await recordPayment({
      actor: manager,
      fileId: file.id,
      amount: '1000,00',
      method: 'CHEQUE',
      receivedOn: today,
      expectedVersion: 0,
    });
    // What the claims did not take (principal, the €40 indemnity, interest) is the surplus.
    const surplus = paid.creditCents;
    expect(surplus).toBeGreaterThan(0);
    const refund = await proposeRefund({
      actor: manager,
      fileId: file.id,
      iban: ibanOf('FR', '20041010050500013M02606'),
    });
    const first = await approvePayout({ actor: manager, runId: refund.runId });
    // Above the agency's threshold (set by an earlier test) a second manager approves.
    if (first.status !== 'APPROVED') await approvePayout({ actor: admin, runId: refund.runId });
    expect(await creditHeldOn(file.id)).toBe(0n);

    // The cheque bounces once the surplus was paid back.
    const reversed = await reversePayment({ actor: manager, paymentId: paid.paymentId, reason: 'Chèque impayé' });
    expect(reversed.remainingCents).toBe(100_000 - surplus);
    const after = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: file.id } });
    expect(after.creditCents).toBe(0n);
    expect(after.collectedCents).toBe(0n);
    expect(await creditHeldOn(file.id)).toBe(0n);
    const [owed] = await owner.$queryRaw<{ cents: bigint }[]>`
      SELECT coalesce(sum(amount_cents), 0)::bigint AS cents FROM journal_line
       WHERE tenant_id = ${tenantId}::uuid AND file_id = ${file.id}::uuid AND account = 'REFUND_TO_RECOVER'`;
    expect(owed!.cents).toBe(BigInt(surplus));
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId, fileId: file.id, kind: 'payment.reversed' },
    });
    expect(line.details).toMatchObject({ amountCents: 100_000, refundToRecoverCents: surplus });
    expect(line.details).not.toHaveProperty('creditReducedCents');
    // Nothing is left to refund twice.
    await expect(
      proposeRefund({ actor: manager, fileId: file.id, iban: ibanOf('FR', '20041010050500013M02606') }),
    ).rejects.toMatchObject({ ref: { key: 'remittances.errors.noCredit' } });
    expect(await driftingBalances()).toEqual([]);
  });
});

describe('writing off commission', () => {
  it('gives up at most what the creditor owes, posted and kept on the file’s history with its reason', async () => {
    const [owing] = await owner.$queryRaw<{ creditor_id: string; balance: bigint }[]>`
      SELECT creditor_id::text, balance_cents AS balance FROM ledger_balance
       WHERE tenant_id = ${tenantId}::uuid AND account = 'COMMISSION_RECEIVABLE' AND balance_cents > 100
       ORDER BY balance_cents DESC LIMIT 1`;
    expect(owing).toBeDefined();
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, creditorId: owing!.creditor_id } });
    const tooMuch = ((Number(owing!.balance) + 100) / 100).toFixed(2).replace('.', ',');
    await expect(
      writeOffCommission({ actor: manager, fileId: file.id, amount: tooMuch, reason: 'Écart accepté' }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { amount: 'remittances.errors.writeOffAmount' } });
    await expect(
      writeOffCommission({ actor: creditorUser, fileId: file.id, amount: '1,00', reason: 'Écart accepté' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      writeOffCommission({ actor: managerB, fileId: file.id, amount: '1,00', reason: 'Écart accepté' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const done = await writeOffCommission({ actor: manager, fileId: file.id, amount: '1,00', reason: 'Écart accepté' });
    expect(done.amountCents).toBe(100);
    const after = await owner.ledgerBalance.findFirstOrThrow({
      where: { tenantId, account: 'COMMISSION_RECEIVABLE', creditorId: owing!.creditor_id },
    });
    expect(after.balanceCents).toBe(BigInt(owing!.balance) - 100n);
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId, fileId: file.id, kind: 'commission.written_off' },
    });
    expect(line.details).toMatchObject({ amountCents: 100, reason: 'Écart accepté' });
    expect(await driftingBalances()).toEqual([]);
  });
});

describe('bank credits nobody matched yet', () => {
  it('are posted to unmatched receipts when imported and moved out when assigned or sent back; a doubtful one holds its files', async () => {
    const target = await makeFile('Virement Mystère SARL', 30_000);
    const bystander = await makeFile('Sans Rapport SA', 30_000);
    const second = await makeFile('Deux Dossiers SAS', 30_000);
    const booked = addDays(today, -1);
    const path = join(await mkdtemp(join(tmpdir(), 'remit-it-')), 'releve.xml');
    await writeFile(
      path,
      camt053(
        8,
        FUNDS_IBAN,
        [
          {
            amount: '77.70',
            bankRef: `U-${target.reference}`,
            bookingDate: booked,
            name: 'INCONNU SAS',
            ustrd: ['Facture 1234'],
          },
          {
            amount: '12.34',
            bankRef: `R-${target.reference}`,
            bookingDate: booked,
            name: 'ERREUR SA',
            ustrd: ['Rien'],
          },
          {
            amount: '50.00',
            bankRef: `D-${target.reference}`,
            bookingDate: booked,
            name: 'PAYEUR',
            ustrd: [`${target.reference} ${second.reference}`],
          },
        ],
        `ST-${randomUUID().slice(0, 8)}`,
      ),
    );
    const unmatchedBefore = (await agencyBooks(manager)).unmatchedCents;
    const result = await importStatement({ actor: manager, path, fileName: 'releve.xml', source: 'CLI' });
    expect(result).toMatchObject({ credits: 3, unmatched: 2, doubtful: 1 });
    expect((await agencyBooks(manager)).unmatchedCents).toBe(unmatchedBefore + 77_70 + 12_34 + 50_00);
    const entry = (ref: string) => owner.bankEntry.findFirstOrThrow({ where: { tenantId, bankRef: ref } });
    const unknown = await entry(`U-${target.reference}`);
    expect(
      await owner.journalEntry.count({ where: { tenantId, bankEntryId: unknown.id, kind: 'UNMATCHED_RECEIPT' } }),
    ).toBe(1);

    // The doubtful credit names two files: neither is chased until an agent decides; a third file is.
    const facts = (fileId: string) => inTenant({ tenantId }, (tx) => loadStepFacts(tx, tenantId, fileId, new Date()));
    expect((await facts(target.id))!.bankCreditPending).toBe(true);
    expect((await facts(second.id))!.bankCreditPending).toBe(true);
    expect((await facts(bystander.id))!.bankCreditPending).toBe(false);

    const assigned = await assignCredit({
      actor: manager,
      entryId: unknown.id,
      fileReference: target.reference,
      amount: '77,70',
    });
    const paymentEntry = await owner.journalEntry.findFirstOrThrow({
      where: { tenantId, paymentId: assigned.paymentId, kind: 'PAYMENT' },
      include: { lines: true },
    });
    expect(paymentEntry.lines.find((l) => l.account === 'UNMATCHED_RECEIPTS')?.amountCents).toBe(77_70n);
    expect(paymentEntry.lines.some((l) => l.account === 'CREDITOR_FUNDS_BANK')).toBe(false);

    await returnCredit({ actor: manager, entryId: (await entry(`R-${target.reference}`)).id });
    const doubtful = await entry(`D-${target.reference}`);
    await assignCredit({ actor: manager, entryId: doubtful.id, fileReference: target.reference, amount: '50,00' });
    expect((await agencyBooks(manager)).unmatchedCents).toBe(unmatchedBefore);
    expect((await facts(target.id))!.bankCreditPending).toBe(false);
    expect(await driftingBalances()).toEqual([]);
  });

  it('a reversed payment gives its part of the credit back: the credit waits again, as the books say; a bank return takes it out', async () => {
    const wrong = await makeFile('Mauvais Dossier SARL', 30_000);
    const right = await makeFile('Bon Dossier SAS', 30_000);
    const sure = await makeFile('Payeur Sûr SA', 30_000);
    const booked = addDays(today, -1);
    const e2e = `E2E-${sure.reference}`;
    const before = await agencyBooks(manager);
    expect(
      await importEntries([
        {
          amount: '88.80',
          bankRef: `W-${wrong.reference}`,
          bookingDate: booked,
          name: 'QUELQU UN',
          ustrd: ['Virement'],
        },
        {
          amount: '66.60',
          bankRef: `S-${sure.reference}`,
          bookingDate: booked,
          name: 'PAYEUR SUR SA',
          rf: rfReference(sure.reference),
          endToEndId: e2e,
        },
      ]),
    ).toMatchObject({ credits: 2, matched: 1, unmatched: 1 });
    const unknown = await bankEntry(`W-${wrong.reference}`);
    const matched = await bankEntry(`S-${sure.reference}`);
    expect(matched.status).toBe('MATCHED');
    const assigned = await assignCredit({
      actor: manager,
      entryId: unknown.id,
      fileReference: wrong.reference,
      amount: '88,80',
    });
    expect((await bankEntry(unknown.bankRef)).status).toBe('MATCHED');

    // Both were the wrong file's: reversed by hand, each credit waits for an agent again, its money back on the
    // unmatched receipts and still in the bank (a reversal by hand is not the bank taking it back).
    await reversePayment({ actor: manager, paymentId: assigned.paymentId, reason: 'Mauvais dossier' });
    const surePayment = await owner.bankEntryPayment.findFirstOrThrow({ where: { tenantId, entryId: matched.id } });
    await reversePayment({ actor: manager, paymentId: surePayment.paymentId, reason: 'Pas ce dossier' });
    expect((await bankEntry(unknown.bankRef)).status).toBe('UNMATCHED');
    expect((await bankEntry(matched.bankRef)).status).toBe('UNMATCHED');
    const open = (await reconciliationView(manager)).open;
    expect(open.find((o) => o.id === unknown.id)).toMatchObject({ amountCents: 88_80, assignedCents: 0 });
    expect(open.find((o) => o.id === matched.id)).toMatchObject({ amountCents: 66_60, assignedCents: 0 });
    let books = await agencyBooks(manager);
    expect(books.unmatchedCents).toBe(before.unmatchedCents + 88_80 + 66_60);
    expect(books.bankCents).toBe(before.bankCents + 88_80 + 66_60);
    expect(await driftingBalances()).toEqual([]);

    // Assigned again, to the right file: each part is taken from the unmatched receipts, not counted in twice.
    const again = await assignCredit({
      actor: manager,
      entryId: unknown.id,
      fileReference: right.reference,
      amount: '88,80',
    });
    await assignCredit({ actor: manager, entryId: matched.id, fileReference: right.reference, amount: '66,60' });
    const paid = await owner.journalEntry.findFirstOrThrow({
      where: { tenantId, paymentId: again.paymentId, kind: 'PAYMENT' },
      include: { lines: true },
    });
    expect(paid.lines.find((l) => l.account === 'UNMATCHED_RECEIPTS')?.amountCents).toBe(88_80n);
    expect((await bankEntry(unknown.bankRef)).status).toBe('MATCHED');
    expect((await bankEntry(matched.bankRef)).status).toBe('MATCHED');
    books = await agencyBooks(manager);
    expect(books.unmatchedCents).toBe(before.unmatchedCents);
    expect(books.bankCents).toBe(before.bankCents + 88_80 + 66_60);

    // The bank takes the second credit back: the payment it became now is reversed, the money leaves the account,
    // and the credit is nobody's to assign any more.
    expect(
      await importEntries([
        {
          amount: '66.60',
          direction: 'DBIT',
          bankRef: `S2-${sure.reference}`,
          bookingDate: today,
          endToEndId: e2e,
          returnReason: 'AC04',
          name: 'PAYEUR SUR SA',
        },
      ]),
    ).toMatchObject({ entries: 1, credits: 0 });
    expect((await bankEntry(`S2-${sure.reference}`)).status).toBe('REVERSED');
    expect((await bankEntry(matched.bankRef)).status).toBe('REVERSED');
    const rightPayments = await owner.payment.findMany({ where: { tenantId, fileId: right.id } });
    expect(rightPayments.map((p) => p.amountCents).sort()).toEqual([-66_60n, 66_60n, 88_80n]);
    books = await agencyBooks(manager);
    expect(books.unmatchedCents).toBe(before.unmatchedCents);
    expect(books.bankCents).toBe(before.bankCents + 88_80);
    expect((await reconciliationView(manager)).open.some((o) => o.id === matched.id)).toBe(false);
    expect(await driftingBalances()).toEqual([]);
  });
});
