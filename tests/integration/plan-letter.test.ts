import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '../../lib/dates/days';
import { seedAgency } from '../../lib/demo/seed-agency';
import { timelineRenderer } from '../../lib/history/render';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { checkPlans } from '../../lib/payments/check-plans';
import { createPlan } from '../../lib/payments/create-plan';
import { decidePlan } from '../../lib/payments/decide-plan';
import { createPrintRun, runPrintRun } from '../../lib/print-runs/create-print-run';
import { readStored } from '../../lib/storage/documents';
import type { Actor } from '../../lib/tenancy/actor';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, TEST_IBAN } from './support/scenario-fixtures';

// A plan in force is confirmed to the debtor in writing (issue 17), whoever put it in force: the agent within the
// mandate, or the creditor approving one beyond it. E-mail goes through the local capture SMTP server.

const owner = ownerDb();
const today = dayIn('Europe/Paris');
let tenantId: string;
let agent: Actor;
let manager: Actor;
let creditorUser: Actor;
let capture: CaptureServer;
let mail: MailSender;

const planTerms = (instalmentCount: number) => ({
  instalmentCount,
  firstDueOn: addDays(today, 10),
  frequency: 'MONTHLY',
  expectedVersion: 0,
});
const lettersOf = (fileId: string) => owner.document.findMany({ where: { tenantId, fileId, kind: 'PLAN_LETTER' } });
const lineOf = (fileId: string) =>
  owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'plan.letter_issued' } });
const pdfText = async (storageKey: string) =>
  execFileSync('pdftotext', ['-raw', '-', '-'], { input: await readStored(storageKey) }).toString('utf8');

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    seed: 17,
    files: 1,
    password: 'x-password-1',
    slug: uniqueSlug('plan-letter'),
    name: 'Agence Échéanciers',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  [agent, manager] = await Promise.all([actorFor(owner, tenantId, 'AGENT'), actorFor(owner, tenantId, 'MANAGER')]);
  // A user of the creditor whose files makeDebtorFile places (the first by code), to approve plans beyond the mandate.
  const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId }, orderBy: { code: 'asc' } });
  const identity = await owner.identity.create({
    data: { email: `creancier-${randomUUID().slice(0, 8)}@example.test`, passwordHash: 'x', name: 'Compta Créancier' },
  });
  const membership = await owner.membership.create({
    data: { tenantId, identityId: identity.id, role: 'CREDITOR', creditorId: creditor.id },
  });
  creditorUser = await resolveActor({ tenantId, membershipId: membership.id, identityId: identity.id });
  await owner.mandate.updateMany({ where: { tenantId, creditorId: creditor.id }, data: { planMaxMonths: 12 } });
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Échéanciers <plans@agence.test>');
});

afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

