import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { dayIn } from '../../lib/dates/days';
import { correctClaim } from '../../lib/activity/correct-claim';
import { closeFile } from '../../lib/closing/close-file';
import { fileClosings } from '../../lib/closing/queries';
import { answerAgreement } from '../../lib/escalation/answer-agreement';
import { approveEscalation } from '../../lib/escalation/approve-escalation';
import { agreementsAsked, escalationQueue } from '../../lib/escalation/queries';
import { injunctionRequestData } from '../../lib/judicial/injunction-request-data';
import { fileProcedures, judicialBoard } from '../../lib/judicial/queries';
import { recordProcedureStep } from '../../lib/judicial/record-procedure-step';
import { renderInjunctionRequest } from '../../lib/letters/injunction-request';
import { fileAmounts } from '../../lib/payments/file-amounts';
import { recordPayment } from '../../lib/payments/record-payment';
import { judicialPipeline } from '../../lib/reports/judicial-pipeline';
import { applyDirtyFiles, rebuildReports } from '../../lib/reports/summaries';
import { recountCourtCalendars } from '../../lib/judicial/recount-court-calendars';
import { inTenant } from '../../lib/db/tenant';
import type { Actor } from '../../lib/tenancy/actor';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

// Issue 16, the judicial phase: a file escalated after its pre-judicial warning, approved with a route (the
// procedure starts), an order to pay filed, granted, served, left without opposition, enforceable, paid through the
// commissaire de justice; a service deadline that lapses; the creditor's agreement when it advances the costs; and
// walls against another agency and another creditor. Dates in 2026, before the machine's today (payments check it).

const owner = ownerDb();
const at = (day: string) => new Date(`${day}T10:00:00Z`);
let tenantId: string;
let manager: Actor;
let agent: Actor;
let creditorUser: Actor;
let otherCreditorUser: Actor;
let managerB: Actor;
/** The procedure the creditor agreed to (third test): still at its start, moved on by the pipeline test. */
let agreedProcedureId: string;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    seed: 161,
    files: 1,
    password: 'x',
    slug: uniqueSlug('jud'),
    name: 'Jud',
  }));
  const b = await seedAgency(owner, { seed: 162, files: 1, password: 'x', slug: uniqueSlug('jud-b'), name: 'Jud B' });
  [manager, agent, creditorUser, managerB] = await Promise.all([
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'AGENT'),
    actorFor(owner, tenantId, 'CREDITOR'),
    actorFor(owner, b.tenantId, 'MANAGER'),
  ]);
  const other = await owner.creditor.create({
    data: {
      tenantId,
      code: `OTH-${randomUUID().slice(0, 6).toUpperCase()}`,
      name: 'Autre',
      address: '1 rue X',
      postcode: '75001',
      city: 'Paris',
    },
  });
  const identity = await owner.identity.create({
    data: { email: `jud-${randomUUID()}@example.test`, passwordHash: 'x', name: 'Autre Créancier' },
  });
  const membership = await owner.membership.create({
    data: { tenantId, identityId: identity.id, role: 'CREDITOR', creditorId: other.id },
  });
  otherCreditorUser = await resolveActor({ tenantId, membershipId: membership.id, identityId: identity.id });
  // The creditor's mandate covers the judicial phase from before the files were placed.
  await owner.mandate.updateMany({
    where: { tenantId, creditorId: creditorUser.creditorId! },
    data: { scope: 'AMICABLE_AND_JUDICIAL', startsOn: new Date('2025-01-01T00:00:00Z'), endsOn: null },
  });
});
afterAll(async () => {
  await owner.$disconnect();
});

