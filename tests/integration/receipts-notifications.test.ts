import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { sendCreditorDigests } from '../../lib/payments/creditor-digest';
import { listCreditorNotifications } from '../../lib/payments/creditor-notifications';
import { recordPayment } from '../../lib/payments/record-payment';
import { createPrintRun } from '../../lib/print-runs/create-print-run';
import { scopeOf, type Actor } from '../../lib/tenancy/actor';
import { inTenant } from '../../lib/db/tenant';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { TEST_IBAN, makeDebtorFile } from './support/scenario-fixtures';

// Issue 14: a receipt (CPCE R124-6) is issued with every payment, by the file's channel, and recorded; the creditor
// is told of every payment, even partial, except the instalments of a plan it knows (R124-5), in its portal and in a
// daily e-mail digest to its users. E-mail goes through the local capture SMTP server, as in production tests.

const owner = ownerDb();
let tenantId: string;
let agent: Actor;
let capture: CaptureServer;
let mail: MailSender;
const creditors: { id: string; actor: Actor; email: string }[] = [];

/** A creditor user (role CREDITOR) for a creditor, made as the admin page would, and its signed-in actor. */
async function creditorUser(creditorId: string, locale: 'fr' | 'en'): Promise<{ actor: Actor; email: string }> {
  const email = `creancier-${randomUUID().slice(0, 8)}@example.com`;
  const identity = await owner.identity.create({ data: { email, passwordHash: 'x', name: 'Compta', locale } });
  const membership = await owner.membership.create({
    data: { tenantId, identityId: identity.id, role: 'CREDITOR', creditorId },
  });
  return { actor: await resolveActor({ tenantId, membershipId: membership.id, identityId: identity.id }), email };
}

/** A file of the given creditor, placed in the past (payments are checked against the real clock). */
async function fileOf(creditorId: string, spec: Parameters<typeof makeDebtorFile>[2] = {}) {
  const fileId = await makeDebtorFile(owner, tenantId, {
    principalCents: 100_000,
    kind: 'PERSON',
    placedAt: new Date('2026-11-01T08:00:00Z'),
    ...spec,
  });
  let mandate = await owner.mandate.findFirst({ where: { tenantId, creditorId } });
  if (!mandate) {
    // The seed gives a mandate to its first creditor; the second gets a copy of it.
    const {
      id: _id,
      creditorId: _c,
      reference,
      createdAt: _t,
      updatedAt: _u,
      ...terms
    } = await owner.mandate.findFirstOrThrow({ where: { tenantId } });
    mandate = await owner.mandate.create({
      data: { ...terms, tenantId, creditorId, reference: `${reference}-${creditorId.slice(0, 4)}` } as never,
    });
  }
  // The claim's key includes the file's creditor: taken off, the file moved, the claim put back.
  const { id: _claimId, ...claim } = await owner.claim.findFirstOrThrow({ where: { tenantId, fileId } });
  await owner.claim.deleteMany({ where: { tenantId, fileId } });
  await owner.caseFile.update({
    where: { tenantId_id: { tenantId, id: fileId } },
    data: { creditorId, mandateId: mandate.id, status: 'IN_PROGRESS', phase: 'AMICABLE' },
  });
  await owner.claim.create({ data: { ...claim, creditorId } as never });
  return fileId;
}

async function pay(fileId: string, amount: number) {
  const { version } = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
  return recordPayment({
    actor: agent,
    fileId,
    expectedVersion: version,
    amount,
    method: 'TRANSFER',
    receivedOn: '2026-11-20',
  });
}

beforeAll(async () => {
  const a = await seedAgency(owner, {
    slug: uniqueSlug('rcpt'),
    name: 'Agence Quittances',
    seed: 81,
    files: 1,
    password: 'x',
  });
  tenantId = a.tenantId;
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  agent = await actorFor(owner, tenantId, 'AGENT');
  const rows = await owner.creditor.findMany({ where: { tenantId }, orderBy: { code: 'asc' }, take: 2 });
  expect(rows).toHaveLength(2);
  // Only the users made here: the seed's own creditor users would get the digest too.
  await owner.membership.updateMany({ where: { tenantId, role: 'CREDITOR' }, data: { active: false } });
  for (const [i, c] of rows.entries()) {
    creditors.push({ id: c.id, ...(await creditorUser(c.id, i === 0 ? 'fr' : 'en')) });
  }
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Quittances <quittances@agence.test>');
});

afterAll(async () => {
  mail?.close();
  await capture?.close();
});

