import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { runStep } from '../../lib/scenarios/run-step';
import { createPrintRun, runPrintRun } from '../../lib/print-runs/create-print-run';
import { readStored } from '../../lib/storage/documents';
import { fileAmounts } from '../../lib/payments/file-amounts';
import { openDebtorLink, resolveLink } from '../../lib/debtor-page/open-link';
import { debtorPage } from '../../lib/debtor-page/queries';
import { recordDebtorDispute } from '../../lib/debtor-page/record-debtor-dispute';
import { recordDebtorPromise } from '../../lib/debtor-page/record-debtor-promise';
import { requestCallback } from '../../lib/debtor-page/request-callback';
import { requestPersonalData } from '../../lib/debtor-page/request-personal-data';
import { timelineRenderer } from '../../lib/history/render';
import { proposeDebtorPlan } from '../../lib/debtor-page/propose-plan';
import { DEBTOR_PAGE_SOURCE, giveContact } from '../../lib/debtor-page/give-contact';
import { debtorDocument } from '../../lib/debtor-page/debtor-document';
import { disputeAttachment } from '../../lib/activity/dispute-attachment';
import { proofPdf } from '../fixtures/uploads/proofs';
import { hashLinkToken, linkToken } from '../../lib/debtor-links/token';
import { agentDebtorLink } from '../../lib/debtor-page/agent-link';
import { DEBTOR_THROTTLE } from '../../lib/debtor-page/throttle';
import type { DebtorSession } from '../../lib/debtor-page/rules';
import { toErrorBody } from '../../lib/errors/describe';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, makeScenario, TEST_IBAN } from './support/scenario-fixtures';

// A debtor's way in, from the letter the real engine drew and the real print run printed, to what they do on the
// page: the second factor, the figures, a dispute, a promise, a callback — and what a stranger gets instead.
const owner = ownerDb();
const T0 = new Date('2027-03-01T09:00:00Z'); // the letter is drawn
const NOW = new Date('2027-03-08T09:00:00Z'); // Monday 10:00 in Paris: the debtor opens the page

let tenantA: string;
let tenantB: string;
let manager: Actor;
let fileId: string;
let token: string;
let invoice: string;
let pdfText: string;
let session: DebtorSession;
let ipSeq = 0;
/** Each test answers from its own address, so the per-address throttle of one test does not leak into another. */
const nextIp = () => `198.51.100.${++ipSeq}`;