/** A B2B file of the creditor user's creditor, warned on 2 February 2026 and escalated: the escalation's id. */
async function escalatedFile(
  principalCents = 120_000,
  address = { line1: '3 quai Perrache', postcode: '69002', city: 'Lyon' },
): Promise<{ fileId: string; escalationId: string }> {
  const creditorId = creditorUser.creditorId!;
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId, creditorId } });
  const suffix = randomUUID().slice(0, 8);
  const debtor = await owner.debtor.create({
    data: {
      tenantId,
      kind: 'COMPANY',
      displayName: `Société Jud ${suffix}`,
      companyName: `Société Jud ${suffix}`,
      siren: '552100554',
    },
  });
  await owner.contactPoint.create({
    data: {
      tenantId,
      debtorId: debtor.id,
      kind: 'ADDRESS',
      ...address,
      status: 'VALID',
    },
  });
  const file = await owner.caseFile.create({
    data: {
      tenantId,
      creditorId,
      debtorId: debtor.id,
      mandateId: mandate.id,
      status: 'AWAITING_JUDICIAL',
      phase: 'JUDICIAL',
      nature: 'B2B',
      placedAt: new Date('2026-01-05T08:00:00Z'),
    },
  });
  await owner.claim.create({
    data: {
      tenantId,
      fileId: file.id,
      creditorId,
      invoiceNumber: `JUD-${suffix}`,
      nature: 'B2B',
      issuedOn: new Date('2025-11-01T00:00:00Z'),
      dueOn: new Date('2025-12-01T00:00:00Z'),
      principalCents: BigInt(principalCents),
    },
  });
  await owner.document.create({
    data: {
      tenantId,
      fileId: file.id,
      kind: 'PRE_JUDICIAL_WARNING',
      storageKey: 'x',
      reference: `AV-${suffix}`,
      sentOn: new Date('2026-02-02T00:00:00Z'),
      deadlineOn: new Date('2026-02-17T00:00:00Z'),
    },
  });
  const escalation = await owner.escalation.create({
    data: { tenantId, fileId: file.id, executionKey: `test:${file.id}`, createdAt: at('2026-02-20') },
  });
  return { fileId: file.id, escalationId: escalation.id };
}

const step = (procedureId: string, kind: string, on: string, extra: Record<string, unknown> = {}, actor = agent) =>
  recordProcedureStep({ actor, input: { procedureId, kind, on, ...extra }, now: at(on) });
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

