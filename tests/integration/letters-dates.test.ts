import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { renderBatch, type BatchItem } from '../../lib/letters/batch';
import { approveEscalation } from '../../lib/escalation/approve-escalation';
import { createPrintRun, runPrintRun } from '../../lib/print-runs/create-print-run';
import { markPrintRunPosted } from '../../lib/print-runs/mark-posted';
import { PRINT_RUN_MESSAGES } from '../../lib/print-runs/schemas';
import { importRegisteredMailFile } from '../../lib/registered-mail/read-tracking-file';
import { recordRegisteredMail } from '../../lib/registered-mail/record-registered-mail';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { runStep } from '../../lib/scenarios/run-step';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { postWaitingLetters } from './support/post-letters';
import { CALL_TEMPLATE, TEST_IBAN, makeDebtorFile, makeScenario } from './support/scenario-fixtures';

// Issue 14, "Letters and dates": the R124-4 letter comes first, a scenario without a postal address waits with a
// task, and every date (first letter, formal notice, deadlines, escalation) counts from the posting or La Poste's
// first presentation, never from the day the engine drew the letter. On a fake clock in 2027 (see scenario-engine).

const owner = ownerDb();
const at = (days: number, hoursUtc = 9) => new Date(Date.UTC(2027, 2, 1 + days, hoursUtc)); // day 0: Mon 1 March
const T0 = at(0);

let tenantA: string;
let manager: Actor;
let managerB: Actor;
let agent: Actor;

const SMS = { fr: { body: 'Suite à notre courrier {{firstLetterReference}} du {{firstLetterDate}} : {{amountDue}}.' } };

beforeAll(async () => {
  const a = await seedAgency(owner, {
    slug: uniqueSlug('ltr-a'),
    name: 'Agence Lettres',
    seed: 71,
    files: 1,
    password: 'x',
  });
  const b = await seedAgency(owner, {
    slug: uniqueSlug('ltr-b'),
    name: 'Autre Lettres',
    seed: 72,
    files: 1,
    password: 'x',
  });
  tenantA = a.tenantId;
  await owner.agency.updateMany({
    where: { id: { in: [a.tenantId, b.tenantId] } },
    data: { creditorFundsIban: TEST_IBAN },
  });
  manager = await actorFor(owner, tenantA, 'MANAGER');
  agent = await actorFor(owner, tenantA, 'AGENT');
  managerB = await actorFor(owner, b.tenantId, 'MANAGER');
});

async function onScenario(steps: unknown[], spec: Parameters<typeof makeDebtorFile>[2] = {}) {
  const versionId = await makeScenario(owner, tenantA, steps as never);
  const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 90_000, ...spec });
  await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: versionId }, now: T0 });
  const step = (step: number, now: Date) => runStep({ tenantId: tenantA, fileId, versionId, step, run: 1 }, { now });
  return { versionId, fileId, step };
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