/** A file with one letter drawn by the engine and printed in a real print run; the token the letter shows. */
async function printedLink(tenantId: string, actor: Actor, spec: { principalCents?: number } = {}) {
  const versionId = await makeScenario(owner, tenantId, [
    { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'], deadlineDays: 8 },
    // A second step a month on keeps the scenario running, so the debtor's requests have something to pause.
    { delay: { days: 30, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
  ] as never);
  const id = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', principalCents: spec.principalCents ?? 84_000 });
  await assignScenario({ actor, input: { fileId: id, scenarioVersionId: versionId }, now: T0 });
  expect((await runStep({ tenantId, fileId: id, versionId, step: 0, run: 1 }, { now: T0 })).outcome).toBe('DONE');
  const run = await createPrintRun({ actor, enqueueJob: false });
  const printed = await runPrintRun({ tenantId, printRunId: run.printRunId });
  if ('skipped' in printed) throw new Error('print run skipped');
  const text = execFileSync('pdftotext', ['-raw', '-', '-'], { input: await readStored(printed.pdfKey) }).toString(
    'utf8',
  );
  const found = /\/d\/([A-Za-z0-9_-]{24})/.exec(text);
  if (!found) throw new Error('no debtor link printed on the letter');
  return { fileId: id, token: found[1]!, text, printRunId: run.printRunId };
}

async function open(answer: string, ip = nextIp(), with_ = token): Promise<DebtorSession> {
  const result = await openDebtorLink({ token: with_, answer, ip, now: NOW });
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.session;
}

const refusal = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('accepted');
    },
    (error: unknown) => toErrorBody(error).body.error,
  );

beforeAll(async () => {
  const a = await seedAgency(owner, {
    slug: uniqueSlug('debt-a'),
    name: 'Agence Débiteur',
    seed: 71,
    files: 2,
    password: 'x',
  });
  const b = await seedAgency(owner, {
    slug: uniqueSlug('debt-b'),
    name: 'Autre Agence',
    seed: 72,
    files: 1,
    password: 'x',
  });
  tenantA = a.tenantId;
  tenantB = b.tenantId;
  await owner.agency.updateMany({ where: { id: { in: [tenantA, tenantB] } }, data: { creditorFundsIban: TEST_IBAN } });
  manager = await actorFor(owner, tenantA, 'MANAGER');
  ({ fileId, token, text: pdfText } = await printedLink(tenantA, manager));
  invoice = (await owner.claim.findFirstOrThrow({ where: { tenantId: tenantA, fileId } })).invoiceNumber;
  session = await open('69003');
});

afterAll(async () => {
  await owner.$disconnect();
});

describe('the private link on the letter', () => {
  it('is printed with its explanation, and only its hash is kept, bound to the file', async () => {
    expect(pdfText).toContain('Votre dossier en ligne');
    const letter = await owner.document.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(token).toBe(linkToken(process.env.NEXTAUTH_SECRET!, tenantA, letter.reference));
    const links = await owner.debtorLink.findMany({ where: { tenantId: tenantA, fileId } });
    expect(links).toHaveLength(1);
    expect(Buffer.from(links[0]!.tokenHash).equals(hashLinkToken(token))).toBe(true);
    expect(JSON.stringify(await owner.document.findMany({ where: { tenantId: tenantA } }))).not.toContain(token);
  });

  it('is recorded once however often the letter is drawn again', async () => {
    const run = await owner.printRun.findFirstOrThrow({ where: { tenantId: tenantA }, orderBy: { createdAt: 'asc' } });
    await owner.printRun.update({
      where: { tenantId_id: { tenantId: tenantA, id: run.id } },
      data: { status: 'FAILED' },
    });
    await runPrintRun({ tenantId: tenantA, printRunId: run.id });
    expect(await owner.debtorLink.count({ where: { tenantId: tenantA, fileId } })).toBe(1);
  });
});

describe('the second factor', () => {
  it('opens the page with the postcode written to or the end of an invoice number', async () => {
    const openings = () => owner.activity.count({ where: { tenantId: tenantA, fileId, kind: 'debtor.page_opened' } });
    const before = await openings();
    const opened = await open(' 69 003 ');
    expect(opened.tenantId).toBe(tenantA);
    await open(invoice.slice(-4).toLowerCase());
    expect(await openings()).toBe(before + 2);
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId: tenantA, action: 'debtor.link.opened' } });
    expect(audit.ip).toMatch(/^198\.51\.100\./);
    expect(audit.actorId).toBeNull();
  });

  it('gives a wrong answer and an unknown link the same refusal, and records the wrong one', async () => {
    const wrong = await openDebtorLink({ token, answer: '75001', ip: nextIp(), now: NOW });
    const unknown = await openDebtorLink({ token: 'A'.repeat(24), answer: '69003', ip: nextIp(), now: NOW });
    const malformed = await openDebtorLink({ token: '../../etc', answer: '69003', ip: nextIp(), now: NOW });
    expect(wrong).toEqual({ ok: false, reason: 'refused' });
    expect(unknown).toEqual(wrong);
    expect(malformed).toEqual(wrong);
    expect(await owner.auditLog.count({ where: { tenantId: tenantA, action: 'debtor.link.refused' } })).toBeGreaterThan(
      0,
    );
  });

  it('stops guessing: after the allowed answers on a link, even the right one is throttled', async () => {
    const fresh = await printedLink(tenantA, manager);
    for (let i = 0; i < DEBTOR_THROTTLE.perLink; i++)
      expect(await openDebtorLink({ token: fresh.token, answer: '00000', ip: nextIp(), now: NOW })).toEqual({
        ok: false,
        reason: 'refused',
      });
    expect(await openDebtorLink({ token: fresh.token, answer: '69003', ip: nextIp(), now: NOW })).toEqual({
      ok: false,
      reason: 'throttled',
    });
  });

  it('stops an address trying many links, known or not', async () => {
    const ip = nextIp();
    for (let i = 0; i < DEBTOR_THROTTLE.perAddress; i++)
      await openDebtorLink({ token: `${'B'.repeat(20)}${String(i).padStart(4, '0')}`, answer: '69003', ip, now: NOW });
    expect(await openDebtorLink({ token, answer: '69003', ip, now: NOW })).toEqual({ ok: false, reason: 'throttled' });
  });

  it('opens nothing once the link is revoked or expired, or the file closed', async () => {
    const revoked = await printedLink(tenantA, manager);
    await owner.debtorLink.updateMany({
      where: { tenantId: tenantA, fileId: revoked.fileId },
      data: { revokedAt: NOW },
    });
    expect(await openDebtorLink({ token: revoked.token, answer: '69003', ip: nextIp(), now: NOW })).toMatchObject({
      ok: false,
    });
    const expired = await printedLink(tenantA, manager);
    const link = await owner.debtorLink.findFirstOrThrow({ where: { tenantId: tenantA, fileId: expired.fileId } });
    expect(await resolveLink(expired.token, new Date(link.expiresAt.getTime() + 1000))).toBeNull();
    const closed = await printedLink(tenantA, manager);
    const s = await open('69003', nextIp(), closed.token);
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId: tenantA, id: closed.fileId } },
      data: { status: 'WITHDRAWN', phase: 'CLOSED', closedAt: NOW },
    });
    expect(await debtorPage(s, NOW)).toBeNull();
    expect(await openDebtorLink({ token: closed.token, answer: '69003', ip: nextIp(), now: NOW })).toMatchObject({
      ok: false,
    });
  });
});

