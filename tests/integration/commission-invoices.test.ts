import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from '@cantoo/pdf-lib';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBalance } from '../../lib/accounting/ledger-chart';
import { seedCollections } from '../../lib/demo/collections';
import { seedAgency } from '../../lib/demo/seed-agency';
import { renderFacturX } from '../../lib/invoices/factur-x';
import { recordPayment } from '../../lib/payments/record-payment';
import { reversePayment } from '../../lib/payments/reverse-payment';
import { approvePayout } from '../../lib/remittances/approve-payout';
import { cancelPayout } from '../../lib/remittances/cancel-payout';
import { proposeRemittance } from '../../lib/remittances/propose-remittance';
import { updatePayoutSettings } from '../../lib/remittances/update-payout-settings';
import { creditorStatements, financeOverview } from '../../lib/remittances/queries';
import { recordInvoicePayment } from '../../lib/invoices/record-invoice-payment';
import { invoiceDirectCommission } from '../../lib/invoices/invoice-direct-commission';
import { directInvoices, invoiceDocument } from '../../lib/invoices/queries';
import type { Actor } from '../../lib/tenancy/actor';
import { dayIn } from '../../lib/dates/days';
import { actorFor } from './support/actors';
import { checkCiiSchema, checkEn16931Rules } from './support/en16931';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';
import { fileWithClaims, newDebtor } from './support/file-with-claims';

// The commission a remittance takes (net) or leaves receivable (gross) is invoiced in the approval's transaction,
// numbered by the database in one unbroken sequence per agency; what a reversal took back is credited by a credit
// note naming the invoice. Real PostgreSQL, the real Factur-X library, the PDF looked at with pdftoppm.

const owner = ownerDb();
const today = dayIn('Europe/Paris');
let tenantId: string;
let manager: Actor;
let admin: Actor;
let agent: Actor;
let creditorUser: Actor;
let managerB: Actor;
let web: pg.Client;

const invoicesOf = (runId: string) =>
  owner.commissionInvoice.findMany({ where: { tenantId, runId }, orderBy: { number: 'asc' } });
async function receivable(creditorId: string): Promise<bigint> {
  const row = await owner.ledgerBalance.findFirst({
    where: { tenantId, account: 'COMMISSION_RECEIVABLE', creditorId },
  });
  return readBalance('COMMISSION_RECEIVABLE', row?.balanceCents ?? 0n);
}
async function approved(): Promise<string> {
  const run = await proposeRemittance({ actor: manager });
  expect(await approvePayout({ actor: manager, runId: run.runId })).toMatchObject({ status: 'APPROVED' });
  return run.runId;
}

/** The files a PDF carries (name → text): every file specification with its embedded stream, read with pdf-lib. */
async function embeddedFiles(pdf: Uint8Array): Promise<Map<string, string>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const files = new Map<string, string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Filespec')) continue;
    const name = object.lookup(PDFName.of('UF')) ?? object.lookup(PDFName.of('F'));
    const stream = object.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F')) as PDFRawStream;
    files.set(
      (name as PDFString | PDFHexString).decodeText(),
      new TextDecoder().decode(decodePDFRawStream(stream).decode()),
    );
  }
  return files;
}

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('invoice'),
    name: 'Facture',
    seed: 71,
    files: 24,
    password: 'x-password-1',
  }));
  await seedCollections(owner, tenantId, { seed: 72 });
  const { tenantId: tenantB } = await seedAgency(owner, {
    slug: uniqueSlug('invoice-b'),
    name: 'Facture B',
    seed: 73,
    files: 2,
    password: 'x-password-1',
  });
  [manager, admin, agent, creditorUser, managerB] = await Promise.all([
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'ADMIN'),
    actorFor(owner, tenantId, 'AGENT'),
    actorFor(owner, tenantId, 'CREDITOR'),
    actorFor(owner, tenantB, 'MANAGER'),
  ]);
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsBic: 'BNPAFRPPXXX' } });
  web = await appRoleClient();
});
afterAll(async () => {
  await web.end();
  await owner.$disconnect();
});