describe('the R124-4 letter comes first', () => {
  it('an SMS before any letter is refused; after an unposted letter it waits; once posted it quotes the letter', async () => {
    const { fileId, step } = await onScenario(
      [
        { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SMS'], templates: { SMS } },
        { delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SIMPLE_LETTER'] },
        { delay: { days: 2, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SMS'], templates: { SMS } },
      ],
      { kind: 'PERSON' },
    ); // a consumer: no interest before a formal notice, so the SMS quotes the principal
    // Step 0: an SMS as first contact (a scenario published before the designer refused it).
    expect(await step(0, T0)).toMatchObject({
      outcome: 'DONE',
      executed: [],
      skipped: [{ channel: 'SMS', reason: 'FIRST_LETTER_MISSING' }],
    });
    expect(await owner.outboundMessage.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
    expect(await step(1, T0)).toMatchObject({ outcome: 'DONE', executed: ['SIMPLE_LETTER'] });
    const letter = await owner.document.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(letter.sentOn).toBeNull(); // drawn, not posted
    // Step 2 is due on day 2 but the letter is still at the agency: the SMS waits, one line on the timeline.
    expect(await step(2, at(2))).toMatchObject({ outcome: 'POSTPONED', reason: 'LETTER_NOT_POSTED' });
    // The run goes to the post on Thursday 4 March (day 3).
    expect(await postWaitingLetters(manager, at(3))).toBeGreaterThanOrEqual(1);
    const posted = await owner.document.findFirstOrThrow({ where: { id: letter.id } });
    expect(day(posted.sentOn)).toBe('2027-03-04');
    // Its delay (2 days) counts from the posting: Saturday 6 March, when the SMS window opens (09:00 in Paris).
    expect(await step(2, at(3))).toEqual({ outcome: 'NOT_DUE', nextRunAt: new Date('2027-03-06T08:00:00Z') });
    const sent = await step(2, at(5));
    expect(sent).toMatchObject({ outcome: 'DONE', executed: ['SMS'] });
    const sms = await owner.outboundMessage.findFirstOrThrow({ where: { tenantId: tenantA, fileId, channel: 'SMS' } });
    // The first letter's date is its sending date (4 March), not the day it was drawn (1 March).
    // …and, its template leaving the debtor's page out, the message ends with the link to it (issue 17). Its
    // amount is written with a plain space, so the SMS stays in the 7-bit alphabet (lib/sms/segments.ts).
    expect(sms.body).toMatch(
      new RegExp(
        `^Suite à notre courrier ${letter.reference} du 4 mars 2027 : 900,00 €\\.\n\nVotre dossier en ligne .*: http://\\S+/d/[A-Za-z0-9_-]{24}$`,
      ),
    );
    const lines = await owner.activity.findMany({
      where: {
        tenantId: tenantA,
        fileId,
        kind: { in: ['scenario.step_postponed', 'scenario.step_skipped', 'letter.posted'] },
      },
      orderBy: { occurredAt: 'asc' },
    });
    expect(lines.map((l) => `${l.kind}:${(l.details as { reason?: string }).reason ?? ''}`)).toEqual([
      'scenario.step_skipped:FIRST_LETTER_MISSING',
      'scenario.step_postponed:LETTER_NOT_POSTED',
      'letter.posted:',
    ]);
  });

  it('an SMS that would take more than 3 parts once filled in is skipped with its reason, not cut', async () => {
    // 440 letters pass the designer (3 parts); the link the engine appends takes it past 459 septets.
    const long = { fr: { body: `${'Merci de nous rappeler. '.repeat(18)}{{amountDue}}` } };
    const { fileId, step } = await onScenario(
      [
        { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
        { delay: { days: 2, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SMS'], templates: { SMS: long } },
      ],
      { kind: 'PERSON' },
    );
    expect(await step(0, T0)).toMatchObject({ outcome: 'DONE', executed: ['SIMPLE_LETTER'] });
    expect(await postWaitingLetters(manager, at(1))).toBeGreaterThanOrEqual(1);
    expect(await step(1, at(5))).toMatchObject({ outcome: 'DONE', executed: [] });
    expect(await owner.outboundMessage.count({ where: { tenantId: tenantA, fileId, channel: 'SMS' } })).toBe(0);
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'scenario.step_skipped' },
    });
    expect(line.details).toMatchObject({ channel: 'SMS', reason: 'SMS_TOO_LONG' });
  });

  it('an e-mail may go with the first letter; an SMS in the same step may not', async () => {
    const { fileId, step } = await onScenario([
      {
        delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
        channels: ['SIMPLE_LETTER', 'EMAIL', 'SMS'],
        templates: { EMAIL: { fr: { subject: 'Dossier {{fileReference}}', body: 'Voir notre courrier.' } }, SMS },
      },
    ]);
    expect(await step(0, T0)).toMatchObject({
      outcome: 'DONE',
      executed: ['SIMPLE_LETTER', 'EMAIL'],
      skipped: [{ channel: 'SMS', reason: 'FIRST_LETTER_MISSING' }],
    });
    const channels = await owner.outboundMessage.findMany({
      where: { tenantId: tenantA, fileId },
      select: { channel: true },
    });
    expect(channels.map((m) => m.channel)).toEqual(['EMAIL']);
  });

  it('an e-mail before any letter is the R124-4 letter where the mandate allows it: the letter goes attached, sent that day, and is quoted', async () => {
    // A manager's choice on the mandate (issue 14; tests/integration/email-first-letter.test.ts goes through it).
    await owner.mandate.updateMany({ where: { tenantId: tenantA }, data: { emailFirstLetter: true } });
    try {
      await emailFirstLetter();
    } finally {
      await owner.mandate.updateMany({ where: { tenantId: tenantA }, data: { emailFirstLetter: false } });
    }
  });

  async function emailFirstLetter() {
    const { fileId, step } = await onScenario(
      [
        {
          delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
          channels: ['EMAIL'],
          templates: { EMAIL: { fr: { subject: 'Dossier {{fileReference}}', body: 'Notre courrier est joint.' } } },
        },
        { delay: { days: 2, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SMS'], templates: { SMS } },
      ],
      { kind: 'PERSON' },
    );
    expect(await step(0, T0)).toMatchObject({ outcome: 'DONE', executed: ['EMAIL'], skipped: [] });
    const letter = await owner.document.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    // The letter with every mention, sent by e-mail on Monday 1 March: no print run to wait for.
    expect(letter).toMatchObject({ kind: 'REMINDER_LETTER', letterData: null });
    expect(letter.reference).toMatch(/^D\d+-1E$/);
    expect(day(letter.sentOn)).toBe('2027-03-01');
    const email = await owner.outboundMessage.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, channel: 'EMAIL' },
    });
    expect(email.documentId).toBe(letter.id);
    // Its SMS two days later runs (the first letter is there) and quotes it with the day it was sent.
    const sms = await step(1, at(2));
    expect(sms).toMatchObject({ outcome: 'DONE', executed: ['SMS'] });
    const text = await owner.outboundMessage.findFirstOrThrow({ where: { tenantId: tenantA, fileId, channel: 'SMS' } });
    expect(text.body).toContain(`Suite à notre courrier ${letter.reference} du 1er mars 2027 : 900,00 €.`);
    const queued = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'email.queued' },
    });
    expect(queued.details).toMatchObject({ letterReference: letter.reference });
  }

  it('without a valid postal address the scenario waits with one task for the agent, and runs nothing else', async () => {
    const { fileId, step } = await onScenario(
      [
        {
          delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
          channels: ['SIMPLE_LETTER', 'EMAIL'],
          templates: { EMAIL: { fr: { subject: 'Dossier {{fileReference}}', body: 'Bonjour.' } } },
        },
      ],
      { address: false },
    );
    expect(await step(0, T0)).toMatchObject({ outcome: 'POSTPONED', reason: 'NO_VALID_ADDRESS' });
    // Checked again the next day: still waiting, still one task, one timeline line.
    expect(await step(0, at(1))).toMatchObject({ outcome: 'POSTPONED', reason: 'NO_VALID_ADDRESS' });
    const tasks = await owner.task.findMany({ where: { tenantId: tenantA, fileId } });
    expect(tasks.map((t) => `${t.kind}:${t.source}:${t.status}`)).toEqual(['REVIEW:scenario:OPEN']);
    expect(tasks[0]).toMatchObject({ note: null, noteRef: { key: 'address.missing', values: {} } });
    expect(await owner.outboundMessage.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
    expect(await owner.document.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
    expect(await owner.activity.count({ where: { tenantId: tenantA, fileId, kind: 'scenario.step_postponed' } })).toBe(
      1,
    );
    // The agent finds an address: the letter and the e-mail go together.
    const { debtorId } = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    await owner.contactPoint.create({
      data: {
        tenantId: tenantA,
        debtorId,
        kind: 'ADDRESS',
        line1: '3 rue Neuve',
        postcode: '69002',
        city: 'Lyon',
        status: 'VALID',
      },
    });
    expect(await step(0, at(2))).toMatchObject({ outcome: 'DONE', executed: ['SIMPLE_LETTER', 'EMAIL'] });
  });

  it('an address the debtor asked not to be written to holds the letter with a task, instead of skipping it', async () => {
    const { fileId, step } = await onScenario([
      {
        delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
        channels: ['SIMPLE_LETTER', 'EMAIL'],
        templates: { EMAIL: { fr: { subject: 'Dossier {{fileReference}}', body: 'Bonjour.' } } },
      },
      { delay: { days: 3, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SMS'], templates: { SMS } },
    ]);
    const { debtorId } = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    await owner.contactPoint.updateMany({
      where: { tenantId: tenantA, debtorId, kind: 'ADDRESS' },
      data: { status: 'DO_NOT_CONTACT', statusChangedAt: T0 },
    });
    expect(await step(0, T0)).toMatchObject({ outcome: 'POSTPONED', reason: 'ADDRESS_DO_NOT_CONTACT' });
    expect(await step(0, at(1))).toMatchObject({ outcome: 'POSTPONED', reason: 'ADDRESS_DO_NOT_CONTACT' });
    // One task for the agent, nothing sent meanwhile, and the scenario did not move on to its SMS.
    const tasks = await owner.task.findMany({ where: { tenantId: tenantA, fileId } });
    expect(tasks.map((t) => `${t.kind}:${t.source}:${t.status}`)).toEqual(['REVIEW:scenario:OPEN']);
    expect(await owner.outboundMessage.count({ where: { tenantId: tenantA, fileId } })).toBe(0);
    const scenario = await owner.fileScenario.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect([scenario.nextStep, scenario.stateReason]).toEqual([0, 'ADDRESS_DO_NOT_CONTACT']);
    // The debtor gives a new address for its mail, which the agent records: the letter goes.
    await owner.contactPoint.create({
      data: {
        tenantId: tenantA,
        debtorId,
        kind: 'ADDRESS',
        line1: '5 quai Arloing',
        postcode: '69009',
        city: 'Lyon',
        status: 'VALID',
      },
    });
    expect(await step(0, at(2))).toMatchObject({ outcome: 'DONE', executed: ['SIMPLE_LETTER', 'EMAIL'] });
  });
});

describe('a delay the scenario counts from the last letter’s posting', () => {
  it('moves with the day the letter left, even when a step without a letter ran in between', async () => {
    const { fileId, step } = await onScenario(
      [
        { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
        {
          delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' },
          channels: ['CALL_TASK'],
          templates: { CALL_TASK: CALL_TEMPLATE },
        },
        { delay: { days: 10, kind: 'CALENDAR', from: 'LETTER_POSTED' }, channels: ['SMS'], templates: { SMS } },
      ],
      { kind: 'PERSON' },
    );
    expect(await step(0, T0)).toMatchObject({ outcome: 'DONE', executed: ['SIMPLE_LETTER'] });
    // Posted on Friday 5 March (day 4): the call task waits for it, then runs the same day.
    expect(await step(1, at(1))).toMatchObject({ outcome: 'POSTPONED', reason: 'LETTER_NOT_POSTED' });
    expect(await postWaitingLetters(manager, at(4))).toBeGreaterThanOrEqual(1);
    expect(await step(1, at(4))).toMatchObject({ outcome: 'DONE', executed: ['CALL_TASK'] });
    // Ten days from the posting (Monday 15 March, 08:00 Paris when the SMS window opens), not from the placement, the letter's drawing or the
    // call task: the engine schedules it there, and a sweep that wakes it earlier is sent back to that instant.
    const row = await owner.fileScenario.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(row.nextRunAt).toEqual(new Date('2027-03-15T07:00:00Z'));
    await owner.fileScenario.update({
      where: { tenantId_fileId: { tenantId: tenantA, fileId } },
      data: { nextRunAt: at(5) },
    });
    expect(await step(2, at(5))).toEqual({ outcome: 'NOT_DUE', nextRunAt: new Date('2027-03-15T07:00:00Z') });
    expect(await step(2, at(14))).toMatchObject({ outcome: 'DONE', executed: ['SMS'] });
  });
});

describe('dates that count', () => {
  const NOTICE_STEPS = [
    { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
    { delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
  ];

  it('the formal notice is dated by its posting, then by its first presentation from the tracking file', async () => {
    const { fileId, step } = await onScenario(NOTICE_STEPS, { kind: 'PERSON' });
    await step(0, T0);
    await postWaitingLetters(manager, T0);
    expect(await step(1, T0)).toMatchObject({ outcome: 'DONE', executed: ['FORMAL_NOTICE'] });
    // Drawn Monday 1 March: no date yet, the printed deadline is 9 March (8 days).
    let file = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    expect(file.formalNoticeOn).toBeNull();
    const notice = await owner.document.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'FORMAL_NOTICE' },
    });
    expect(day(notice.deadlineOn)).toBe('2027-03-09');

    // The run is posted Wednesday 3 March: the notice's date, and 8 days from it (11 March).
    const run = await createPrintRun({ actor: manager, enqueueJob: false });
    await runPrintRun({ tenantId: tenantA, printRunId: run.printRunId });
    await expect(
      markPrintRunPosted({ actor: managerB, now: at(2), printRunId: run.printRunId, postedOn: '2027-03-03' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      markPrintRunPosted({ actor: manager, now: at(2), printRunId: run.printRunId, postedOn: '2027-03-04' }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { postedOn: PRINT_RUN_MESSAGES.postedInFuture } });
    await expect(
      markPrintRunPosted({ actor: manager, now: at(2), printRunId: run.printRunId, postedOn: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { postedOn: PRINT_RUN_MESSAGES.postedBeforeRun } });
    await markPrintRunPosted({ actor: manager, now: at(2), printRunId: run.printRunId, postedOn: '2027-03-03' });
    await expect(
      markPrintRunPosted({ actor: manager, now: at(2), printRunId: run.printRunId, postedOn: '2027-03-03' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    file = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    expect(day(file.formalNoticeOn)).toBe('2027-03-03');
    expect(day((await owner.document.findFirstOrThrow({ where: { id: notice.id } })).deadlineOn)).toBe('2027-03-11');

    // La Poste's file: deposited on the 3rd, first presented Friday 5 March. The notice counts from the
    // presentation (C. civ. 1344), and its 8 days run to 13 March.
    const text =
      ['letter_reference;sent_on;date_premiere_presentation', `${notice.reference};03/03/2027;05/03/2027`].join(
        '\r\n',
      ) + '\r\n';
    const result = await importRegisteredMailFile({
      actor: manager,
      content: Readable.from([Buffer.from(text, 'utf8')]),
      fileName: 'suivi.csv',
      now: at(10),
    });
    expect(result).toMatchObject({ status: 'recorded', recorded: 1 });
    const after = await owner.document.findFirstOrThrow({ where: { id: notice.id } });
    expect([day(after.sentOn), day(after.firstPresentedOn), day(after.deadlineOn)]).toEqual([
      '2027-03-03',
      '2027-03-05',
      '2027-03-13',
    ]);
    file = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    expect(day(file.formalNoticeOn)).toBe('2027-03-05');
    // A presentation before the deposit is refused, naming the field.
    await expect(
      recordRegisteredMail({
        actor: agent,
        input: { documentId: notice.id, firstPresentedOn: '2027-03-02' },
        now: at(10),
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { firstPresentedOn: expect.any(String) } });
  });

  it('escalation waits while the pre-judicial warning is returned, and a manager cannot approve it', async () => {
    const { fileId, step } = await onScenario([
      ...NOTICE_STEPS,
      {
        delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' },
        channels: ['PRE_JUDICIAL_WARNING'],
        deadlineDays: 15,
      },
      { delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['ESCALATE'] },
    ]);
    await step(0, T0);
    await postWaitingLetters(manager, T0);
    await step(1, T0);
    await postWaitingLetters(manager, T0);
    expect(await step(2, T0)).toMatchObject({ outcome: 'DONE', executed: ['PRE_JUDICIAL_WARNING'] });
    // Not posted yet: escalation waits for it whatever the deadline.
    expect(await step(3, at(20))).toMatchObject({ outcome: 'POSTPONED', reason: 'LETTER_NOT_POSTED' });
    await postWaitingLetters(manager, at(20));
    const warning = await owner.document.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'PRE_JUDICIAL_WARNING' },
    });
    // Posted Sunday 21 March: 15 days from then, to 5 April; the escalation waits for its deadline.
    expect(day(warning.deadlineOn)).toBe('2027-04-05');
    expect(await step(3, at(30))).toMatchObject({ outcome: 'POSTPONED', reason: 'WARNING_DEADLINE_PENDING' });
    // La Poste returns it "addressee unknown": the debtor was not warned.
    await recordRegisteredMail({
      actor: agent,
      input: { documentId: warning.id, deliveryOutcome: 'UNKNOWN_ADDRESS' },
      now: at(40),
    });
    expect(await step(3, at(40))).toMatchObject({ outcome: 'POSTPONED', reason: 'WARNING_RETURNED' });
    expect(await owner.escalation.count({ where: { tenantId: tenantA, fileId } })).toBe(0);

    // An escalation made before the return (here written directly) cannot be approved while it stays returned.
    const dossier = await owner.document.create({
      data: { tenantId: tenantA, fileId, kind: 'DOSSIER', storageKey: 'x', reference: 'X-DOSSIER' },
    });
    const escalation = await owner.escalation.create({
      data: { tenantId: tenantA, fileId, dossierDocumentId: dossier.id, executionKey: `test:${fileId}` },
    });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId: tenantA, id: fileId } },
      data: { status: 'AWAITING_JUDICIAL' },
    });
    await expect(
      approveEscalation({
        actor: manager,
        input: { escalationId: escalation.id, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', ref: { key: 'escalation.errors.warningReturned' } });
    // Delivered after all (a correction by hand): the approval goes through.
    await recordRegisteredMail({
      actor: agent,
      input: { documentId: warning.id, deliveryOutcome: 'DELIVERED' },
      now: at(41),
    });
    await expect(
      approveEscalation({
        actor: manager,
        input: { escalationId: escalation.id, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      }),
    ).resolves.toMatchObject({ status: 'APPROVED' });
  });
});

describe('a file mixing claim natures', () => {
  it('words each claim’s interest and the €40 per its own nature in the letter as printed', async () => {
    // A company owing a B2B invoice and, for a private purchase, a consumer one (file nature: CONSUMER).
    const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 60_000 });
    const b2b = await owner.claim.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    await owner.claim.create({
      data: {
        tenantId: tenantA,
        fileId,
        creditorId: b2b.creditorId,
        invoiceNumber: `${b2b.invoiceNumber}-P`,
        nature: 'CONSUMER',
        issuedOn: new Date('2026-12-05T00:00:00Z'),
        dueOn: new Date('2027-01-05T00:00:00Z'),
        principalCents: 30_000n,
      },
    });
    expect((await owner.caseFile.findFirstOrThrow({ where: { id: fileId } })).nature).toBe('CONSUMER');
    const versionId = await makeScenario(owner, tenantA, [
      { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
    ] as never);
    await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: versionId }, now: T0 });
    expect(await runStep({ tenantId: tenantA, fileId, versionId, step: 0, run: 1 }, { now: T0 })).toMatchObject({
      outcome: 'DONE',
      executed: ['FORMAL_NOTICE'],
    });
    const doc = await owner.document.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    const { pdf } = await renderBatch([doc.letterData as unknown as BatchItem], {
      title: 'test',
      author: 'test',
      date: '2027-03-01',
    });
    const text = pdfText(pdf);
    const [pro, consumer] = [b2b.invoiceNumber, `${b2b.invoiceNumber}-P`];
    // The B2B invoice's penalties are named as such, never "legal interest" because the file is a consumer one.
    expect(text).toContain(`Facture ${pro} : pénalités de retard (article L441-10 du Code de commerce)`);
    // The consumer invoice bears no interest before this notice: no basis is stated for it, none wrongly for the other.
    expect(text).not.toContain("au taux d'intérêt légal");
    // The €40 for the B2B invoice only (L441-10, D441-5), none for the consumer one (L111-8), without contradiction.
    expect(text).toContain(
      `due entre professionnels pour la facture ${pro} (articles L441-10 et D441-5 du Code de commerce) : c'est la seule somme`,
    );
    expect(text).toContain(
      `La facture ${consumer}, hors relation entre professionnels, ne porte ni indemnité ni frais`,
    );
    expect(text).not.toContain('Aucuns frais de recouvrement ne vous sont réclamés');
    // The formal notice's consequences, per invoice: legal interest from the notice (C. civ. 1231-6), penalties run.
    expect(text).toContain(`Facture ${consumer} : conformément à l'article 1231-6 du Code civil`);
    expect(text).toContain(`Facture ${pro} : les pénalités de retard continuent de courir`);
    writeFileSync('test-results/letter-mixed-natures.pdf', pdf);
  });
});

/** The letter as a reader of the PDF reads it (poppler's pdftotext), on one line per sentence where it wraps. */
function pdfText(pdf: Buffer): string {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/letters-dates-${process.pid}.pdf`;
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-raw', path, '-'])
    .toString('utf8')
    .replace(/\u2019/g, "'")
    .replace(/-\n(?=[a-z])/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\u00a0|\u202f/g, ' ');
}