describe('the page', () => {
  it("shows the workspace's own figures, and nothing of the agency's inside or of anyone else", async () => {
    const page = (await debtorPage(session, NOW))!;
    expect(page.fileReference).toMatch(/^D\d{7}$/);
    const workspace = await fileAmounts(manager, fileId);
    expect(page.amounts.claims.map((c) => c.dueCents)).toEqual(workspace.claims.map((c) => c.dueCents));
    expect(page.amounts.totals.principalCents).toBe(84_000);
    expect(page.transfer.reference).toMatch(/^RF\d{2} /);
    expect(page.transfer.qrSvg).toContain('<svg');
    expect(page.agency.legalName).toBeTruthy();
    expect(page.mandate).not.toBeNull();

    const json = JSON.stringify(page);
    const others = await owner.debtor.findMany({
      where: { OR: [{ tenantId: tenantB }, { tenantId: tenantA, NOT: { displayName: page.debtorName } }] },
      select: { displayName: true },
    });
    expect(others.length).toBeGreaterThan(1);
    for (const o of others) expect(json).not.toContain(o.displayName);
    const staff = await owner.$queryRaw<{ name: string; email: string }[]>`
      SELECT i.name, i.email FROM identity i JOIN membership m ON m.identity_id = i.id WHERE m.tenant_id = ${tenantA}::uuid`;
    expect(staff.length).toBeGreaterThan(0);
    for (const person of staff) {
      expect(json).not.toContain(person.email);
      expect(json).not.toContain(person.name);
    }
  });

  it("serves the letters sent and never another file's document", async () => {
    const letter = await owner.document.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    // Not posted yet: not on the page.
    expect((await debtorPage(session, NOW))!.documents).toHaveLength(0);
    await owner.document.update({
      where: { tenantId_id: { tenantId: tenantA, id: letter.id } },
      data: { sentOn: new Date('2027-03-02T00:00:00Z') },
    });
    expect((await debtorPage(session, NOW))!.documents.map((d) => d.id)).toEqual([letter.id]);
    const pdf = await debtorDocument(session, letter.id, nextIp(), NOW);
    expect(Buffer.from(pdf.body).subarray(0, 5).toString()).toBe('%PDF-');
    const other = await owner.document.findFirstOrThrow({ where: { tenantId: tenantA, NOT: { fileId } } });
    expect((await refusal(debtorDocument(session, other.id, nextIp(), NOW))).code).toBe('NOT_FOUND');
    const elsewhere = await owner.document.findFirst({ where: { tenantId: tenantB } });
    if (elsewhere) expect((await refusal(debtorDocument(session, elsewhere.id, nextIp(), NOW))).code).toBe('NOT_FOUND');
  });
});

