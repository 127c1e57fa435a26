import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../lib/config/env';
import { logContact } from '../../lib/activity/log-contact';
import { seedAgency } from '../../lib/demo/seed-agency';
import { AppError } from '../../lib/errors/app-error';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { recordPayment } from '../../lib/payments/record-payment';
import { QueueName, queuePrefix } from '../../lib/queue/names';
import { createProducer, type Producer } from '../../lib/queue/producers';
import { requestConnection } from '../../lib/redis/connection';
import { approveEscalation } from '../../lib/escalation/approve-escalation';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { createPrintRun, runPrintRun } from '../../lib/print-runs/create-print-run';
import { postWaitingLetters } from './support/post-letters';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { pauseScenario } from '../../lib/scenarios/pause-scenario';
import { listCapturedMail } from '../../lib/outbox/queries';
import { getPrintRunFile } from '../../lib/print-runs/queries';
import { recordRegisteredMail } from '../../lib/registered-mail/record-registered-mail';
import { resumeScenario } from '../../lib/scenarios/resume-scenario';
import { runStep, type StepRef } from '../../lib/scenarios/run-step';
import { sweepDueSteps } from '../../lib/scenarios/sweep';
import { readStored } from '../../lib/storage/documents';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import {
  CALL_TEMPLATE,
  EMAIL_TEMPLATE,
  SMS_TEMPLATE,
  TEST_IBAN,
  makeDebtorFile,
  makeScenario,
} from './support/scenario-fixtures';

// The engine on a fake clock in 2027 (after the real one), so a real worker started by another test file,
// whose sweep runs on the real clock, never finds these steps due.
const owner = ownerDb();
const T0 = new Date('2027-03-01T09:00:00Z'); // Monday 10:00 in Paris
const DAY = 86_400_000;
const at = (days: number, hoursUtc = 9) => new Date(Date.UTC(2027, 2, 1 + days, hoursUtc));

let tenantA: string;
let tenantB: string;
let manager: Actor;
let agent: Actor;
let admin: Actor;
let managerB: Actor;
let producer: Producer;
let capture: CaptureServer;
let mail: MailSender;
let fullVersion: string;
let letterVersion: string;