describe('the letter of a plan in force', () => {
  it('is e-mailed with its PDF attached when the agent agrees a plan within the mandate', async () => {
    const address = `payeur-${randomUUID().slice(0, 6)}@example.com`;
    const fileId = await makeDebtorFile(owner, tenantId, {
      kind: 'PERSON',
      principalCents: 90_000,
      email: { address },
    });
    const plan = await createPlan({ actor: agent, fileId, ...planTerms(3) });
    expect(plan.planStatus).toBe('ACTIVE');
    expect(plan.messageIds).toHaveLength(1);

    const [letter, ...more] = await lettersOf(fileId);
    expect(more).toHaveLength(0);
    const { reference } = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
    expect(letter).toMatchObject({ reference: `ECH-${reference}-1`, letterData: null, locale: 'fr' });
    // E-mailed today, so the debtor's page lists it at once.
    expect(letter!.sentOn?.toISOString().slice(0, 10)).toBe(today);
    const text = await pdfText(letter!.storageKey);
    expect(text).toContain(`ECH-${reference}-1`);
    expect(text.match(/\d+,\d{2} €/g)?.length).toBeGreaterThanOrEqual(3);
    // The copy sent carries the debtor's private page, like a letter of the scenario.
    expect(text).toMatch(/\/d\/[A-Za-z0-9_-]{24}/);

    const message = await owner.outboundMessage.findFirstOrThrow({ where: { tenantId, id: plan.messageIds[0]! } });
    expect(message).toMatchObject({
      recipient: address,
      documentId: letter!.id,
      executionKey: `plan-letter:${plan.planId}`,
    });
    expect(await deliverMessage({ tenantId, messageId: message.id, mail })).toBe('SENT');
    const [captured] = await owner.capturedMail.findMany({ where: { tenantId, recipients: address } });
    expect(captured!.subject).toBe(`Votre échéancier ECH-${reference}-1 — dossier ${reference}`);
    expect(captured!.attachments).toBe(`ECH-${reference}-1.pdf`);
    expect(captured!.textBody).toContain('en 3 échéances, la première le');

    const line = await lineOf(fileId);
    expect(line.details).toMatchObject({ reference: `ECH-${reference}-1`, channel: 'EMAIL', recipient: address });
    const fr = timelineRenderer('fr', 'Europe/Paris');
    expect(fr(line)).toBe(`Lettre d’échéancier ECH-${reference}-1 envoyée par e-mail à ${address}`);
  });

  it('is worded in English for an English-speaking debtor', async () => {
    const address = `payer-${randomUUID().slice(0, 6)}@example.com`;
    const fileId = await makeDebtorFile(owner, tenantId, {
      kind: 'PERSON',
      principalCents: 60_000,
      locale: 'en',
      email: { address },
    });
    const plan = await createPlan({ actor: agent, fileId, ...planTerms(2) });
    expect(await deliverMessage({ tenantId, messageId: plan.messageIds[0]!, mail })).toBe('SENT');
    const [captured] = await owner.capturedMail.findMany({ where: { tenantId, recipients: address } });
    expect(captured!.subject).toMatch(/^Your payment plan ECH-/);
    expect(captured!.textBody).toContain('in 2 instalments, the first on');
    expect(captured!.textBody).not.toMatch(/Bonjour|échéance|dossier/);
  });

  it('is posted with the next print run when the debtor has no e-mail address', async () => {
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', principalCents: 75_000, email: null });
    const plan = await createPlan({ actor: agent, fileId, ...planTerms(3) });
    expect(plan.messageIds).toEqual([]);
    const [letter] = await lettersOf(fileId);
    expect(letter!.sentOn).toBeNull();
    expect((letter!.letterData as { kind: string }).kind).toBe('plan-letter');
    expect((await lineOf(fileId)).details).toMatchObject({ channel: 'POST', recipient: '12 rue des Lilas 69003 Lyon' });

    const run = await createPrintRun({ actor: manager, enqueueJob: false });
    const printed = await runPrintRun({ tenantId, printRunId: run.printRunId });
    if ('skipped' in printed) throw new Error('print run skipped');
    expect(
      (await owner.document.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: letter!.id } } })).printRunId,
    ).toBe(run.printRunId);
    expect(await pdfText(printed.pdfKey)).toContain(letter!.reference);
  });

  it('is recorded as not sent when the debtor has neither e-mail nor usable address', async () => {
    const fileId = await makeDebtorFile(owner, tenantId, {
      kind: 'PERSON',
      principalCents: 50_000,
      email: null,
      address: false,
    });
    const plan = await createPlan({ actor: agent, fileId, ...planTerms(2) });
    expect(plan.messageIds).toEqual([]);
    const [letter] = await lettersOf(fileId);
    expect(letter).toMatchObject({ letterData: null, sentOn: null });
    expect((await lineOf(fileId)).details).toMatchObject({ channel: 'NONE' });
  });

  it('waits for the creditor beyond the mandate, and is issued when it approves, not before', async () => {
    const address = `attente-${randomUUID().slice(0, 6)}@example.com`;
    const fileId = await makeDebtorFile(owner, tenantId, {
      kind: 'PERSON',
      principalCents: 300_000,
      email: { address },
    });
    const plan = await createPlan({ actor: agent, fileId, ...planTerms(24) });
    expect(plan.planStatus).toBe('AWAITING_APPROVAL');
    expect(await lettersOf(fileId)).toHaveLength(0);

    const decided = await decidePlan({ actor: creditorUser, planId: plan.planId, decision: 'ACCEPT' });
    expect(decided.planStatus).toBe('ACTIVE');
    const [letter] = await lettersOf(fileId);
    expect(letter!.reference).toMatch(/^ECH-/);
    const message = await owner.outboundMessage.findFirstOrThrow({
      where: { tenantId, fileId, executionKey: `plan-letter:${plan.planId}` },
    });
    expect(message).toMatchObject({ recipient: address, documentId: letter!.id });
    // The letter went where the agency sends it, though the creditor's user cannot see that address.
    expect(await lineOf(fileId)).toMatchObject({ actorId: null });
    // The creditor's own decision does not draw a second letter when repeated.
    await expect(decidePlan({ actor: creditorUser, planId: plan.planId, decision: 'ACCEPT' })).rejects.toThrow();
    expect(await lettersOf(fileId)).toHaveLength(1);
  });

  it('lost between the approval and its letter, is issued by the daily plan check, once', async () => {
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', principalCents: 200_000, email: null });
    const plan = await createPlan({ actor: agent, fileId, ...planTerms(24) });
    // The approval committed, and the process stopped before the letter's transaction.
    await owner.paymentPlan.update({
      where: { tenantId_id: { tenantId, id: plan.planId } },
      data: { status: 'ACTIVE', decidedAt: new Date(), decidedBy: creditorUser.membershipId },
    });
    expect(await lettersOf(fileId)).toHaveLength(0);
    const report = await checkPlans({ tenantId });
    expect(report.lettersIssued).toBe(1);
    expect((await lettersOf(fileId))[0]!.letterData).not.toBeNull();
    expect((await checkPlans({ tenantId })).lettersIssued).toBe(0);
  });
});