describe("the debtor's requests", () => {
  it('refuses a promise above what is due, naming the field, and writes nothing', async () => {
    const before = await owner.paymentPromise.count({ where: { tenantId: tenantA, fileId } });
    const error = await refusal(
      recordDebtorPromise({ session, input: { amount: '9 000,00', dueOn: '2027-03-20' }, ip: nextIp(), now: NOW }),
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['amount']);
    expect(await owner.paymentPromise.count({ where: { tenantId: tenantA, fileId } })).toBe(before);
  });

  it('records a promise: the file waits for it and the timeline says the debtor made it', async () => {
    await recordDebtorPromise({ session, input: { amount: '300,00', dueOn: '2027-03-20' }, ip: nextIp(), now: NOW });
    const promise = await owner.paymentPromise.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, status: 'PENDING' },
    });
    expect(Number(promise.amountCents)).toBe(30_000);
    expect(promise.createdBy).toBeNull();
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: fileId } });
    expect(file.status).toBe('PROMISE');
    const scenario = await owner.fileScenario.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(scenario.stateReason).toBe('PROMISE_PENDING');
    expect(await owner.activity.count({ where: { tenantId: tenantA, fileId, kind: 'debtor.promised' } })).toBe(1);
  });

  it('refuses a callback on a Sunday and books one on a working day for the file', async () => {
    const sunday = await refusal(
      requestCallback({ session, input: { at: '2027-03-14T10:00' }, ip: nextIp(), now: NOW }),
    );
    expect(Object.keys(sunday.fields ?? {})).toEqual(['at']);
    const { taskId } = await requestCallback({
      session,
      input: { at: '2027-03-09T10:30', text: 'après 10 h' },
      ip: nextIp(),
      now: NOW,
    });
    const task = await owner.task.findFirstOrThrow({ where: { tenantId: tenantA, id: taskId } });
    expect(task).toMatchObject({ kind: 'CALLBACK', source: 'debtor', status: 'OPEN', note: 'après 10 h', fileId });
  });

  it("takes new contact details as the debtor's, unverified, and writes nothing when one is wrong", async () => {
    const count = () => owner.contactPoint.count({ where: { tenantId: tenantA, source: DEBTOR_PAGE_SOURCE } });
    const before = await count();
    const wrong = await refusal(
      giveContact({ session, input: { phone: '12', email: 'nouvelle@example.fr' }, ip: nextIp(), now: NOW }),
    );
    expect(Object.keys(wrong.fields ?? {})).toEqual(['phone']);
    expect(await count()).toBe(before);
    const { contactPointIds } = await giveContact({
      session,
      input: { phone: '06 12 34 56 78', email: 'Nouvelle@Example.fr' },
      ip: nextIp(),
      now: NOW,
    });
    const points = await owner.contactPoint.findMany({ where: { tenantId: tenantA, id: { in: contactPointIds } } });
    expect(points.map((p) => [p.kind, p.status, p.phone ?? p.email]).sort()).toEqual([
      ['EMAIL', 'UNVERIFIED', 'nouvelle@example.fr'],
      ['PHONE', 'UNVERIFIED', '+33612345678'],
    ]);
  });

  it('wants words for "another reason" and writes nothing without them', async () => {
    const error = await refusal(
      recordDebtorDispute({ session, input: { kind: 'OTHER', text: ' ' }, ip: nextIp(), now: NOW }),
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['text']);
    expect(await owner.dispute.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
  });

  it('refuses a dispute whose attachment is not what it claims, naming it, and writes nothing', async () => {
    const fake = { name: 'preuve.pdf', bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>') };
    const error = await refusal(
      recordDebtorDispute({
        session,
        input: { kind: 'ALREADY_PAID', text: '' },
        attachments: [{ name: 'virement.pdf', bytes: await proofPdf() }, fake],
        ip: nextIp(),
        now: NOW,
      }),
    );
    expect(error.fields?.attachments).toContain('preuve.pdf');
    expect(await owner.dispute.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
    expect(await owner.disputeAttachment.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
  });

  it('opens a dispute: the file is disputed, the scenario paused, an agent has a task', async () => {
    const pdf = await proofPdf();
    const { disputeId, attachmentIds } = await recordDebtorDispute({
      session,
      input: { kind: 'AMOUNT_WRONG', text: "J'ai réglé la moitié en janvier" },
      attachments: [{ name: 'C:\\Users\\moi\\relevé de compte.pdf', bytes: pdf }],
      ip: nextIp(),
      now: NOW,
    });
    // The document is kept as it came, under a clean name, and the agent answering reads it (audited).
    expect(attachmentIds).toHaveLength(1);
    const kept = await owner.disputeAttachment.findFirstOrThrow({
      where: { tenantId: tenantA, id: attachmentIds[0]! },
    });
    expect(kept).toMatchObject({ disputeId, name: 'relevé de compte.pdf', contentType: 'application/pdf' });
    const agent = await actorFor(owner, tenantA, 'AGENT');
    const read = await disputeAttachment({ actor: agent, id: kept.id });
    expect(Buffer.from(read.body as Uint8Array).equals(Buffer.from(pdf))).toBe(true);
    expect(await owner.auditLog.count({ where: { tenantId: tenantA, action: 'dispute.attachment_read' } })).toBe(1);
    // Nobody else: another agency's staff, a malformed id.
    await expect(
      disputeAttachment({ actor: await actorFor(owner, tenantB, 'MANAGER'), id: kept.id }),
    ).rejects.toThrow();
    await expect(disputeAttachment({ actor: agent, id: '../../etc/passwd' })).rejects.toThrow();
    const dispute = await owner.dispute.findFirstOrThrow({ where: { tenantId: tenantA, id: disputeId } });
    expect(dispute).toMatchObject({ kind: 'AMOUNT_WRONG', openedBy: null, status: 'OPEN' });
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: fileId } });
    expect(file.status).toBe('DISPUTED');
    const scenario = await owner.fileScenario.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(scenario.stateReason).toBe('DISPUTE_OPEN');
    expect(await owner.task.count({ where: { tenantId: tenantA, fileId, kind: 'DISPUTE', source: 'debtor' } })).toBe(1);
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId: tenantA, action: 'debtor.dispute' } });
    expect(audit.entityId).toBe(disputeId);
    expect((await debtorPage(session, NOW))!.open.dispute).not.toBeNull();
  });
});