describe('what the agency’s invoices name it by', () => {
  it('is an admin’s to set, checked: a VAT number whose key matches its SIREN, a payment term the law allows', async () => {
    const save = (input: Record<string, unknown>, actor = admin) => updatePayoutSettings({ actor, ...input });
    await expect(save({ vatNumber: 'FR00404833048' })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { vatNumber: 'remittances.errors.vatNumber' },
    });
    await expect(save({ invoicePaymentDays: '90' })).rejects.toMatchObject({
      fields: { invoicePaymentDays: 'remittances.errors.paymentDays' },
    });
    await expect(save({ legalForm: 'x'.repeat(41) })).rejects.toMatchObject({
      fields: { legalForm: 'remittances.errors.legalForm' },
    });
    await expect(save({ vatNumber: 'FR83404833048' }, manager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const before = await owner.agency.findUniqueOrThrow({ where: { id: tenantId } });
    // As people type it; the fields left empty keep what the agency had.
    await save({ vatNumber: 'fr 83 404.833.048', shareCapital: '10 000,00', invoicePaymentDays: '45' });
    expect(await owner.agency.findUniqueOrThrow({ where: { id: tenantId } })).toMatchObject({
      vatNumber: 'FR83404833048',
      shareCapitalCents: 1_000_000n,
      invoicePaymentDays: 45,
      legalForm: before.legalForm,
      rcs: before.rcs,
    });
    await save({ vatNumber: before.vatNumber, shareCapital: '50000', invoicePaymentDays: '30' });
    expect(await owner.agency.findUniqueOrThrow({ where: { id: tenantId } })).toMatchObject({
      vatNumber: before.vatNumber,
      invoicePaymentDays: 30,
    });
  });
});

describe('commission invoices issued with a remittance', () => {
  let firstRun: string;

  it('refuses to approve while the agency cannot name itself on an invoice, writing nothing', async () => {
    const agency = await owner.agency.findUniqueOrThrow({ where: { id: tenantId } });
    await owner.agency.update({ where: { id: tenantId }, data: { vatNumber: null } });
    const run = await proposeRemittance({ actor: manager });
    await expect(approvePayout({ actor: manager, runId: run.runId })).rejects.toMatchObject({
      code: 'CONFLICT',
      ref: { key: 'invoices.errors.sellerIdentity' },
    });
    expect(await owner.commissionInvoice.count({ where: { tenantId } })).toBe(0);
    expect(await owner.journalEntry.count({ where: { tenantId, remittanceId: run.runId } })).toBe(0);
    await cancelPayout({ actor: manager, runId: run.runId });
    await owner.agency.update({ where: { id: tenantId }, data: { vatNumber: agency.vatNumber } });
  });

  it('invoices each transfer’s commission: net settled from the funds, gross left receivable with its due date', async () => {
    const gross = await owner.mandate.findFirstOrThrow({ where: { tenantId, remittanceMode: 'GROSS' } });
    const receivableBefore = await receivable(gross.creditorId);
    firstRun = await approved();
    const transfers = await owner.payoutTransfer.findMany({ where: { tenantId, runId: firstRun } });
    const invoices = await invoicesOf(firstRun);
    const charged = transfers.filter((t) => t.commissionCents > 0n);
    expect(charged.length).toBeGreaterThanOrEqual(2);
    expect(invoices.every((i) => i.kind === 'INVOICE')).toBe(true);
    // One per transfer that charged commission, numbered 1, 2, … with no gap.
    expect(invoices.map((i) => i.number)).toEqual(charged.map((_, k) => k + 1));
    for (const t of charged) {
      const invoice = invoices.find((i) => i.transferId === t.id)!;
      expect(invoice).toMatchObject({
        creditorId: t.creditorId,
        mode: t.mode,
        netCents: t.commissionCents,
        vatCents: t.vatCents,
        totalCents: t.commissionCents + t.vatCents,
        settledCents: t.settledCents,
      });
      expect(invoice.issuedOn.toISOString().slice(0, 10)).toBe(today);
      expect(invoice.dueOn.getTime() - invoice.issuedOn.getTime()).toBe(30 * 86_400_000);
      if (t.mode === 'NET') {
        expect(invoice.settledCents).toBe(invoice.totalCents);
        const settlement = await owner.journalEntry.findFirstOrThrow({
          where: { tenantId, remittanceId: firstRun, kind: 'COMMISSION_SETTLEMENT', creditorId: t.creditorId },
        });
        expect(settlement.invoiceId).toBe(invoice.id);
      }
    }
    // Gross: the commission stays owed, on its invoice.
    const grossInvoice = invoices.find((i) => i.creditorId === gross.creditorId)!;
    expect(grossInvoice.settledCents).toBe(0n);
    expect(await receivable(gross.creditorId)).toBe(receivableBefore);
    expect(receivableBefore).toBeGreaterThanOrEqual(grossInvoice.totalCents);
  });

  it('the database alone numbers them: an insert’s own number is replaced, a rolled-back one leaves no gap', async () => {
    const [last] = await invoicesOf(firstRun).then((l) => l.slice(-1));
    const sample = await owner.commissionInvoice.findFirstOrThrow({ where: { tenantId, id: last!.id } });
    const insert = () =>
      web.query(
        `INSERT INTO commission_invoice (tenant_id, kind, number, issued_on, due_on, period_from, period_to, creditor_id,
                                         run_id, transfer_id, mode, net_cents, vat_cents, total_cents, seller, buyer, lines)
         SELECT tenant_id, 'CREDIT_NOTE', 999999, issued_on, due_on, period_from, period_to, creditor_id, run_id,
                transfer_id, mode, net_cents, vat_cents, total_cents, seller, buyer, lines
           FROM commission_invoice WHERE id = $1 RETURNING number`,
        [sample.id],
      );
    await web.query('BEGIN');
    await web.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', '', true)`, [
      tenantId,
    ]);
    expect((await insert()).rows[0]).toEqual({ number: last!.number + 1 });
    await web.query('ROLLBACK');
    // Issued is issued: the web role may not change, remove or renumber an invoice, nor move the counter.
    for (const sql of [
      `UPDATE commission_invoice SET total_cents = total_cents + 1 WHERE id = '${sample.id}'`,
      `DELETE FROM commission_invoice WHERE id = '${sample.id}'`,
      `UPDATE invoice_counter SET last_number = last_number + 5`,
    ]) {
      await web.query('BEGIN');
      await web.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      await expect(web.query(sql)).rejects.toThrow(/permission denied/);
      await web.query('ROLLBACK');
    }
    // Nor the owner: the trigger refuses.
    await expect(
      owner.$executeRaw`UPDATE commission_invoice SET net_cents = net_cents WHERE id = ${sample.id}::uuid`,
    ).rejects.toThrow(/append-only/);
    const counter = await owner.invoiceCounter.findUniqueOrThrow({ where: { tenantId } });
    expect(counter.lastNumber).toBe(last!.number);
  });

  it('credits the commission of a reversed payment with a credit note naming the invoice that billed it', async () => {
    const invoices = await invoicesOf(firstRun);
    const own = invoices.find((i) => i.creditorId === creditorUser.creditorId)!;
    // The smallest payment it billed, so the creditor's next transfer still has money to pay.
    const line = (own.lines as { paymentId: string; baseCents: number; commissionCents: number; vatCents: number }[])
      .slice()
      .sort((a, b) => a.baseCents - b.baseCents)[0]!;
    await reversePayment({ actor: manager, paymentId: line.paymentId, reason: 'Chèque impayé' });
    // New money for the same creditor, so its next transfer has something to pay.
    const debtor = await newDebtor(owner, tenantId, { name: 'Nouveau Payeur SAS' });
    const file = await fileWithClaims(owner, {
      tenantId,
      creditorId: creditorUser.creditorId!,
      debtorId: debtor.id,
      nature: 'B2B',
      claims: [{ dueOn: '2025-06-01', principalCents: 5_000_000 }],
    });
    await recordPayment({
      actor: manager,
      fileId: file.id,
      amount: '20000,00',
      method: 'TRANSFER',
      receivedOn: today,
      expectedVersion: 0,
    });
    const run = await approved();
    const next = await invoicesOf(run);
    const mine = next.filter((i) => i.creditorId === creditorUser.creditorId);
    expect(mine.map((i) => i.kind).sort()).toEqual(['CREDIT_NOTE', 'INVOICE']);
    const note = mine.find((i) => i.kind === 'CREDIT_NOTE')!;
    expect(note).toMatchObject({
      correctsId: own.id,
      netCents: BigInt(line.commissionCents),
      vatCents: BigInt(line.vatCents),
      settledCents: 0n,
    });
    expect(note.lines).toMatchObject([{ reversesPaymentId: line.paymentId, correctsNumber: own.number }]);
    // The sequence goes on from the first run, still without a gap.
    const all = await owner.commissionInvoice.findMany({ where: { tenantId }, orderBy: { number: 'asc' } });
    expect(all.map((i) => i.number)).toEqual(all.map((_, k) => k + 1));
  });
});