describe('an order to pay from escalation to payment', () => {
  it('runs escalated → approved → filed → granted → served → no opposition → enforceable → paid by the partner', async () => {
    const { fileId, escalationId } = await escalatedFile();

    // The queue shows the file with its amounts, limitation date and each route's cost against the amount.
    const queue = await escalationQueue({ actor: manager, now: at('2026-03-02') });
    const row = queue.escalations.find((e) => e.id === escalationId)!;
    expect(row.claims).toHaveLength(1);
    expect(row.claims[0]!.principalDueCents).toBe(120_000);
    expect(row.claims[0]!.limitationOn).toBe('2030-12-01'); // commercial, 5 years from the due date (L110-4)
    expect(row.totals.interestDueCents).toBeGreaterThan(0);
    expect(row.mandate).toMatchObject({ scope: 'AMICABLE_AND_JUDICIAL', judicialCostsBy: 'AGENCY' });
    expect(row.estimates.find((e) => e.route === 'PETITES_CREANCES')!.overCeiling).toBe(false);

    const approved = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER', note: 'dossier solide' },
      now: at('2026-03-02'),
    });
    expect(approved).toMatchObject({ status: 'APPROVED', fileStatus: 'AWAITING_JUDICIAL' });
    const procedureId = approved.procedureId!;
    expect(
      (await escalationQueue({ actor: manager, now: at('2026-03-02') })).escalations.map((e) => e.id),
    ).not.toContain(escalationId);

    // Filing interrupts the limitation (C. civ. 2241): five more years from the filing day.
    await step(procedureId, 'REQUEST_FILED', '2026-03-03', { court: 'Tribunal de commerce de Lyon' });
    const claim = await owner.claim.findFirstOrThrow({ where: { tenantId, fileId, origin: 'INVOICE' } });
    expect(day(claim.limitationOn)).toBe('2031-03-03');

    // The request for the order, as a PDF (kept as evidence for the issue).
    const request = await injunctionRequestData({ actor: agent, procedureId, now: at('2026-03-03') });
    expect(request.data.claims[0]).toMatchObject({ principalCents: 120_000, otherCents: 4000 });
    expect(request.data.exhibits.map((e) => e.label).join(' | ')).toMatch(/Mandat.*Facture n° JUD-.*Avertissement/);
    const pdf = await renderInjunctionRequest(request.data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    mkdirSync('test-results/judicial', { recursive: true });
    writeFileSync('test-results/judicial/injunction-request.pdf', pdf);

    // Granted on Friday 20 March 2026 with €33.47 of costs: service within six months, 20 September 2026 being a
    // Sunday → Monday 21 September (CPC 1411, 642); the task falls a week earlier.
    const granted = await step(procedureId, 'ORDER_GRANTED', '2026-03-20', { courtCosts: '33,47' });
    expect(granted.deadlines).toEqual([{ kind: 'SERVICE', dueOn: '2026-09-21' }]);
    const task = await owner.task.findFirstOrThrow({ where: { tenantId, fileId, kind: 'JUDICIAL_DEADLINE' } });
    expect(task.noteRef).toMatchObject({
      key: 'judicial.deadline',
      values: { deadline: 'SERVICE', dueOn: '2026-09-21' },
    });
    const costs = await owner.claim.findFirstOrThrow({ where: { tenantId, fileId, origin: 'COURT_COSTS' } });
    expect(Number(costs.principalCents)).toBe(3347);

    // Served on Friday 10 April: the opposition month ends Sunday 10 May → Monday 11 May (CPC 1416, 642).
    const served = await step(procedureId, 'ORDER_SERVED', '2026-04-10');
    expect(served.deadlines).toEqual([{ kind: 'OPPOSITION', dueOn: '2026-05-11' }]);
    // The service task leaves the agenda with the deadline met.
    expect((await owner.task.findFirstOrThrow({ where: { tenantId, id: task.id } })).status).toBe('DONE');
    // Not before the month ran out…
    await expect(step(procedureId, 'NO_OPPOSITION', '2026-05-11')).rejects.toMatchObject({
      code: 'INVALID',
      fieldRefs: { on: { key: 'judicial.errors.deadlineNotOver' } },
    });
    // …then enforceable from Tuesday 12 May (CPC 1422): ten years under the title (CPCE L111-4).
    const enforceable = await step(procedureId, 'NO_OPPOSITION', '2026-05-13');
    expect(enforceable).toMatchObject({ titleOn: '2026-05-12', outcome: 'TITLE' });
    const titled = await owner.claim.findMany({ where: { tenantId, fileId } });
    for (const c of titled) {
      expect(day(c.titleEnforceableOn)).toBe('2026-05-12');
      expect(c.limitationBasis).toBe('COURT_TITLE');
      expect(day(c.limitationOn)).toBe('2036-05-12');
    }
    await step(procedureId, 'ENFORCEMENT_STARTED', '2026-05-20');

    // The history is complete and in order; the deadlines were met.
    const { procedures } = await fileProcedures({ actor: manager, fileId, now: at('2026-05-20') });
    expect(procedures[0]!.steps.map((s) => s.kind)).toEqual([
      'STARTED',
      'REQUEST_FILED',
      'ORDER_GRANTED',
      'ORDER_SERVED',
      'NO_OPPOSITION',
      'ENFORCEMENT_STARTED',
    ]);
    expect(procedures[0]!.deadlines.map((d) => d.state)).toEqual(['MET', 'MET']);

    // The commissaire de justice collects everything and passes it on: a payment like any other, source partner.
    const amounts = await fileAmounts(manager, fileId);
    const version = (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } })).version;
    const paid = await recordPayment({
      actor: agent,
      fileId,
      amount: amounts.totals.dueCents,
      method: 'TRANSFER',
      receivedOn: dayIn('Europe/Paris'),
      expectedVersion: version,
      source: 'partner',
    });
    expect(paid.status).toBe('PAID');
    const payment = await owner.payment.findFirstOrThrow({ where: { tenantId, id: paid.paymentId } });
    expect(payment.source).toBe('partner');
    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'payment.recorded' } });
    expect(line.details).toMatchObject({ partner: true });
    expect(
      await owner.activity.count({
        where: { tenantId, fileId, kind: { in: ['judicial.step', 'judicial.costs_awarded'] } },
      }),
    ).toBe(6);
    // Paid in full, the file is closed, and so is its procedure: outcome PAID, its title kept, a last step.
    const ended = await owner.judicialProcedure.findFirstOrThrow({ where: { tenantId, id: procedureId } });
    expect([ended.stage, ended.outcome, day(ended.endedOn), day(ended.titleOn)]).toEqual([
      'FILE_CLOSED',
      'PAID',
      dayIn('Europe/Paris'),
      '2026-05-12',
    ]);
    const last = await owner.judicialStep.findFirstOrThrow({
      where: { tenantId, procedureId },
      orderBy: { recordedAt: 'desc' },
    });
    expect([last.kind, last.details, last.recordedBy]).toEqual(['FILE_CLOSED', { status: 'PAID' }, agent.membershipId]);
  });
});