describe("the debtor's personal data (GDPR)", () => {
  it('wants to know what to correct, and writes nothing without it', async () => {
    const error = await refusal(
      requestPersonalData({ session, input: { request: 'CORRECTION', text: '' }, ip: nextIp(), now: NOW }),
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['text']);
    const bad = await refusal(
      requestPersonalData({ session, input: { request: 'ERASE_ALL' }, ip: nextIp(), now: NOW }),
    );
    expect(Object.keys(bad.fields ?? {})).toEqual(['request']);
    expect(await owner.task.count({ where: { tenantId: tenantA, fileId, kind: 'REVIEW', source: 'debtor' } })).toBe(0);
  });

  it('turns an access request into a task due before the one-month deadline, on the history', async () => {
    const before = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: fileId } });
    const { taskId, deadline } = await requestPersonalData({
      session,
      input: { request: 'ACCESS', text: '' },
      ip: nextIp(),
      now: NOW,
    });
    expect(deadline).toBe('2027-04-08'); // one month after Monday 8 March 2027 (GDPR art. 12(3))
    const task = await owner.task.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenantA, id: taskId } } });
    expect(task).toMatchObject({ kind: 'REVIEW', source: 'debtor', note: null, status: 'OPEN' });
    expect(task.dueAt.toISOString().slice(0, 10)).toBe('2027-04-01');
    expect(task.noteRef).toEqual({
      key: 'debtor.dataRequest',
      values: { request: 'ACCESS', receivedOn: '2027-03-08', deadline: '2027-04-08' },
    });
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'debtor.data_requested' },
    });
    expect(timelineRenderer('en', 'Europe/Paris')(line)).toBe(
      'The debtor asks on their page for a copy of their personal data (GDPR art. 15) — answer due by 8 Apr 2027',
    );
    // Not a dispute of the debt: the file's status does not move.
    const after = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: fileId } });
    expect(after.status).toBe(before.status);
  });
});