describe('the receipt is issued with the payment (R124-6)', () => {
  it('is e-mailed with its PDF attached, through the outbox, and recorded', async () => {
    const fileId = await fileOf(creditors[0]!.id, {
      email: { address: `payeur-${randomUUID().slice(0, 6)}@example.com` },
    });
    const paid = await pay(fileId, 30_000);
    expect(paid.messageId).not.toBeNull();
    const issue = await owner.receiptIssue.findFirstOrThrow({ where: { tenantId, paymentId: paid.paymentId } });
    const message = await owner.outboundMessage.findFirstOrThrow({ where: { tenantId, id: paid.messageId! } });
    expect(issue).toMatchObject({ channel: 'EMAIL', recipient: message.recipient, messageId: message.id, fileId });
    const document = await owner.document.findFirstOrThrow({ where: { tenantId, id: issue.documentId! } });
    expect(document).toMatchObject({ kind: 'RECEIPT', reference: paid.receiptNumber, letterData: null });
    expect(message.documentId).toBe(document.id);

    expect(await deliverMessage({ tenantId, messageId: message.id, mail })).toBe('SENT');
    const captured = await owner.capturedMail.findMany({ where: { tenantId, recipients: message.recipient } });
    expect(captured).toHaveLength(1);
    expect(captured[0]!.subject).toBe(
      `Quittance ${paid.receiptNumber} — dossier ${(await owner.caseFile.findFirstOrThrow({ where: { id: fileId } })).reference}`,
    );
    expect(captured[0]!.attachments).toBe(`${paid.receiptNumber}.pdf`);
    expect(captured[0]!.textBody).toContain('Nous avons bien reçu votre paiement de 300,00');
    expect(captured[0]!.textBody).toContain('du 20 novembre 2026 pour le dossier');
    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'receipt.issued' } });
    expect(line.details).toMatchObject({ receiptNumber: paid.receiptNumber, channel: 'EMAIL' });
    // The e-mail is not a step of the scenario: it does not count as the debtor's first letter.
    expect(await owner.document.count({ where: { tenantId, fileId, kind: { not: 'RECEIPT' } } })).toBe(0);
  });

  it('is e-mailed in English to an English-speaking debtor, and stored as sent', async () => {
    const fileId = await fileOf(creditors[0]!.id, {
      locale: 'en',
      email: { address: `payer-${randomUUID().slice(0, 6)}@example.com` },
    });
    const paid = await pay(fileId, 12_345);
    const message = await owner.outboundMessage.findFirstOrThrow({ where: { tenantId, id: paid.messageId! } });
    expect(await deliverMessage({ tenantId, messageId: message.id, mail })).toBe('SENT');
    const [captured] = await owner.capturedMail.findMany({ where: { tenantId, recipients: message.recipient } });
    const { reference } = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    expect(captured!.subject).toBe(`Receipt ${paid.receiptNumber} — file ${reference}`);
    expect(captured!.textBody).toContain(
      `We received your payment of €123.45 on 20 November 2026 for file ${reference}.`,
    );
    expect(captured!.textBody).toContain(`Your receipt ${paid.receiptNumber} is attached`);
    expect(captured!.textBody).not.toMatch(/Bonjour|Nous avons|ci-joint|dossier|imputé|reste dû/);
    // What went out is what the outbox keeps: the record of the message, in the language it was sent in.
    expect(message).toMatchObject({ locale: 'en', subject: captured!.subject });
    expect(captured!.textBody).toContain(message.body.split('\n')[2]!);
  });

  it('is posted with the next print run when the debtor has no e-mail address, and recorded as such', async () => {
    const fileId = await fileOf(creditors[0]!.id, { email: null });
    const paid = await pay(fileId, 20_000);
    expect(paid.messageId).toBeNull();
    const issue = await owner.receiptIssue.findFirstOrThrow({ where: { tenantId, paymentId: paid.paymentId } });
    expect(issue).toMatchObject({ channel: 'POST', recipient: '12 rue des Lilas 69003 Lyon', messageId: null });
    const run = await createPrintRun({ actor: await actorFor(owner, tenantId, 'MANAGER'), enqueueJob: false });
    const inRun = await owner.document.findFirstOrThrow({ where: { tenantId, id: issue.documentId! } });
    expect(inRun.printRunId).toBe(run.printRunId);
    expect((inRun.letterData as { kind: string }).kind).toBe('receipt');
  });

  it('is recorded as not sent when the debtor has neither e-mail nor usable address', async () => {
    const fileId = await fileOf(creditors[0]!.id, { email: null, address: false });
    const paid = await pay(fileId, 10_000);
    const issue = await owner.receiptIssue.findFirstOrThrow({ where: { tenantId, paymentId: paid.paymentId } });
    expect(issue).toMatchObject({ channel: 'NONE', recipient: null, messageId: null });
  });
});