describe('a lapsed service deadline', () => {
  it('shows red on the board and the file, refuses a late service, and voids the order', async () => {
    const { fileId, escalationId } = await escalatedFile(80_000);
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    await step(procedureId!, 'REQUEST_FILED', '2026-03-03');
    // Granted Thursday 5 March: six months → Saturday 5 September → Monday 7 September.
    const granted = await step(procedureId!, 'ORDER_GRANTED', '2026-03-05');
    expect(granted.deadlines).toEqual([{ kind: 'SERVICE', dueOn: '2026-09-07' }]);

    const before = await judicialBoard({ actor: manager, now: at('2026-09-01') });
    expect(before.board.find((r) => r.procedureId === procedureId)!.worst).toBe('DUE_SOON');
    const after = await judicialBoard({ actor: manager, now: at('2026-09-08') });
    const row = after.board.find((r) => r.procedureId === procedureId)!;
    expect(row.worst).toBe('LAPSED');
    expect(after.board[0]!.worst).toBe('LAPSED'); // lapsed lines come first
    const onFile = await fileProcedures({ actor: agent, fileId, now: at('2026-09-08') });
    expect(onFile.procedures[0]!.deadlines[0]).toMatchObject({ kind: 'SERVICE', state: 'LAPSED' });

    // Served too late: refused, the order is void (CPC 1411), and the procedure ends so.
    await expect(step(procedureId!, 'ORDER_SERVED', '2026-09-08')).rejects.toMatchObject({
      code: 'INVALID',
      fieldRefs: { on: { key: 'judicial.errors.deadlineLapsed' } },
    });
    await expect(step(procedureId!, 'ORDER_LAPSED', '2026-09-07')).rejects.toMatchObject({ code: 'INVALID' });
    expect(await step(procedureId!, 'ORDER_LAPSED', '2026-09-08')).toMatchObject({ outcome: 'LAPSED' });
    const procedure = await owner.judicialProcedure.findFirstOrThrow({ where: { tenantId, id: procedureId! } });
    expect([procedure.outcome, day(procedure.endedOn)]).toEqual(['LAPSED', '2026-09-08']);
    await expect(step(procedureId!, 'ENFORCEMENT_STARTED', '2026-09-09')).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('sending back, the creditor’s agreement and the walls', () => {
  it('sends a file back to the amicable phase with a reason from the list', async () => {
    const { fileId, escalationId } = await escalatedFile();
    await expect(
      approveEscalation({ actor: manager, input: { escalationId, decision: 'REJECTED', reason: 'NOPE' } }),
    ).rejects.toMatchObject({ code: 'INVALID', fieldRefs: { reason: expect.anything() } });
    const sent = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'REJECTED', reason: 'NEW_ADDRESS', note: 'adresse trouvée' },
      now: at('2026-03-02'),
    });
    expect(sent.status).toBe('REJECTED');
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
    expect(file.status).toBe('IN_PROGRESS');
    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'escalation.rejected' } });
    expect(line.details).toMatchObject({ reason: 'NEW_ADDRESS', note: 'adresse trouvée' });
  });

  it('waits for the creditor who advances the costs; another creditor, agency or role cannot see or act', async () => {
    await owner.mandate.updateMany({
      where: { tenantId, creditorId: creditorUser.creditorId! },
      data: { judicialCostsBy: 'CREDITOR' },
    });
    try {
      const { fileId, escalationId } = await escalatedFile();
      const input = { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' };
      // Another agency's manager, an agent, a creditor user: not found.
      await expect(approveEscalation({ actor: managerB, input })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(approveEscalation({ actor: agent, input })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(approveEscalation({ actor: creditorUser, input })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // Small claims over €5,000 are refused by their ceiling (L125-1).
      const big = await escalatedFile(600_000);
      await expect(
        approveEscalation({
          actor: manager,
          input: { escalationId: big.escalationId, decision: 'APPROVED', route: 'PETITES_CREANCES' },
          now: at('2026-03-02'),
        }),
      ).rejects.toMatchObject({ code: 'INVALID', fieldRefs: { route: { key: 'escalation.errors.overCeiling' } } });

      const asked = await approveEscalation({ actor: manager, input, now: at('2026-03-02') });
      expect(asked).toMatchObject({ status: 'AWAITING_CREDITOR', procedureId: null });
      expect(await owner.judicialProcedure.count({ where: { tenantId, fileId } })).toBe(0);

      // The other creditor sees nothing and cannot answer; the other agency neither.
      expect(await agreementsAsked({ actor: otherCreditorUser })).toEqual([]);
      const answer = { escalationId, answer: 'ACCEPT' };
      await expect(answerAgreement({ actor: otherCreditorUser, input: answer })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(answerAgreement({ actor: managerB, input: answer })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(answerAgreement({ actor: manager, input: answer })).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const mine = await agreementsAsked({ actor: creditorUser, now: at('2026-03-03') });
      expect(mine.map((a) => a.id)).toContain(escalationId);
      const accepted = await answerAgreement({ actor: creditorUser, input: answer, now: at('2026-03-03') });
      expect(accepted.procedureId).toBeTruthy();
      const escalation = await owner.escalation.findFirstOrThrow({ where: { tenantId, id: escalationId } });
      expect([escalation.status, escalation.agreement, escalation.route]).toEqual([
        'APPROVED',
        'ACCEPTED',
        'INJONCTION_DE_PAYER',
      ]);

      // Its procedure: another creditor or agency cannot read it, record a step or print its request.
      const procedureId = accepted.procedureId!;
      agreedProcedureId = procedureId;
      expect((await fileProcedures({ actor: otherCreditorUser, fileId })).procedures).toEqual([]);
      expect((await fileProcedures({ actor: creditorUser, fileId })).procedures).toHaveLength(1);
      for (const actor of [managerB, otherCreditorUser, creditorUser]) {
        await expect(step(procedureId, 'REQUEST_FILED', '2026-03-04', {}, actor)).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
        await expect(injunctionRequestData({ actor, procedureId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(judicialBoard({ actor: creditorUser })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await judicialBoard({ actor: managerB })).board.map((r) => r.procedureId)).not.toContain(procedureId);
    } finally {
      await owner.mandate.updateMany({
        where: { tenantId, creditorId: creditorUser.creditorId! },
        data: { judicialCostsBy: 'AGENCY' },
      });
    }
  });
});

describe('the judicial pipeline in the summary tables', () => {
  const facts = () =>
    owner.judicialFact.findMany({
      where: { tenantId },
      orderBy: [{ route: 'asc' }, { stage: 'asc' }, { outcome: 'asc' }],
    });

  it('counts procedures by stage, success and time to title; the incremental apply equals the rebuild', async () => {
    await rebuildReports(tenantId);
    const { routes } = await judicialPipeline({ actor: manager });
    // Three orders to pay: one titled (2 March → 12 May: 71 days), one void (lapsed), one just agreed.
    expect(routes).toEqual([
      expect.objectContaining({
        route: 'INJONCTION_DE_PAYER',
        procedures: 3,
        // The titled one was paid in full: its file closed and so did it (FILE_CLOSED, outcome PAID, title kept).
        stages: { STARTED: 1 },
        titled: 1,
        successRate: 0.5,
        daysToTitle: 71,
        costsCents: 3 * 13_347,
        deadlinesLapsed: 0,
      }),
    ]);
    expect(routes[0]!.collectedCents).toBeGreaterThan(120_000);
    await expect(judicialPipeline({ actor: creditorUser })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // A step marks its file: the worker's apply moves the facts as a full rebuild would.
    await step(agreedProcedureId, 'REQUEST_FILED', '2026-03-04');
    await applyDirtyFiles(tenantId);
    const applied = await facts();
    expect(applied.find((f) => f.stage === 'REQUEST_FILED')?.procedures).toBe(1);
    await rebuildReports(tenantId);
    expect(await facts()).toEqual(applied);
  });
});

describe('a file that closes ends its running procedure, whatever closed it', () => {
  it('a closing decision: IRRECOVERABLE, its open deadline out of the agenda, no step after, off the board', async () => {
    const { fileId, escalationId } = await escalatedFile(90_000);
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    await step(procedureId!, 'REQUEST_FILED', '2026-03-03');
    await step(procedureId!, 'ORDER_GRANTED', '2026-03-05');
    const serviceTask = await owner.task.findFirstOrThrow({ where: { tenantId, fileId, kind: 'JUDICIAL_DEADLINE' } });
    expect(serviceTask.status).toBe('OPEN');

    const version = (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } })).version;
    const closed = await closeFile({
      actor: manager,
      input: { fileId, expectedVersion: version, reason: 'UNTRACEABLE', note: 'FICOBA, voisinage, annuaires' },
      // 23:30 in Paris on 1 April is still 1 April there (21:30 UTC): the procedure ends on the agency's day.
      now: new Date('2026-04-01T21:30:00Z'),
    });
    expect(closed).toMatchObject({ outcome: 'CLOSED' });

    const procedure = await owner.judicialProcedure.findFirstOrThrow({ where: { tenantId, id: procedureId! } });
    expect([procedure.stage, procedure.outcome, day(procedure.endedOn), procedure.titleOn]).toEqual([
      'FILE_CLOSED',
      'IRRECOVERABLE',
      '2026-04-01',
      null,
    ]);
    expect((await owner.task.findFirstOrThrow({ where: { tenantId, id: serviceTask.id } })).status).toBe('CANCELLED');
    const { procedures } = await fileProcedures({ actor: agent, fileId, now: at('2026-04-02') });
    expect(procedures[0]!.steps.map((s) => s.kind)).toEqual([
      'STARTED',
      'REQUEST_FILED',
      'ORDER_GRANTED',
      'FILE_CLOSED',
    ]);
    expect(procedures[0]!.outcome).toBe('IRRECOVERABLE');
    // Its service deadline, open when the file closed, does not turn into a red line once its day has passed.
    const later = await fileProcedures({ actor: agent, fileId, now: at('2026-09-08') });
    expect(later.procedures[0]!.deadlines[0]).toMatchObject({ kind: 'SERVICE', state: 'OPEN' });
    // Ended: nothing more is recorded on it, and the board of running procedures no longer shows it.
    await expect(step(procedureId!, 'ORDER_SERVED', '2026-04-02')).rejects.toMatchObject({ code: 'CONFLICT' });
    const board = await judicialBoard({ actor: manager, now: at('2026-09-08') });
    expect(board.board.map((r) => r.procedureId)).not.toContain(procedureId);
  });

  it('a correction that cancels the last claim: WITHDRAWN, with its closing row and report like any closing', async () => {
    const { fileId, escalationId } = await escalatedFile(70_000);
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    await step(procedureId!, 'REQUEST_FILED', '2026-03-03');
    const claim = await owner.claim.findFirstOrThrow({ where: { tenantId, fileId } });
    const version = (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } })).version;
    const corrected = await correctClaim({
      actor: agent,
      input: { fileId, claimId: claim.id, expectedVersion: version, cancel: 'on', reason: 'Avoir AV-16 du créancier' },
    });
    expect(corrected.status).toBe('WITHDRAWN');

    const procedure = await owner.judicialProcedure.findFirstOrThrow({ where: { tenantId, id: procedureId! } });
    expect([procedure.stage, procedure.outcome, day(procedure.endedOn)]).toEqual([
      'FILE_CLOSED',
      'WITHDRAWN',
      dayIn('Europe/Paris'),
    ]);
    const closings = await owner.fileClosing.findMany({ where: { tenantId, fileId } });
    expect(closings).toHaveLength(1);
    expect(closings[0]).toMatchObject({
      reason: 'WITHDRAWN',
      status: 'CLOSED',
      statusFrom: 'AWAITING_JUDICIAL',
      statusTo: 'WITHDRAWN',
      owedCents: 0n,
      requestedBy: agent.membershipId,
      decidedBy: agent.membershipId,
    });
    expect(closings[0]!.reportDocumentId).not.toBeNull();
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, entityId: closings[0]!.id } });
    expect([audit.action, audit.actorId]).toEqual(['closing.decided', agent.membershipId]);
    const report = await owner.document.findFirstOrThrow({
      where: { tenantId, id: closings[0]!.reportDocumentId! },
    });
    expect(report.kind).toBe('CLOSING_REPORT');
    // The creditor hears of it as of any closing: the report by e-mail, and on its portal.
    expect(await owner.outboundMessage.count({ where: { tenantId, fileId, audience: 'CREDITOR' } })).toBeGreaterThan(0);
    const seen = await fileClosings(creditorUser, fileId);
    expect(seen.closings).toHaveLength(1);
    expect(seen.closings[0]).toMatchObject({ reason: 'WITHDRAWN', hasReport: true });
  });
});