describe('a gross invoice paid by the creditor', () => {
  it('records the payment into the agency’s account: the receivable is cleared, the invoice shows paid; never more than it asks for', async () => {
    const invoice = await owner.commissionInvoice.findFirstOrThrow({
      where: { tenantId, kind: 'INVOICE', mode: 'GROSS' },
      orderBy: { number: 'asc' },
    });
    const total = invoice.totalCents;
    expect(total).toBeGreaterThan(1n);
    const shown = async () =>
      (await financeOverview(manager)).runs
        .flatMap((r) => r.lines.flatMap((l) => l.invoices))
        .find((i) => i.id === invoice.id)!;
    expect((await shown()).leftCents).toBe(Number(total));
    const receivableBefore = await receivable(invoice.creditorId);
    const agencyBank = async () =>
      (await owner.ledgerBalance.findMany({ where: { tenantId, account: 'AGENCY_BANK' } })).reduce(
        (s, b) => s + b.balanceCents,
        0n,
      );
    const bankBefore = await agencyBank();
    const euros = (cents: bigint) => (Number(cents) / 100).toFixed(2).replace('.', ',');

    // Nobody but a manager of the agency; never more than asked; a credit note asks for nothing.
    await expect(
      recordInvoicePayment({ actor: creditorUser, invoiceId: invoice.id, amount: '1,00', receivedOn: today }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      recordInvoicePayment({ actor: managerB, invoiceId: invoice.id, amount: '1,00', receivedOn: today }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      recordInvoicePayment({ actor: manager, invoiceId: invoice.id, amount: euros(total + 1n), receivedOn: today }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { amount: 'invoices.errors.overpaid' } });
    await expect(
      recordInvoicePayment({ actor: manager, invoiceId: invoice.id, amount: 'dix', receivedOn: 'hier' }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      fields: { amount: 'invoices.errors.amount', receivedOn: 'invoices.errors.receivedOn' },
    });
    const note = await owner.commissionInvoice.findFirstOrThrow({ where: { tenantId, kind: 'CREDIT_NOTE' } });
    await expect(
      recordInvoicePayment({ actor: manager, invoiceId: note.id, amount: '1,00', receivedOn: today }),
    ).rejects.toMatchObject({ code: 'CONFLICT', ref: { key: 'invoices.errors.notPayable' } });
    expect(await owner.commissionInvoicePayment.count({ where: { tenantId } })).toBe(0);

    // Paid in two parts: one cent first, then the rest with the bank's reference.
    const first = await recordInvoicePayment({ actor: manager, invoiceId: invoice.id, amount: 1, receivedOn: today });
    expect(first).toMatchObject({ paid: false, leftCents: Number(total) - 1 });
    expect((await shown()).leftCents).toBe(Number(total) - 1);
    const rest = await recordInvoicePayment({
      actor: manager,
      invoiceId: invoice.id,
      amount: euros(total - 1n),
      receivedOn: today,
      reference: 'VIR CREANCIER 2026-12',
    });
    expect(rest).toMatchObject({ paid: true, leftCents: 0 });
    expect((await shown()).leftCents).toBe(0);
    const entries = await owner.journalEntry.findMany({
      where: { tenantId, invoiceId: invoice.id, kind: 'INVOICE_PAYMENT' },
      include: { lines: true },
    });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.creditorId === invoice.creditorId)).toBe(true);
    expect(await receivable(invoice.creditorId)).toBe(receivableBefore - total);
    expect((await agencyBank()) - bankBefore).toBe(total);
    await expect(
      recordInvoicePayment({ actor: manager, invoiceId: invoice.id, amount: '1,00', receivedOn: today }),
    ).rejects.toMatchObject({ code: 'CONFLICT', ref: { key: 'invoices.errors.notPayable' } });

    // The creditor's portal shows it paid, if it is the creditor's; the payment rows are append-only for the web role.
    if (invoice.creditorId === creditorUser.creditorId) {
      const listed = (await creditorStatements(creditorUser)).flatMap((st) => st.invoices);
      expect(listed.find((i) => i.id === invoice.id)?.leftCents).toBe(0);
    }
    await web.query('BEGIN');
    await web.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    await expect(web.query(`UPDATE commission_invoice_payment SET amount_cents = 1`)).rejects.toThrow();
    await web.query('ROLLBACK');
  });
});