const FULL_STEPS = [
  {
    delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
    channels: ['SIMPLE_LETTER', 'EMAIL'],
    templates: { EMAIL: EMAIL_TEMPLATE },
  },
  {
    delay: { days: 10, kind: 'CALENDAR', from: 'PREVIOUS_STEP' },
    channels: ['SMS', 'CALL_TASK'],
    templates: { SMS: SMS_TEMPLATE, CALL_TASK: CALL_TEMPLATE },
  },
  { delay: { days: 5, kind: 'WORKING', from: 'PREVIOUS_STEP' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
  {
    delay: { days: 10, kind: 'CALENDAR', from: 'PREVIOUS_STEP' },
    channels: ['PRE_JUDICIAL_WARNING'],
    deadlineDays: 15,
  },
  { delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['ESCALATE'] },
] as const;

async function scenarioRow(tenantId: string, fileId: string) {
  return owner.fileScenario.findUniqueOrThrow({ where: { tenantId_fileId: { tenantId, fileId } } });
}
async function timeline(tenantId: string, fileId: string) {
  return owner.activity.findMany({ where: { tenantId, fileId }, orderBy: { occurredAt: 'asc' } });
}
async function waitingStepJobs() {
  return producer.queue(QueueName.SCENARIOS).getJobs(['waiting', 'delayed', 'prioritized']);
}

/**
 * Sweep three times (a scheduler firing twice, then once more ignoring the lease, as after a restart), then
 * run every enqueued step and send its messages. `results` are this file's only when `fileId` is given.
 */
async function tick(now: Date, fileId?: string) {
  // The mailing house posts every morning what the engine drew the day before (issue 14: letters count from then).
  await postWaitingLetters(manager, now);
  const first = await sweepDueSteps({ producer, now, tenantId: tenantA });
  const second = await sweepDueSteps({ producer, now, tenantId: tenantA });
  await sweepDueSteps({ producer, now: new Date(now.getTime() + 1), tenantId: tenantA, leaseMs: 0 });
  const jobs = await waitingStepJobs();
  const results = [];
  for (const job of jobs) {
    const ref = job.data as StepRef;
    const result = await runStep(ref, { now });
    await job.remove();
    if (!fileId || ref.fileId === fileId) results.push(result);
    if (result.outcome === 'DONE')
      for (const messageId of result.messageIds) await deliverMessage({ tenantId: tenantA, messageId, now, mail });
  }
  return { first, second, jobs: jobs.length, results };
}

beforeAll(async () => {
  producer = createProducer({
    connection: requestConnection(),
    prefix: queuePrefix(`${env.QUEUE_PREFIX}-engine`),
    ownsConnection: true,
  });
  await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });
  const a = await seedAgency(owner, {
    slug: uniqueSlug('scn-a'),
    name: 'Agence Scénarios',
    seed: 51,
    files: 2,
    password: 'x',
  });
  const b = await seedAgency(owner, {
    slug: uniqueSlug('scn-b'),
    name: 'Autre Agence',
    seed: 52,
    files: 2,
    password: 'x',
  });
  tenantA = a.tenantId;
  tenantB = b.tenantId;
  await owner.agency.updateMany({ where: { id: { in: [tenantA, tenantB] } }, data: { creditorFundsIban: TEST_IBAN } });
  manager = await actorFor(owner, tenantA, 'MANAGER');
  agent = await actorFor(owner, tenantA, 'AGENT');
  admin = await actorFor(owner, tenantA, 'ADMIN');
  managerB = await actorFor(owner, tenantB, 'MANAGER');
  fullVersion = await makeScenario(owner, tenantA, [...FULL_STEPS] as never, { rules: { minDueCents: 500_000 } });
  letterVersion = await makeScenario(owner, tenantA, [
    { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
    { delay: { days: 7, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SIMPLE_LETTER'] },
  ]);
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Scénarios <relances@agence.test>');
});

afterAll(async () => {
  mail?.close();
  await capture?.close();
  await producer?.queue(QueueName.SCENARIOS).obliterate({ force: true });
  await producer?.close();
});

describe('the whole scenario on a fake clock', () => {
  let fileId: string;

  it('assigns by the rules: a large claim takes the five-step scenario, a small one the letters', async () => {
    // A consumer: no interest before the formal notice, so the e-mail and SMS quote the principal exactly.
    fileId = await makeDebtorFile(owner, tenantA, { principalCents: 600_000, kind: 'PERSON' });
    const small = await makeDebtorFile(owner, tenantA, { principalCents: 50_000 });
    const big = await assignScenario({ actor: manager, input: { fileId }, now: T0 });
    const little = await assignScenario({ actor: manager, input: { fileId: small }, now: T0 });
    expect(big.scenarioVersionId).toBe(fullVersion);
    expect(little.scenarioVersionId).toBe(letterVersion);
    // Due from the placement (08:00 UTC), which has passed: due at once, when it was assigned.
    expect(big.nextRunAt).toBe(T0.toISOString());
    await expect(assignScenario({ actor: manager, input: { fileId }, now: T0 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await owner.caseFile.findFirstOrThrow({ where: { id: fileId } })).status).toBe('IN_PROGRESS');
    await owner.fileScenario.update({
      where: { tenantId_fileId: { tenantId: tenantA, fileId: small } },
      data: { state: 'STOPPED' },
    });
  });

  it('runs every step once, sweeping twice at every tick, and escalates after the warning deadline', async () => {
    const outcomes: string[] = [];
    for (let day = 0; day <= 50; day++) {
      const { first, second, jobs, results } = await tick(at(day), fileId);
      expect(second.enqueued).toBe(0);
      expect(jobs).toBe(first.enqueued);
      outcomes.push(...results.map((r) => `${day}:${r.outcome}`));
    }
    const executions = await owner.stepExecution.findMany({
      where: { tenantId: tenantA, fileId },
      orderBy: { executedAt: 'asc' },
    });
    expect(executions.map((e) => `${e.stepIndex}:${e.channel}:${e.status}`)).toEqual([
      '0:SIMPLE_LETTER:DONE',
      '0:EMAIL:DONE',
      '1:SMS:DONE',
      '1:CALL_TASK:DONE',
      '2:FORMAL_NOTICE:DONE',
      '3:PRE_JUDICIAL_WARNING:DONE',
      '4:ESCALATE:DONE',
    ]);
    // Delays count from each letter's posting (issue 14); each morning's tick posts what was drawn the day before.
    // The first letter, drawn Monday 1 March, is posted Tuesday 2 March: step 1, ten calendar days after the
    // posting, is due Friday 12 March. Step 2: five working days → Friday 19 March (a formal notice, posted
    // Saturday 20 March). Step 3: ten days after that posting → Tuesday 30 March (Easter Monday 29 March is past).
    expect(executions[2]!.executedAt.toISOString()).toBe(at(11).toISOString());
    expect(executions[4]!.executedAt.toISOString()).toBe(at(18).toISOString());
    expect(executions[5]!.executedAt.toISOString()).toBe(at(29).toISOString());
    // The warning, posted Wednesday 31 March, gives 15 days from its posting (to 15 April, not the 14 April it
    // printed); the escalation runs the day after: Friday 16 April.
    expect(executions[6]!.executedAt.toISOString()).toBe(at(46).toISOString());

    const documents = await owner.document.findMany({
      where: { tenantId: tenantA, fileId },
      orderBy: { createdAt: 'asc' },
    });
    expect(documents.map((d) => d.kind)).toEqual([
      'REMINDER_LETTER',
      'FORMAL_NOTICE',
      'PRE_JUDICIAL_WARNING',
      'DOSSIER',
    ]);
    // The notice's 8 days count from its posting on 20 March (it printed 27 March, drawn on the 19th).
    expect(documents[1]!.deadlineOn!.toISOString().slice(0, 10)).toBe('2027-03-28');
    expect(documents.map((d) => d.sentOn?.toISOString().slice(0, 10) ?? null)).toEqual([
      '2027-03-02',
      '2027-03-20',
      '2027-03-31',
      null,
    ]);
    for (const d of documents) {
      const pdf = await readStored(d.storageKey);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const file = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    // The formal notice's date is its posting, not the day it was drawn (19 March).
    expect(file.formalNoticeOn!.toISOString().slice(0, 10)).toBe('2027-03-20');
    expect(file.status).toBe('AWAITING_JUDICIAL');
    expect((await scenarioRow(tenantA, fileId)).state).toBe('DONE');
    const tasks = await owner.task.findMany({ where: { tenantId: tenantA, fileId, source: 'scenario' } });
    expect(tasks.map((t) => t.kind)).toEqual(['CALL']);
    expect(tasks[0]!.note).toBe(
      `Appeler ${(await owner.debtor.findFirstOrThrow({ where: { id: file.debtorId } })).displayName} au sujet de 6\u00a0000,00\u00a0€.`,
    );
    const escalation = await owner.escalation.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(escalation.status).toBe('PENDING');
    // The escalation is due right after the warning and waits for its deadline: one postponement.
    expect(outcomes.filter((o) => o.endsWith('POSTPONED'))).toEqual(['30:POSTPONED']);
    expect(outcomes.filter((o) => o.endsWith('DONE'))).toEqual(['0:DONE', '11:DONE', '18:DONE', '29:DONE', '46:DONE']);

    const lines = await timeline(tenantA, fileId);
    expect(
      lines.filter((l) => l.kind === 'scenario.step_postponed').map((l) => (l.details as { reason: string }).reason),
    ).toEqual(['WARNING_DEADLINE_PENDING']);
    expect(lines.some((l) => l.kind === 'escalation.requested')).toBe(true);
  });

  it('delivered the e-mail through SMTP once, with the execution key as Message-ID, and recorded the SMS', async () => {
    const messages = await owner.outboundMessage.findMany({ where: { tenantId: tenantA, fileId } });
    expect(messages.map((m) => `${m.channel}:${m.status}`).sort()).toEqual(['EMAIL:SENT', 'SMS:SENT']);
    const email = messages.find((m) => m.channel === 'EMAIL')!;
    const captured = await owner.capturedMail.findMany({ where: { tenantId: tenantA, recipients: email.recipient } });
    expect(captured).toHaveLength(1);
    expect(captured[0]!.messageId).toBe(`<${email.executionKey.replaceAll(':', '.')}.email@recouvra.local>`);
    const reference = (await owner.caseFile.findFirstOrThrow({ where: { id: fileId } })).reference;
    expect(captured[0]!.subject).toBe(`Dossier ${reference} : 6\u00a0000,00\u00a0€ à régler`);
    expect(captured[0]!.textBody).toContain('FR76');
    // A second delivery of the same message sends nothing.
    expect(await deliverMessage({ tenantId: tenantA, messageId: email.id, mail })).toBe('ALREADY_DONE');
    expect(await owner.capturedMail.count({ where: { tenantId: tenantA, recipients: email.recipient } })).toBe(1);
    const sms = await owner.smsLog.findMany({ where: { tenantId: tenantA, recipient: '+33639980001' } });
    expect(sms.filter((s) => s.messageKey === messages.find((m) => m.channel === 'SMS')!.executionKey)).toHaveLength(1);
    // The admin page lists only its own agency's mail.
    const listed = await listCapturedMail(admin);
    expect(listed.some((m) => m.id === captured[0]!.id)).toBe(true);
    await expect(listCapturedMail(manager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const otherAdmin = await actorFor(owner, tenantB, 'ADMIN');
    expect((await listCapturedMail(otherAdmin)).some((m) => m.id === captured[0]!.id)).toBe(false);
  });

  it('escalation: a manager approves; a second decision is a conflict; another agency sees nothing', async () => {
    const escalation = await owner.escalation.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    await expect(
      approveEscalation({
        actor: managerB,
        input: { escalationId: escalation.id, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      approveEscalation({
        actor: agent,
        input: { escalationId: escalation.id, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const decided = await approveEscalation({
      actor: manager,
      input: { escalationId: escalation.id, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER', note: 'injonction' },
    });
    expect(decided).toMatchObject({ status: 'APPROVED', fileStatus: 'AWAITING_JUDICIAL' });
    await expect(
      approveEscalation({
        actor: manager,
        input: { escalationId: escalation.id, decision: 'REJECTED', reason: 'OTHER' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const dossier = await owner.document.findFirstOrThrow({ where: { id: escalation.dossierDocumentId! } });
    const text = (await readStored(dossier.storageKey)).toString('latin1');
    expect(text).toContain('%PDF-');
    expect(dossier.pages).toBeGreaterThanOrEqual(1);
  });

  it('registered letters: tracking number and acknowledgement are recorded; an acknowledgement before posting is refused', async () => {
    const notice = await owner.document.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'FORMAL_NOTICE' },
    });
    const now = at(60); // dates after "today" are refused, and this test's today is the fake clock's
    const saved = await recordRegisteredMail({
      actor: agent,
      input: { documentId: notice.id, trackingNumber: '1a 234 567 8901 2', acknowledgedOn: '2027-03-20' },
      now,
    });
    expect(saved).toMatchObject({
      documentId: notice.id,
      trackingNumber: '1A23456789012',
      acknowledgedOn: '2027-03-20',
    });
    await expect(
      recordRegisteredMail({ actor: agent, input: { documentId: notice.id, acknowledgedOn: '2027-03-10' }, now }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await expect(
      recordRegisteredMail({ actor: managerB, input: { documentId: notice.id, trackingNumber: '1A99999999999' }, now }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('exactly once', () => {
  async function dueFile(): Promise<StepRef> {
    const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 80_000 });
    await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: letterVersion }, now: T0 });
    return { tenantId: tenantA, fileId, versionId: letterVersion, step: 0, run: 1 };
  }
  const counts = async (fileId: string) => ({
    executions: await owner.stepExecution.count({ where: { tenantId: tenantA, fileId } }),
    documents: await owner.document.count({ where: { tenantId: tenantA, fileId } }),
    letters: await owner.activity.count({ where: { tenantId: tenantA, fileId, kind: 'letter.sent' } }),
  });

  it('the same step job run twice at once produces one letter', async () => {
    const ref = await dueFile();
    const results = await Promise.all([
      runStep(ref, { now: T0 }),
      runStep(ref, { now: T0 }),
      runStep(ref, { now: T0 }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['DONE', 'STALE', 'STALE']);
    expect(await counts(ref.fileId)).toEqual({ executions: 1, documents: 1, letters: 1 });
  });

  it('a crash after the effects but before COMMIT leaves nothing; the retry does it once', async () => {
    const ref = await dueFile();
    const before = (await timeline(tenantA, ref.fileId)).length;
    await expect(
      runStep(ref, {
        now: T0,
        afterEffects: () => {
          throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(await counts(ref.fileId)).toEqual({ executions: 0, documents: 0, letters: 0 });
    expect((await timeline(tenantA, ref.fileId)).length).toBe(before);
    expect((await scenarioRow(tenantA, ref.fileId)).nextStep).toBe(0);
    const retry = await runStep(ref, { now: T0 });
    expect(retry.outcome).toBe('DONE');
    expect(await counts(ref.fileId)).toEqual({ executions: 1, documents: 1, letters: 1 });
    expect(await runStep(ref, { now: T0 })).toEqual({ outcome: 'STALE' });
  });

  it('the sweep run twice enqueues each due step once; a job lost with Redis is enqueued again after the lease', async () => {
    await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });
    const refs = [await dueFile(), await dueFile(), await dueFile()];
    const now = new Date(T0.getTime() + 60_000);
    const first = await sweepDueSteps({ producer, now, tenantId: tenantA });
    const second = await sweepDueSteps({ producer, now, tenantId: tenantA });
    // A restart a moment later that ignores the lease: the ids dedupe its jobs.
    const third = await sweepDueSteps({ producer, now: new Date(now.getTime() + 1), tenantId: tenantA, leaseMs: 0 });
    expect([first.enqueued, second.enqueued]).toEqual([3, 0]);
    expect(third.enqueued).toBe(3);
    expect(await waitingStepJobs()).toHaveLength(3);
    // Redis loses everything: the rows are still due, so the first sweep after the lease re-enqueues them.
    await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });
    expect((await sweepDueSteps({ producer, now: new Date(now.getTime() + 60_000), tenantId: tenantA })).enqueued).toBe(
      0,
    );
    const later = new Date(now.getTime() + 6 * 60_000);
    expect((await sweepDueSteps({ producer, now: later, tenantId: tenantA })).enqueued).toBe(3);
    const jobs = await waitingStepJobs();
    expect(jobs.map((j) => (j.data as StepRef).fileId).sort()).toEqual(refs.map((r) => r.fileId).sort());
    for (const job of jobs) expect((await runStep(job.data as StepRef, { now: later })).outcome).toBe('DONE');
    for (const job of jobs) await job.remove();
    for (const ref of refs) expect(await counts(ref.fileId)).toEqual({ executions: 1, documents: 1, letters: 1 });
  });

  it('a sweep over more rows than a batch, in lanes and chunks, beside a second sweep, enqueues each due step once', async () => {
    await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });
    const refs: StepRef[] = [];
    for (let i = 0; i < 7; i += 1) refs.push(await dueFile());
    const now = new Date(T0.getTime() + 2 * 60_000);
    // Batches of 2 rows, up to 3 lanes, one job per addBulk call: every path of the sweep, on 7 rows.
    const small = { tenantId: tenantA, now, batchSize: 2, lanes: 3, chunkSize: 1, inFlight: 2 };
    // Redis away while adding: the sweep fails and leases nothing, so the next sweep still finds every row.
    const away = createProducer({
      connection: requestConnection('redis://127.0.0.1:1', { retryStrategy: () => null }),
      prefix: producer.prefix,
      ownsConnection: true,
    });
    await expect(sweepDueSteps({ producer: away, ...small })).rejects.toThrow(/ECONNREFUSED/);
    await away.close();
    const both = await Promise.all([sweepDueSteps({ producer, ...small }), sweepDueSteps({ producer, ...small })]);
    expect(both[0].enqueued + both[1].enqueued).toBe(7);
    expect((await sweepDueSteps({ producer, ...small })).enqueued).toBe(0);
    const jobs = await waitingStepJobs();
    expect(jobs.map((j) => (j.data as StepRef).fileId).sort()).toEqual(refs.map((r) => r.fileId).sort());
    for (const job of jobs) expect((await runStep(job.data as StepRef, { now })).outcome).toBe('DONE');
    for (const job of jobs) await job.remove();
    for (const ref of refs) expect(await counts(ref.fileId)).toEqual({ executions: 1, documents: 1, letters: 1 });
  });

  it('a lease of 0 with more rows due than a batch holds takes each row once, and ends', async () => {
    await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });
    const refs = [await dueFile(), await dueFile(), await dueFile()];
    const now = new Date(T0.getTime() + 3 * 60_000);
    // Batches of 2 for 3 rows: the sweep used to lease its own rows again, batch after batch, and never end.
    const report = await sweepDueSteps({ producer, now, tenantId: tenantA, leaseMs: 0, batchSize: 2 });
    expect(report.enqueued).toBe(3);
    const jobs = await waitingStepJobs();
    expect(jobs.map((j) => (j.data as StepRef).fileId).sort()).toEqual(refs.map((r) => r.fileId).sort());
    for (const job of jobs) expect((await runStep(job.data as StepRef, { now })).outcome).toBe('DONE');
    for (const job of jobs) await job.remove();
  });

  it('a Redis that takes the connection but never answers: the batch rolls back in time, its rows are not held', async () => {
    await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const connection = requestConnection(`redis://127.0.0.1:${port}`, {
      maxRetriesPerRequest: null,
      connectTimeout: 60_000,
    });
    const hung = createProducer({ connection, prefix: producer.prefix });
    try {
      const ref = await dueFile();
      const now = new Date(T0.getTime() + 4 * 60_000);
      await expect(sweepDueSteps({ producer: hung, now, tenantId: tenantA, enqueueTimeoutMs: 300 })).rejects.toThrow(
        /Redis did not take 1 step jobs within 300 ms/,
      );
      // Neither leased nor still locked: SKIP LOCKED would pass over a row the hung batch held.
      expect((await sweepDueSteps({ producer, now, tenantId: tenantA })).enqueued).toBe(1);
      const [job] = await waitingStepJobs();
      expect((job!.data as StepRef).fileId).toBe(ref.fileId);
      expect((await runStep(job!.data as StepRef, { now })).outcome).toBe('DONE');
      await job!.remove();
    } finally {
      connection.disconnect(); // its queued commands fail now, and close() has nothing left to wait for
      await hung.close().catch(() => undefined);
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('guards, events, pause and resume', () => {
  const reasons = async (fileId: string, kind: string) =>
    (await timeline(tenantA, fileId))
      .filter((l) => l.kind === kind)
      .map((l) => (l.details as { reason: string }).reason);

  it('opt-out and do-not-contact skip their channel with the reason on the timeline; the letter still goes', async () => {
    const fileId = await makeDebtorFile(owner, tenantA, {
      principalCents: 700_000,
      email: { address: 'refus@example.com', status: 'DO_NOT_CONTACT' },
    });
    await assignScenario({ actor: manager, input: { fileId }, now: T0 });
    await tick(T0);
    const executions = await owner.stepExecution.findMany({
      where: { tenantId: tenantA, fileId },
      orderBy: { channel: 'asc' },
    });
    expect(executions.map((e) => `${e.channel}:${e.status}:${e.reason ?? ''}`)).toEqual([
      'SIMPLE_LETTER:DONE:',
      'EMAIL:SKIPPED:DO_NOT_CONTACT',
    ]);
    expect(await reasons(fileId, 'scenario.step_skipped')).toEqual(['DO_NOT_CONTACT']);
    expect(await owner.outboundMessage.count({ where: { tenantId: tenantA, fileId } })).toBe(0);

    const optedOut = await makeDebtorFile(owner, tenantA, {
      principalCents: 700_000,
      phone: { number: '+33639980002', optedOut: true },
    });
    await assignScenario({ actor: manager, input: { fileId: optedOut }, now: T0 });
    await tick(T0);
    await tick(at(1)); // the letter is posted: the SMS step is due ten days later, plus the day it waited
    await tick(at(11));
    expect(await reasons(optedOut, 'scenario.step_skipped')).toEqual(['OPTED_OUT']);
    expect(await owner.smsLog.count({ where: { tenantId: tenantA, recipient: '+33639980002' } })).toBe(0);
  });

  it('a step found due outside the contact window (worker down over the weekend) waits for Monday 08:00', async () => {
    const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 700_000 });
    await assignScenario({ actor: manager, input: { fileId }, now: T0 });
    const sunday = new Date('2027-03-07T10:00:00Z');
    const ref = { tenantId: tenantA, fileId, versionId: fullVersion, step: 0, run: 1 };
    expect(await runStep(ref, { now: sunday })).toEqual({
      outcome: 'POSTPONED',
      until: new Date('2027-03-08T07:00:00Z'),
      reason: 'OUTSIDE_CONTACT_WINDOW',
    });
    expect(await reasons(fileId, 'scenario.step_postponed')).toEqual(['OUTSIDE_CONTACT_WINDOW']);
    expect(await owner.stepExecution.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
    expect((await runStep(ref, { now: new Date('2027-03-08T07:00:00Z') })).outcome).toBe('DONE');
  });

  it('an opt-out between the step and the send cancels the message', async () => {
    const fileId = await makeDebtorFile(owner, tenantA, {
      principalCents: 700_000,
      email: { address: 'tard@example.com' },
    });
    await assignScenario({ actor: manager, input: { fileId }, now: T0 });
    const [job] = (await sweepDueSteps({ producer, now: T0, tenantId: tenantA })) && (await waitingStepJobs());
    const result = await runStep(job!.data as StepRef, { now: T0 });
    await job!.remove();
    expect(result.outcome).toBe('DONE');
    await owner.contactPoint.updateMany({
      where: { tenantId: tenantA, email: 'tard@example.com' },
      data: { optedOutAt: T0 },
    });
    const messageId = result.outcome === 'DONE' ? result.messageIds[0]! : '';
    expect(await deliverMessage({ tenantId: tenantA, messageId, mail })).toBe('CANCELLED');
    expect(await owner.capturedMail.count({ where: { tenantId: tenantA, recipients: 'tard@example.com' } })).toBe(0);
  });

  it('a dispute pauses the scenario at once and postpones its step until resolved', async () => {
    const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 700_000 });
    await assignScenario({ actor: manager, input: { fileId }, now: T0 });
    await tick(T0);
    await tick(at(1)); // the first letter is posted
    const file = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    await logContact({
      actor: agent,
      input: {
        fileId,
        expectedVersion: file.version,
        channel: 'NOTE',
        note: 'conteste la facture',
        outcome: { type: 'DISPUTE', reason: 'Marchandise jamais livrée' },
      },
    });
    expect(await reasons(fileId, 'scenario.paused')).toEqual(['DISPUTE_OPEN']);
    const { results } = await tick(at(11), fileId);
    expect(results.map((r) => r.outcome)).toEqual(['POSTPONED']);
    await tick(at(12));
    // One line for the pause, not one per daily re-check.
    expect(await reasons(fileId, 'scenario.step_postponed')).toEqual([]);
    expect((await scenarioRow(tenantA, fileId)).stateReason).toBe('DISPUTE_OPEN');
    await owner.dispute.updateMany({ where: { tenantId: tenantA, fileId }, data: { status: 'REJECTED' } });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId: tenantA, id: fileId } },
      data: { status: 'IN_PROGRESS' },
    });
    await tick(at(14)); // Monday 15 March: no SMS on Sunday
    expect(
      (await owner.stepExecution.findMany({ where: { tenantId: tenantA, fileId, stepIndex: 1 } }))
        .map((e) => e.channel)
        .sort(),
    ).toEqual(['CALL_TASK', 'SMS']);
    expect(await reasons(fileId, 'scenario.resumed')).toEqual(['DISPUTE_OPEN']);
  });

  it('a payment in full stops the scenario at once, with the reason', async () => {
    // Payments are checked against the real clock (not in the future), so this file was placed in the past.
    const fileId = await makeDebtorFile(owner, tenantA, {
      principalCents: 600_000,
      placedAt: new Date('2026-11-01T08:00:00Z'),
    });
    await assignScenario({ actor: manager, input: { fileId }, now: T0 });
    await tick(T0);
    const file = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    await recordPayment({
      actor: agent,
      fileId,
      expectedVersion: file.version,
      amount: 600_000,
      method: 'TRANSFER',
      receivedOn: '2026-11-20',
    });
    const row = await scenarioRow(tenantA, fileId);
    expect([row.state, row.stateReason]).toEqual(['STOPPED', 'PAID']);
    expect((await tick(at(10), fileId)).results).toEqual([]);
    expect(await owner.stepExecution.count({ where: { tenantId: tenantA, fileId, stepIndex: 1 } })).toBe(0);
  });

  it('pause and resume by hand, with history; a paused file is not swept; resume recomputes the date', async () => {
    const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 700_000 });
    await assignScenario({ actor: manager, input: { fileId }, now: T0 });
    await tick(T0);
    await pauseScenario({ actor: agent, input: { fileId, reason: 'négociation en cours' }, now: at(2) });
    await expect(pauseScenario({ actor: agent, input: { fileId, reason: 'encore' } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await sweepDueSteps({ producer, now: at(20), tenantId: tenantA });
    expect((await waitingStepJobs()).filter((j) => (j.data as StepRef).fileId === fileId)).toEqual([]);
    await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });
    const resumed = await resumeScenario({ actor: agent, input: { fileId }, now: at(20) });
    // Ten calendar days after the resume on Sunday 21 March: Wednesday 31 March, 08:00 in Paris (summer time).
    expect(resumed.nextRunAt).toBe(new Date('2027-03-31T06:00:00Z').toISOString());
    const kinds = (await timeline(tenantA, fileId)).map((l) => l.kind).filter((k) => k.startsWith('scenario.'));
    expect(kinds).toEqual(['scenario.started', 'scenario.paused', 'scenario.resumed']);
    await expect(pauseScenario({ actor: managerB, input: { fileId, reason: 'autre agence' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('print runs and isolation', () => {
  it('merges every unprinted letter into one PDF with a manifest line each; a rerun prints nothing twice', async () => {
    // The other tests' ticks post every morning: these letters are drawn and left unprinted.
    for (let i = 0; i < 4; i++) {
      const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 80_000 });
      await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: letterVersion }, now: T0 });
      await runStep({ tenantId: tenantA, fileId, versionId: letterVersion, step: 0, run: 1 }, { now: T0 });
    }
    const waiting = await owner.document.findMany({
      // E-mailed receipts are documents too, but never printed; so is the closing report of a file a payment closed
      // in an earlier test (decision 0023), which goes to the creditor's portal and e-mail.
      where: { tenantId: tenantA, printRunId: null, kind: { notIn: ['DOSSIER', 'RECEIPT', 'CLOSING_REPORT'] } },
    });
    expect(waiting.length).toBeGreaterThan(3);
    const { printRunId, letters } = await createPrintRun({ actor: manager, enqueueJob: false });
    expect(letters).toBe(waiting.length);
    const done = await runPrintRun({ tenantId: tenantA, printRunId });
    if ('skipped' in done) throw new Error('skipped');
    const expectedPages = waiting.reduce((sum, d) => sum + d.pages, 0);
    expect(done).toMatchObject({ letters: waiting.length, pages: expectedPages });
    const pdf = (await readStored(done.pdfKey)).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)?.length).toBe(expectedPages);
    const csv = (await readStored(done.manifestKey)).toString('utf8').trim().split('\r\n');
    expect(csv).toHaveLength(waiting.length + 1);
    await expect(createPrintRun({ actor: manager, enqueueJob: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await runPrintRun({ tenantId: tenantA, printRunId })).toEqual({ skipped: true });

    const file = await getPrintRunFile({ actor: manager, printRunId, part: 'manifest' });
    expect(file.contentType).toContain('text/csv');
    file.stream.destroy();
    await expect(getPrintRunFile({ actor: managerB, printRunId, part: 'pdf' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getPrintRunFile({ actor: agent, printRunId, part: 'pdf' })).rejects.toBeInstanceOf(AppError);
  });

  it('another agency cannot run, see or start steps of these files', async () => {
    const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 80_000 });
    await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: letterVersion }, now: T0 });
    expect(
      await runStep({ tenantId: tenantB, fileId, versionId: letterVersion, step: 0, run: 1 }, { now: T0 }),
    ).toEqual({
      outcome: 'STALE',
    });
    expect((await sweepDueSteps({ producer, now: at(60), tenantId: tenantB })).enqueued).toBe(0);
    await expect(assignScenario({ actor: managerB, input: { fileId } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resumeScenario({ actor: managerB, input: { fileId } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.stepExecution.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
    void DAY;
  });
});