describe('deadlines in the calendar of the court', () => {
  it('a debtor in Metz: the procedure counts in Alsace-Moselle’s holidays, St Stephen’s Day skipped', async () => {
    const { fileId, escalationId } = await escalatedFile(60_000, {
      line1: '1 place d’Armes',
      postcode: '57000',
      city: 'Metz',
    });
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    const procedure = await owner.judicialProcedure.findFirstOrThrow({ where: { tenantId, id: procedureId! } });
    expect(procedure.holidayRegion).toBe('FR_ALSACE_MOSELLE');
    await step(procedureId!, 'REQUEST_FILED', '2028-10-02', { court: 'Tribunal judiciaire de Metz' });
    await step(procedureId!, 'ORDER_GRANTED', '2028-10-20');
    // Served Sunday 26 November 2028: the month ends Tuesday 26 December, a holiday in Moselle → Wednesday 27.
    const served = await step(procedureId!, 'ORDER_SERVED', '2028-11-26');
    expect(served.deadlines).toEqual([{ kind: 'OPPOSITION', dueOn: '2028-12-27' }]);
    const { procedures } = await fileProcedures({ actor: creditorUser, fileId, now: at('2028-11-27') });
    expect(procedures[0]).toMatchObject({ holidayRegion: 'FR_ALSACE_MOSELLE' });
    // Not before the 27th is over: no opposition can be noted on the 27th itself.
    await expect(step(procedureId!, 'NO_OPPOSITION', '2028-12-27')).rejects.toMatchObject({ code: 'INVALID' });
    expect(await step(procedureId!, 'NO_OPPOSITION', '2028-12-28')).toMatchObject({ titleOn: '2028-12-28' });
  });

  it('a debtor in Lyon keeps the metropolitan calendar', async () => {
    const { escalationId } = await escalatedFile(60_000);
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    await step(procedureId!, 'REQUEST_FILED', '2028-10-02');
    await step(procedureId!, 'ORDER_GRANTED', '2028-10-20');
    const served = await step(procedureId!, 'ORDER_SERVED', '2028-11-26');
    expect(served.deadlines).toEqual([{ kind: 'OPPOSITION', dueOn: '2028-12-26' }]);
  });

  it('a procedure started before its calendar was recorded is counted again in its court’s, once', async () => {
    const { escalationId } = await escalatedFile(60_000, {
      line1: '3 rue des Clercs',
      postcode: '57000',
      city: 'Metz',
    });
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    await step(procedureId!, 'REQUEST_FILED', '2028-10-02');
    await step(procedureId!, 'ORDER_GRANTED', '2028-10-20');
    await step(procedureId!, 'ORDER_SERVED', '2028-11-26');
    // As such a procedure stood: the metropolitan calendar, the opposition month ending on 26 December, a holiday in
    // Moselle; its agenda task set for that day; marked for the recount (migration 20261209121000).
    // Only the migration marks a procedure (a trigger refuses it otherwise): done here as the migration would.
    await owner.$transaction(async (t) => {
      await t.$executeRawUnsafe('SET LOCAL session_replication_role = replica');
      await t.judicialProcedure.update({
        where: { tenantId_id: { tenantId, id: procedureId! } },
        data: { holidayRegion: 'FR', calendarRecount: true },
      });
    });
    const deadline = await owner.judicialDeadline.findFirstOrThrow({
      where: { tenantId, procedureId: procedureId!, kind: 'OPPOSITION' },
    });
    await owner.judicialDeadline.update({
      where: { tenantId_id: { tenantId, id: deadline.id } },
      data: { dueOn: new Date('2028-12-26T00:00:00Z') },
    });
    // Its task a week before 26 December, at the start of the day in Paris.
    await owner.task.update({
      where: { tenantId_id: { tenantId, id: deadline.taskId! } },
      data: { dueAt: new Date('2028-12-18T23:00:00Z') },
    });

    const recounted = await inTenant({ tenantId }, (tx) => recountCourtCalendars(tx, tenantId));
    expect(recounted.find((r) => r.procedureId === procedureId)).toEqual({
      procedureId,
      holidayRegion: 'FR_ALSACE_MOSELLE',
      moved: [{ deadlineId: deadline.id, kind: 'OPPOSITION', from: '2028-12-26', to: '2028-12-27' }],
    });
    const after = await owner.judicialProcedure.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: procedureId! } },
    });
    expect([after.holidayRegion, after.calendarRecount]).toEqual(['FR_ALSACE_MOSELLE', false]);
    expect(
      (await owner.judicialDeadline.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: deadline.id } } })).dueOn,
    ).toEqual(new Date('2028-12-27T00:00:00Z'));
    // The agenda follows: the task's note names the new day (its alert day is computed from it).
    const task = await owner.task.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: deadline.taskId! } } });
    expect((task.noteRef as { values: { dueOn: string } }).values.dueOn).toBe('2028-12-27');
    expect(task.dueAt).toEqual(new Date('2028-12-19T23:00:00Z'));
    // Once: a second run finds nothing marked; the rule then reads 27 December as the last day.
    expect(await inTenant({ tenantId }, (tx) => recountCourtCalendars(tx, tenantId))).toEqual([]);
    await expect(step(procedureId!, 'NO_OPPOSITION', '2028-12-27')).rejects.toMatchObject({ code: 'INVALID' });
    // The application role cannot move the day of a deadline, or the calendar, of a procedure no longer marked.
    await expect(
      inTenant({ tenantId }, (tx) =>
        tx.judicialDeadline.update({
          where: { tenantId_id: { tenantId, id: deadline.id } },
          data: { dueOn: new Date('2028-12-29T00:00:00Z') },
        }),
      ),
    ).rejects.toThrow(/keeps its day/);
    await expect(
      inTenant({ tenantId }, (tx) =>
        tx.judicialProcedure.update({
          where: { tenantId_id: { tenantId, id: procedureId! } },
          data: { holidayRegion: 'FR' },
        }),
      ),
    ).rejects.toThrow(/keeps the calendar/);
  });
});