describe('the creditor is told of every payment (R124-5)', () => {
  it('of a partial payment, but not of an instalment of a plan it already knows', async () => {
    const partial = await fileOf(creditors[1]!.id, { email: null });
    const paid = await pay(partial, 25_000);
    expect(paid.creditorNotified).toBe(true);
    const notice = await owner.creditorNotification.findFirstOrThrow({
      where: { tenantId, paymentId: paid.paymentId },
    });
    expect(notice).toMatchObject({
      creditorId: creditors[1]!.id,
      fileId: partial,
      amountCents: 25_000n,
      remainingCents: 75_000n,
    });

    const planned = await fileOf(creditors[1]!.id, { email: null });
    const plan = await owner.paymentPlan.create({
      data: {
        tenantId,
        fileId: planned,
        totalCents: 100_000n,
        frequency: 'MONTHLY',
        firstDueOn: new Date('2026-11-15T00:00:00Z'),
        graceDays: 10,
      },
    });
    await owner.planInstalment.createMany({
      data: [1, 2, 3, 4].map((seq) => ({
        tenantId,
        planId: plan.id,
        seq,
        dueOn: new Date(Date.UTC(2026, 9 + seq, 15)),
        amountCents: 25_000n,
      })),
    });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId, id: planned } },
      data: { status: 'PAYMENT_PLAN' },
    });
    const instalment = await pay(planned, 25_000);
    expect(instalment.creditorNotified).toBe(false);
    expect(await owner.creditorNotification.count({ where: { tenantId, paymentId: instalment.paymentId } })).toBe(0);
    // The debtor's receipt is owed all the same.
    expect(await owner.receiptIssue.count({ where: { tenantId, paymentId: instalment.paymentId } })).toBe(1);
  });

  it('in its portal, its own payments only', async () => {
    const [a, b] = creditors;
    const seenByA = await listCreditorNotifications(a!.actor);
    const seenByB = await listCreditorNotifications(b!.actor);
    const all = await owner.creditorNotification.findMany({ where: { tenantId } });
    expect(seenByA.map((n) => n.id).sort()).toEqual(
      all
        .filter((n) => n.creditorId === a!.id)
        .map((n) => n.id)
        .sort(),
    );
    expect(seenByB.map((n) => n.id).sort()).toEqual(
      all
        .filter((n) => n.creditorId === b!.id)
        .map((n) => n.id)
        .sort(),
    );
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByB.length).toBeGreaterThan(0);
    // Row security holds even without the explicit filter: B's user asking for A's rows by id gets none.
    const leaked = await inTenant(scopeOf(b!.actor), (tx) =>
      tx.creditorNotification.count({ where: { tenantId, creditorId: a!.id } }),
    );
    expect(leaked).toBe(0);
  });

  it('in one digest e-mail per creditor user, with that creditor’s payments only; a rerun sends nothing', async () => {
    const [a, b] = creditors;
    const names = new Map((await owner.creditor.findMany({ where: { tenantId } })).map((c) => [c.id, c.name] as const));
    const creditorName = (id: string) => names.get(id)!;
    const pending = await owner.creditorNotification.findMany({ where: { tenantId, digestedAt: null } });
    const report = await sendCreditorDigests({ tenantId, mail });
    expect(report).toMatchObject({ tenants: 1, creditors: 2, emails: 2, payments: pending.length });
    const toA = await owner.capturedMail.findMany({ where: { tenantId, recipients: a!.email } });
    const toB = await owner.capturedMail.findMany({ where: { tenantId, recipients: b!.email } });
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    const referencesOf = async (creditorId: string) =>
      (
        await owner.caseFile.findMany({
          where: { tenantId, id: { in: pending.filter((n) => n.creditorId === creditorId).map((n) => n.fileId) } },
        })
      ).map((f) => f.reference);
    const filesA = await referencesOf(a!.id);
    const filesB = await referencesOf(b!.id);
    for (const r of filesA) expect(toA[0]!.textBody).toContain(r);
    for (const r of filesB) expect(toA[0]!.textBody).not.toContain(r);
    for (const r of filesB) expect(toB[0]!.textBody).toContain(r);
    for (const r of filesA) expect(toB[0]!.textBody).not.toContain(r);
    // Each in its reader's language: A's user reads French, B's English, figures and days written their way.
    const countA = filesA.length;
    const countB = filesB.length;
    expect(toA[0]!.subject).toBe(
      `Agence Quittances — ${countA} paiement${countA > 1 ? 's' : ''} reçu${countA > 1 ? 's' : ''} pour ${creditorName(a!.id)}`,
    );
    expect(toB[0]!.subject).toBe(
      `Agence Quittances — ${countB} payment${countB > 1 ? 's' : ''} received for ${creditorName(b!.id)}`,
    );
    expect(toA[0]!.textBody).toMatch(/^Bonjour,\s+Paiements reçus sur vos dossiers depuis notre dernier récapitulatif/);
    expect(toA[0]!.textBody).toMatch(
      /- 20\/11\/2026 — dossier \S+ \(.+\) : [\d\s]+,\d\d\s€ reçus, (reste dû|dossier soldé)/,
    );
    expect(toB[0]!.textBody).toMatch(/^Hello,\s+Payments received on your files since our last summary/);
    expect(toB[0]!.textBody).toMatch(
      /- 20\/11\/2026 — file \S+ \(.+\): €[\d,]+\.\d\d received, (€[\d,]+\.\d\d still due|file settled)/,
    );
    expect(toB[0]!.textBody).not.toMatch(/Bonjour|reçus|dossier|reste dû|portail/);
    expect(await owner.creditorNotification.count({ where: { tenantId, digestedAt: null } })).toBe(0);
    expect(await sendCreditorDigests({ tenantId, mail })).toMatchObject({ emails: 0, payments: 0 });
    expect(await owner.capturedMail.count({ where: { tenantId, recipients: a!.email } })).toBe(1);
  });
});