describe("the debtor's plan", () => {
  it('is in force at once within the mandate, and the file waits on it', async () => {
    const fresh = await printedLink(tenantA, manager);
    const own = await open('69003', nextIp(), fresh.token);
    const plan = await proposeDebtorPlan({
      session: own,
      input: { instalmentCount: '3', firstDueOn: '2027-03-20' },
      ip: nextIp(),
      now: NOW,
    });
    expect(plan.planStatus).toBe('ACTIVE');
    expect(plan.schedule.filter((i) => i.seq > 0)).toHaveLength(3);
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: fresh.fileId } });
    expect(file.status).toBe('PAYMENT_PLAN');
    const saved = await owner.paymentPlan.findFirstOrThrow({ where: { tenantId: tenantA, id: plan.planId } });
    expect(saved.createdBy).toBeNull();
    const page = (await debtorPage(own, NOW))!;
    expect(page.plan?.status).toBe('ACTIVE');
    expect(page.planOffer).toBeNull();
    // The plan's letter went to the e-mail address on file, and the page offers it for download.
    const letter = page.documents.find((d) => d.kind === 'PLAN_LETTER');
    expect(letter?.reference).toMatch(/^ECH-/);
    const download = await debtorDocument(own, letter!.id, nextIp(), NOW);
    expect(Buffer.from(download.body).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('beyond the mandate, waits for the creditor, who is e-mailed, and gives the agent a task', async () => {
    const fresh = await printedLink(tenantA, manager);
    const own = await open('69003', nextIp(), fresh.token);
    const plan = await proposeDebtorPlan({
      session: own,
      input: { instalmentCount: '30', firstDueOn: '2027-03-25' },
      ip: nextIp(),
      now: NOW,
    });
    expect(plan.planStatus).toBe('AWAITING_APPROVAL');
    const task = await owner.task.findFirstOrThrow({
      where: { tenantId: tenantA, fileId: fresh.fileId, kind: 'REVIEW' },
    });
    expect(task.source).toBe('debtor');
    expect(task.noteRef).toEqual({ key: 'plan.debtorProposed', values: {} });
    const mails = await owner.outboundMessage.count({
      where: { tenantId: tenantA, fileId: fresh.fileId, audience: 'CREDITOR' },
    });
    expect(mails).toBeGreaterThan(0);
  });

  it('refuses a first instalment beyond a month, naming the field', async () => {
    const fresh = await printedLink(tenantA, manager);
    const own = await open('69003', nextIp(), fresh.token);
    const error = await refusal(
      proposeDebtorPlan({
        session: own,
        input: { instalmentCount: '3', firstDueOn: '2027-05-20' },
        ip: nextIp(),
        now: NOW,
      }),
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['firstDueOn']);
    expect(await owner.paymentPlan.count({ where: { tenantId: tenantA, fileId: fresh.fileId } })).toBe(0);
  });
});

describe('the link an agent gives', () => {
  it('opens the same page with the same second factor, the same link all day, recorded', async () => {
    const agent = await actorFor(owner, tenantA, 'AGENT');
    const fresh = await makeDebtorFile(owner, tenantA, { kind: 'PERSON', principalCents: 40_000 });
    const { url } = await agentDebtorLink({ actor: agent, fileId: fresh, now: NOW });
    const given = /\/d\/([A-Za-z0-9_-]{24})$/.exec(url)![1]!;
    expect((await agentDebtorLink({ actor: agent, fileId: fresh, now: NOW })).url).toBe(url);
    const own = await open('69003', nextIp(), given);
    expect((await debtorPage(own, NOW))!.amounts.totals.dueCents).toBeGreaterThan(0);
    const link = await owner.debtorLink.findFirstOrThrow({ where: { tenantId: tenantA, fileId: fresh } });
    expect(link.carrier).toBe('AGENT');
    expect(await owner.activity.count({ where: { tenantId: tenantA, fileId: fresh, kind: 'debtor_link.given' } })).toBe(
      2,
    );
  });

  it("is refused to a creditor's user, on another agency's file and on a closed file", async () => {
    const creditorUser = await actorFor(owner, tenantA, 'CREDITOR');
    await expect(agentDebtorLink({ actor: creditorUser, fileId, now: NOW })).rejects.toThrow();
    const other = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantB } });
    const agent = await actorFor(owner, tenantA, 'AGENT');
    expect(await refusal(agentDebtorLink({ actor: agent, fileId: other.id, now: NOW }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const closed = await makeDebtorFile(owner, tenantA, { kind: 'PERSON', principalCents: 10_000 });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId: tenantA, id: closed } },
      data: { status: 'WITHDRAWN', phase: 'CLOSED' },
    });
    expect(await refusal(agentDebtorLink({ actor: agent, fileId: closed, now: NOW }))).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('the walls', () => {
  it("lets the web role find a link by hash only, and read no other agency's links", async () => {
    const app = await appRoleClient();
    try {
      const found = await app.query('SELECT tenant_id, file_id FROM app_debtor_link($1)', [hashLinkToken(token)]);
      expect(found.rows).toEqual([{ tenant_id: tenantA, file_id: fileId }]);
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', '', true)`, [
        tenantB,
      ]);
      expect((await app.query('SELECT count(*)::int AS n FROM debtor_link')).rows[0].n).toBe(0);
      await app.query('ROLLBACK');
      await expect(app.query('UPDATE debtor_link SET token_hash = $1', [Buffer.alloc(32)])).rejects.toThrow(
        /permission/,
      );
    } finally {
      await app.end();
    }
  });

  it('a session of one agency opens nothing when replayed with another agency', async () => {
    expect(await debtorPage({ ...session, tenantId: tenantB }, NOW)).toBeNull();
  });
});