describe('an order to pay granted in part', () => {
  it('brings the invoices down to the sum granted through claim corrections, and the procedure keeps the sum', async () => {
    const { fileId, escalationId } = await escalatedFile(120_000);
    const older = await owner.claim.findFirstOrThrow({ where: { tenantId, fileId } });
    const newer = await owner.claim.create({
      data: {
        tenantId,
        fileId,
        creditorId: creditorUser.creditorId!,
        invoiceNumber: `JUD-N-${randomUUID().slice(0, 6)}`,
        nature: 'B2B',
        issuedOn: new Date('2025-12-10T00:00:00Z'),
        dueOn: new Date('2026-01-10T00:00:00Z'),
        principalCents: 50_000n,
      },
    });
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    await step(procedureId!, 'REQUEST_FILED', '2026-03-03', { requestedAmount: '1700,00' });
    const refused = 'Facture du 10/12 non justifiée';

    // Refused, and nothing written: no reason given, a sum that is the whole principal, a creditor's user.
    await expect(
      step(procedureId!, 'ORDER_PARTLY_GRANTED', '2026-03-20', { grantedAmount: '1400,00' }),
    ).rejects.toMatchObject({ code: 'INVALID', fieldRefs: { note: { key: 'judicial.errors.partialNote' } } });
    await expect(
      step(procedureId!, 'ORDER_PARTLY_GRANTED', '2026-03-20', { grantedAmount: '1700,00', note: refused }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      fieldRefs: { grantedAmount: { key: 'judicial.errors.grantedNotPartial' } },
    });
    await expect(
      step(
        procedureId!,
        'ORDER_PARTLY_GRANTED',
        '2026-03-20',
        { grantedAmount: '1400,00', note: refused },
        creditorUser,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await owner.judicialStep.count({ where: { tenantId, procedureId: procedureId!, kind: 'ORDER_PARTLY_GRANTED' } }),
    ).toBe(0);
    expect(Number((await owner.claim.findFirstOrThrow({ where: { tenantId, id: newer.id } })).principalCents)).toBe(
      50_000,
    );

    // €1,400 of €1,700 granted: the older invoice stays whole, the newer comes down to €200.
    const granted = await step(procedureId!, 'ORDER_PARTLY_GRANTED', '2026-03-20', {
      grantedAmount: '1400,00',
      note: refused,
    });
    expect(granted.deadlines).toEqual([{ kind: 'SERVICE', dueOn: '2026-09-21' }]);
    const after = await owner.claim.findMany({ where: { tenantId, fileId }, orderBy: { dueOn: 'asc' } });
    expect(after.map((c) => [c.id, Number(c.principalCents), c.cancelledAt])).toEqual([
      [older.id, 120_000, null],
      [newer.id, 20_000, null],
    ]);
    expect(Number((await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } })).principalCents)).toBe(
      140_000,
    );
    const procedure = await owner.judicialProcedure.findFirstOrThrow({ where: { tenantId, id: procedureId! } });
    expect([procedure.stage, Number(procedure.grantedCents)]).toEqual(['ORDER_PARTLY_GRANTED', 140_000]);
    // The correction is on the timeline and in the audit trail like an agent's, with the note as its reason.
    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'claim.corrected' } });
    expect(line.details).toMatchObject({ principalCents: 20_000, wasPrincipalCents: 50_000, reason: refused });
    expect(line.actorId).toBe(agent.membershipId);
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'claim.corrected', entityId: newer.id },
    });
    expect([audit.actorId, (audit.details as { reason: string }).reason]).toEqual([agent.membershipId, refused]);
    const { procedures } = await fileProcedures({ actor: creditorUser, fileId, now: at('2026-03-21') });
    expect(procedures[0]).toMatchObject({ grantedCents: 140_000, stage: 'ORDER_PARTLY_GRANTED' });
  });

  it('cancels the newer invoices the sum does not reach', async () => {
    const { fileId, escalationId } = await escalatedFile(120_000);
    const newer = await owner.claim.create({
      data: {
        tenantId,
        fileId,
        creditorId: creditorUser.creditorId!,
        invoiceNumber: `JUD-N-${randomUUID().slice(0, 6)}`,
        nature: 'B2B',
        issuedOn: new Date('2025-12-10T00:00:00Z'),
        dueOn: new Date('2026-01-10T00:00:00Z'),
        principalCents: 50_000n,
      },
    });
    const { procedureId } = await approveEscalation({
      actor: manager,
      input: { escalationId, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
      now: at('2026-03-02'),
    });
    await step(procedureId!, 'REQUEST_FILED', '2026-03-03');
    await step(procedureId!, 'ORDER_PARTLY_GRANTED', '2026-03-20', {
      grantedAmount: '1000',
      note: 'Pénalités refusées',
    });
    const claims = await owner.claim.findMany({ where: { tenantId, fileId }, orderBy: { dueOn: 'asc' } });
    expect(claims.map((c) => [Number(c.principalCents), c.cancelledAt !== null])).toEqual([
      [100_000, false],
      [0, true],
    ]);
    expect(await owner.activity.count({ where: { tenantId, fileId, kind: 'claim.cancelled' } })).toBe(1);
    expect((await owner.claim.findFirstOrThrow({ where: { tenantId, id: newer.id } })).cancelledAt).not.toBeNull();
  });
});