describe('commission on money paid straight to the creditor', () => {
  it('is invoiced without a remittance, once, paid like any invoice; a reversed direct payment is credited', async () => {
    const creditorId = creditorUser.creditorId!;
    const debtor = await newDebtor(owner, tenantId, { name: 'Paie En Direct SARL' });
    const file = await fileWithClaims(owner, {
      tenantId,
      creditorId,
      debtorId: debtor.id,
      nature: 'B2B',
      claims: [{ dueOn: '2025-06-01', principalCents: 500_000 }],
    });
    // The creditor told the agency it was paid; the agency records it (the creditor writes no payment).
    const direct = await recordPayment({
      actor: manager,
      fileId: file.id,
      amount: '1000,00',
      method: 'DIRECT_TO_CREDITOR',
      receivedOn: today,
      expectedVersion: 0,
    });
    const commission = await owner.paymentCommission.findFirstOrThrow({
      where: { tenantId, paymentId: direct.paymentId },
    });
    expect(commission.commissionCents).toBeGreaterThan(0n);
    const owed = commission.commissionCents + commission.vatCents;
    const pending = (await directInvoices(manager)).uninvoiced.find((u) => u.creditorId === creditorId);
    // The demo may hold other direct payments of this creditor not invoiced yet: they go on the same invoice.
    expect(pending!.commissionCents).toBeGreaterThanOrEqual(Number(owed));

    await expect(invoiceDirectCommission({ actor: creditorUser, creditorId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(invoiceDirectCommission({ actor: managerB, creditorId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const issued = await invoiceDirectCommission({ actor: manager, creditorId });
    const invoice = await owner.commissionInvoice.findFirstOrThrow({ where: { tenantId, id: issued.invoiceId! } });
    expect(invoice).toMatchObject({
      kind: 'INVOICE',
      source: 'DIRECT',
      runId: null,
      transferId: null,
      mode: 'GROSS',
      settledCents: 0n,
      totalCents: BigInt(pending!.commissionCents),
    });
    expect((invoice.lines as { paymentId: string }[]).map((l) => l.paymentId)).toContain(direct.paymentId);
    // Numbered in the agency's one sequence, still without a gap.
    const all = await owner.commissionInvoice.findMany({ where: { tenantId }, orderBy: { number: 'asc' } });
    expect(all.map((i) => i.number)).toEqual(all.map((_, k) => k + 1));
    // Once: nothing is left to invoice.
    await expect(invoiceDirectCommission({ actor: manager, creditorId })).rejects.toMatchObject({
      code: 'CONFLICT',
      ref: { key: 'invoices.errors.nothingToInvoice' },
    });
    expect((await directInvoices(manager)).uninvoiced.find((u) => u.creditorId === creditorId)).toBeUndefined();

    // The creditor sees it on its portal, due; its Factur-X passes the official checks.
    const mine = await directInvoices(creditorUser);
    expect(mine.invoices.find((i) => i.id === invoice.id)?.leftCents).toBe(Number(invoice.totalCents));
    expect(mine.uninvoiced).toEqual([]);
    const { data } = await invoiceDocument({ actor: creditorUser, invoiceId: invoice.id });
    expect(data.runNumber).toBeNull();
    const xml = (await embeddedFiles(await renderFacturX(data))).get('factur-x.xml')!;
    expect(await checkCiiSchema(xml)).toEqual({ valid: true, errors: [] });
    expect(await checkEn16931Rules(xml)).toEqual([]);

    // Paid by the creditor like a gross remittance's invoice.
    await recordInvoicePayment({
      actor: manager,
      invoiceId: invoice.id,
      amount: Number(invoice.totalCents),
      receivedOn: today,
    });
    expect((await directInvoices(creditorUser)).invoices.find((i) => i.id === invoice.id)?.leftCents).toBe(0);

    // The direct payment was a mistake: reversed, its commission is credited by a credit note naming the invoice.
    await reversePayment({ actor: manager, paymentId: direct.paymentId, reason: 'Paiement non reçu' });
    const credited = await invoiceDirectCommission({ actor: manager, creditorId });
    expect(credited.invoiceId).toBeNull();
    const note = await owner.commissionInvoice.findFirstOrThrow({ where: { tenantId, id: credited.creditNoteId! } });
    expect(note).toMatchObject({ kind: 'CREDIT_NOTE', source: 'DIRECT', correctsId: invoice.id, totalCents: owed });
  }, 240_000);
});

describe('an invoice as its reader gets it', () => {
  it('is the creditor’s own to see: another creditor’s, another agency’s, or an agent gets nothing', async () => {
    const invoices = await owner.commissionInvoice.findMany({ where: { tenantId }, orderBy: { number: 'asc' } });
    const own = invoices.find((i) => i.creditorId === creditorUser.creditorId)!;
    const other = invoices.find((i) => i.creditorId !== creditorUser.creditorId)!;
    expect((await invoiceDocument({ actor: creditorUser, invoiceId: own.id })).data.number).toBe(own.number);
    await expect(invoiceDocument({ actor: creditorUser, invoiceId: other.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(invoiceDocument({ actor: managerB, invoiceId: own.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(invoiceDocument({ actor: agent, invoiceId: own.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(invoiceDocument({ actor: manager, invoiceId: 'facture-1' })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { invoiceId: 'invoices.errors.invoiceId' },
    });
    // The portal lists the creditor's statements with their invoices, and nobody else's.
    const statements = await creditorStatements(creditorUser);
    const listed = statements.flatMap((s) => s.invoices.map((i) => i.id));
    expect(listed).toContain(own.id);
    expect(listed).not.toContain(other.id);
    expect(await owner.auditLog.count({ where: { tenantId, action: 'invoice.downloaded' } })).toBeGreaterThan(0);
  });

  it('is a Factur-X: a PDF/A-3 with its fonts embedded carrying the EN 16931 CII XML, every mention printed', async () => {
    const invoices = await owner.commissionInvoice.findMany({ where: { tenantId }, orderBy: { number: 'asc' } });
    // Written beside the test run; the copies kept as evidence are in docs/evidence/money.
    const evidence = await mkdtemp(join(tmpdir(), 'invoice-it-'));
    for (const kind of ['INVOICE', 'CREDIT_NOTE'] as const) {
      const row = invoices.find((i) => i.kind === kind && (kind === 'CREDIT_NOTE' || i.mode === 'GROSS'))!;
      const { data } = await invoiceDocument({ actor: manager, invoiceId: row.id });
      const pdf = await renderFacturX(data);
      const raw = Buffer.from(pdf).toString('latin1');
      expect(raw.startsWith('%PDF-')).toBe(true);
      const files = await embeddedFiles(pdf);
      const xml = files.get('factur-x.xml')!;
      expect(xml).toContain('urn:cen.eu:en16931:2017');
      expect(xml).toContain(`<ram:TypeCode>${kind === 'INVOICE' ? '380' : '381'}</ram:TypeCode>`);
      expect(xml).toContain(`<ram:ID>${String(row.number).padStart(6, '0')}</ram:ID>`);
      expect(xml).toContain(
        `<ram:GrandTotalAmount>${(Number(row.totalCents) / 100).toFixed(2)}</ram:GrandTotalAmount>`,
      );
      expect(xml).toContain(`schemeID="0002">${data.seller.siren}<`);
      expect(xml).toContain(data.seller.vatNumber);
      if (kind === 'CREDIT_NOTE') {
        const corrected = invoices.find((i) => i.id === row.correctsId)!;
        expect(xml).toContain(`Avoir sur la facture n° ${String(corrected.number).padStart(6, '0')}`);
        // BG-3: the preceding invoice, where a machine reads it (BT-25).
        const preceding = /<ram:InvoiceReferencedDocument>([\s\S]*?)<\/ram:InvoiceReferencedDocument>/.exec(xml);
        expect(preceding?.[1]).toContain(
          `<ram:IssuerAssignedID>${String(corrected.number).padStart(6, '0')}</ram:IssuerAssignedID>`,
        );
      } else {
        expect(xml).not.toContain('InvoiceReferencedDocument');
      }
      // The official checks, offline: the UN/CEFACT CII D16B schema, and every EN 16931 business and CII syntax
      // rule of the European Commission's Schematron (fatal and warnings alike: none may fail).
      expect(await checkCiiSchema(xml)).toEqual({ valid: true, errors: [] });
      expect(await checkEn16931Rules(xml)).toEqual([]);
      // PDF/A-3: its metadata says so, and every font is embedded.
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      const metadata = doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
      const xmp = new TextDecoder().decode(decodePDFRawStream(metadata).decode());
      expect(xmp).toMatch(/pdfaid:part[^0-9]*3/);
      expect(xmp).toContain('EN 16931');
      const descriptors = doc.context
        .enumerateIndirectObjects()
        .map(([, o]) => o)
        .filter(
          (o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'),
        );
      expect(descriptors.length).toBeGreaterThan(0);
      expect(descriptors.every((d) => d.get(PDFName.of('FontFile2')) !== undefined)).toBe(true);
      // What a person reads, looked at as images (pdftoppm) and as text.
      const name = `${evidence}/${kind === 'INVOICE' ? 'invoice-gross' : 'credit-note'}`;
      await writeFile(`${name}.pdf`, pdf);
      await promisify(execFile)('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', `${name}.pdf`, name]);
      const { stdout } = await promisify(execFile)('pdftotext', ['-layout', `${name}.pdf`, '-']);
      const text = stdout.replace(/\s+/g, ' ');
      expect(text).toContain(kind === 'INVOICE' ? `Facture n° ${String(row.number).padStart(6, '0')}` : 'Avoir n°');
      expect(text).toContain(`SIREN ${data.seller.siren}`);
      expect(text).toContain(data.seller.vatNumber);
      expect(text).toContain('au capital de');
      if (kind === 'INVOICE') {
        expect(text).toContain('Pas d’escompte pour paiement anticipé');
        expect(text).toContain('40 €');
        expect(text).toContain('L441-10');
        expect(text).toContain('Date d’échéance');
      } else {
        expect(text).toContain('Facture corrigée');
      }
    }
    // The first run on a machine compiles the Schematron's XSLT (most of a minute).
  }, 240_000);
});
