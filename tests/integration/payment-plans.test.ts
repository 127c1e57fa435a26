import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, dayIn } from '../../lib/dates/days';
import { inTenant } from '../../lib/db/tenant';
import { seedAgency } from '../../lib/demo/seed-agency';
import { AppError } from '../../lib/errors/app-error';
import { timelineRenderer } from '../../lib/history/render';
import { checkPlans } from '../../lib/payments/check-plans';
import { createPlan } from '../../lib/payments/create-plan';
import { decidePlan } from '../../lib/payments/decide-plan';
import { balancesOn } from '../../lib/cases/file-ledger';
import { PAYMENT_MESSAGES as M } from '../../lib/payments/messages';
import { previewPlan } from '../../lib/payments/preview-plan';
import { withdrawPlan } from '../../lib/payments/withdraw-plan';
import { env } from '../../lib/config/env';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { recordPayment } from '../../lib/payments/record-payment';
import { loadStepFacts } from '../../lib/scenarios/step-facts';
import type { Actor } from '../../lib/tenancy/actor';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { actorFor } from './support/actors';
import { fileWithClaims } from './support/file-with-claims';
import { ownerDb, uniqueSlug } from './support/db';

// Payment plans that say what they cost, and plans the creditor must approve (issue 14, CPCE R124-5).

const owner = ownerDb();
const fr = timelineRenderer('fr', 'Europe/Paris');
const today = dayIn('Europe/Paris');
let tenantId: string;
let agent: Actor;
let creditorUser: Actor;
let otherCreditorUser: Actor;
let capture: CaptureServer;
let mail: MailSender;

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A B2B file of the creditor user's creditor: one €10,000 invoice due 2025-12-31. */
async function makeFile(): Promise<string> {
  const debtor = await owner.debtor.findFirstOrThrow({ where: { tenantId } });
  const file = await fileWithClaims(owner, {
    tenantId,
    creditorId: creditorUser.creditorId!,
    claims: [{ dueOn: '2025-12-31', principalCents: 1_000_000 }],
    nature: 'B2B',
    debtorId: debtor.id,
    issuedDaysBefore: 31,
    prefix: 'PLAN',
  });
  return file.id;
}

const fileRow = (id: string) => owner.caseFile.findFirstOrThrow({ where: { tenantId, id } });
const owedOn = (fileId: string, day: string) =>
  inTenant({ tenantId }, async (tx) => {
    const file = await tx.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
    return (await balancesOn(tx, file, day)).totals;
  });
const setMandate = (data: { planInterestMode?: 'FROZEN' | 'INCLUDED'; planMaxMonths?: number }) =>
  owner.mandate.updateMany({ where: { tenantId, creditorId: creditorUser.creditorId! }, data });
const terms = (over: Record<string, unknown> = {}) => ({
  instalmentCount: 3,
  firstDueOn: addDays(today, 10),
  frequency: 'MONTHLY',
  ...over,
});

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    seed: 14,
    files: 3,
    password: 'x-password-1',
    slug: uniqueSlug('plans'),
    name: 'Plans',
  }));
  [agent, creditorUser] = await Promise.all([
    actorFor(owner, tenantId, 'AGENT'),
    actorFor(owner, tenantId, 'CREDITOR'),
  ]);
  // A second creditor of the same agency, with its own user: it must not reach the first one's plans.
  const other = await owner.creditor.findFirst({ where: { tenantId, id: { not: creditorUser.creditorId! } } });
  const otherCreditorId =
    other?.id ??
    (
      await owner.creditor.create({
        data: {
          tenantId,
          code: 'OTHER',
          name: 'Autre créancier',
          address: '1 rue X',
          postcode: '75001',
          city: 'Paris',
        },
      })
    ).id;
  const identity = await owner.identity.create({
    data: { email: `other-${randomUUID()}@example.test`, passwordHash: 'x', name: 'Autre Créancier' },
  });
  const membership = await owner.membership.create({
    data: { tenantId, identityId: identity.id, role: 'CREDITOR', creditorId: otherCreditorId },
  });
  otherCreditorUser = await resolveActor({ tenantId, membershipId: membership.id, identityId: identity.id });
});
afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

describe('interest frozen while the plan is honoured (the mandate’s default)', () => {
  it('writes the waiver, stops interest, and ends the file PAID when the instalments are paid', async () => {
    await setMandate({ planInterestMode: 'FROZEN', planMaxMonths: 12 });
    const fileId = await makeFile();
    const before = await owedOn(fileId, today);
    const preview = await previewPlan({ actor: agent, fileId, ...terms() });
    expect(preview).toMatchObject({ interestMode: 'FROZEN', interestCents: 0, approvalReasons: [] });
    expect(preview.totalCents).toBe(before.totalDueCents);

    const plan = await createPlan({ actor: agent, fileId, ...terms(), expectedVersion: 0 });
    expect(plan).toMatchObject({ planStatus: 'ACTIVE', status: 'PAYMENT_PLAN', totalCents: before.totalDueCents });
    const waiver = await owner.interestWaiver.findFirstOrThrow({ where: { tenantId, planId: plan.planId } });
    expect(waiver).toMatchObject({ consent: 'MANDATE', untilOn: null });
    // Three months on, without the waiver 12.15 % would have added about €300; with it, nothing.
    expect((await owedOn(fileId, addDays(today, 90))).totalDueCents).toBe(before.totalDueCents);
    const created = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'plan.created' } });
    expect(fr(created)).toContain('intérêts suspendus à compter du');

    let version = plan.fileVersion;
    let last;
    for (const i of plan.schedule) {
      last = await recordPayment({
        actor: agent,
        fileId,
        amount: i.amountCents,
        method: 'TRANSFER',
        receivedOn: today,
        expectedVersion: version,
      });
      version = last.fileVersion;
    }
    expect(last).toMatchObject({ remainingCents: 0, status: 'PAID', creditCents: 0 });
    expect((await fileRow(fileId)).status).toBe('PAID');
    expect(await owner.paymentPlan.findFirstOrThrow({ where: { tenantId, id: plan.planId } })).toMatchObject({
      status: 'COMPLETED',
    });
  });

  it('hands what a completed plan leaves due back to the agent as a task', async () => {
    // A schedule that comes up short, as an INCLUDED plan does when a rate published after it differs from the one
    // it was priced at: here its last instalment is €5.00 below what the file owes.
    const fileId = await makeFile();
    const plan = await createPlan({ actor: agent, fileId, ...terms(), expectedVersion: 0 });
    const lastSeq = plan.schedule.at(-1)!.seq;
    await owner.planInstalment.updateMany({
      where: { tenantId, planId: plan.planId, seq: lastSeq },
      data: { amountCents: { decrement: 500 } },
    });
    let version = plan.fileVersion;
    let last;
    for (const i of plan.schedule) {
      last = await recordPayment({
        actor: agent,
        fileId,
        amount: i.seq === lastSeq ? i.amountCents - 500 : i.amountCents,
        method: 'TRANSFER',
        receivedOn: today,
        expectedVersion: version,
      });
      version = last.fileVersion;
    }
    expect(last).toMatchObject({ remainingCents: 500, status: 'IN_PROGRESS' });
    expect(await owner.paymentPlan.findFirstOrThrow({ where: { tenantId, id: plan.planId } })).toMatchObject({
      status: 'COMPLETED',
    });
    const done = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'plan.completed' } });
    expect(fr(done)).toContain('reste dû 5,00');
    const file = await fileRow(fileId);
    const tasks = await owner.task.findMany({ where: { tenantId, fileId, status: 'OPEN' } });
    expect(tasks.map((t) => [t.kind, t.source, t.assigneeId])).toEqual([
      ['REVIEW', 'plan', file.assigneeId ?? agent.membershipId],
    ]);
  });

  it('lets interest run again from the day after the missed instalment when the plan breaks', async () => {
    const fileId = await makeFile();
    const plan = await createPlan({ actor: agent, fileId, ...terms(), expectedVersion: 0 });
    const first = plan.schedule[0]!.dueOn;
    // Nothing paid; the daily check runs after the grace period (10 days) of the first instalment.
    const report = await checkPlans({ tenantId, now: new Date(`${addDays(first, 12)}T10:00:00Z`) });
    expect(report.plansBroken).toBeGreaterThanOrEqual(1);
    const waiver = await owner.interestWaiver.findFirstOrThrow({ where: { tenantId, planId: plan.planId } });
    expect(dayIn('UTC', waiver.untilOn!)).toBe(first);
    const broken = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'plan.broken' } });
    expect(broken.details).toMatchObject({ interestResumesOn: addDays(first, 1) });
    // Interest ran before the plan and runs again after the breach, not in between.
    const owedAtFirst = (await owedOn(fileId, first)).totalDueCents;
    expect(owedAtFirst).toBe(plan.totalCents);
    expect((await owedOn(fileId, addDays(first, 30))).totalDueCents).toBeGreaterThan(owedAtFirst);
    expect((await fileRow(fileId)).status).toBe('IN_PROGRESS');
  });
});

describe('interest included in the instalments (mandate choice)', () => {
  it('builds instalments above the day’s balance by the interest to their dates', async () => {
    await setMandate({ planInterestMode: 'INCLUDED' });
    const fileId = await makeFile();
    const owed = await owedOn(fileId, today);
    const plan = await createPlan({ actor: agent, fileId, ...terms(), expectedVersion: 0 });
    expect(plan.interestMode).toBe('INCLUDED');
    expect(plan.interestCents).toBeGreaterThan(0);
    expect(plan.totalCents).toBe(owed.totalDueCents + plan.interestCents);
    expect(await owner.interestWaiver.count({ where: { tenantId, planId: plan.planId } })).toBe(0);
    await setMandate({ planInterestMode: 'FROZEN' });
  });
});

describe('plans the creditor must approve (CPCE R124-5)', () => {
  it('keeps a plan longer than the mandate allows waiting, and the file with it', async () => {
    await setMandate({ planMaxMonths: 2 });
    const fileId = await makeFile();
    const plan = await createPlan({ actor: agent, fileId, ...terms({ instalmentCount: 4 }), expectedVersion: 0 });
    expect(plan).toMatchObject({
      planStatus: 'AWAITING_APPROVAL',
      approvalReasons: ['TOO_LONG'],
      status: 'IN_PROGRESS',
    });
    expect(await owner.interestWaiver.count({ where: { tenantId, planId: plan.planId } })).toBe(0);
    const facts = await inTenant({ tenantId }, (tx) => loadStepFacts(tx, tenantId, fileId, new Date()));
    expect(facts?.planAwaitingApproval).toBe(true);
    // A second plan cannot be made meanwhile.
    const again = await refusal(createPlan({ actor: agent, fileId, ...terms(), expectedVersion: plan.fileVersion }));
    expect(again).toMatchObject({ code: 'CONFLICT', message: M.planActive });

    // Neither an agent nor another creditor's user may decide; to them the plan does not exist.
    expect(await refusal(decidePlan({ actor: agent, planId: plan.planId, decision: 'ACCEPT' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await refusal(decidePlan({ actor: otherCreditorUser, planId: plan.planId, decision: 'ACCEPT' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.paymentPlan.findFirstOrThrow({ where: { tenantId, id: plan.planId } })).toMatchObject({
      status: 'AWAITING_APPROVAL',
    });

    const accepted = await decidePlan({ actor: creditorUser, planId: plan.planId, decision: 'ACCEPT', note: 'OK' });
    expect(accepted).toMatchObject({ planStatus: 'ACTIVE', status: 'PAYMENT_PLAN' });
    const waiver = await owner.interestWaiver.findFirstOrThrow({ where: { tenantId, planId: plan.planId } });
    expect(waiver).toMatchObject({ consent: 'CREDITOR' });
    expect(dayIn('UTC', waiver.fromOn)).toBe(addDays(today, 1));
    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'plan.accepted' } });
    expect(fr(line)).toContain('Échéancier accepté par le créancier');
    // Decided once.
    expect(await refusal(decidePlan({ actor: creditorUser, planId: plan.planId, decision: 'REFUSE' }))).toMatchObject({
      code: 'CONFLICT',
      message: M.noPlanAwaiting,
    });
  });

  it('lets the file resume when the creditor refuses, and the next plan can be made', async () => {
    const fileId = await makeFile();
    const plan = await createPlan({
      actor: agent,
      fileId,
      ...terms({ firstDueOn: addMonths(today, 1), instalmentCount: 3 }),
      expectedVersion: 0,
    });
    expect(plan.planStatus).toBe('AWAITING_APPROVAL');
    const refused = await decidePlan({
      actor: creditorUser,
      planId: plan.planId,
      decision: 'REFUSE',
      note: 'Trop long',
    });
    expect(refused).toMatchObject({ planStatus: 'REFUSED', status: 'IN_PROGRESS' });
    const facts = await inTenant({ tenantId }, (tx) => loadStepFacts(tx, tenantId, fileId, new Date()));
    expect(facts?.planAwaitingApproval).toBe(false);
    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'plan.refused' } });
    expect(fr(line)).toContain('le dossier reprend son cours');
    await setMandate({ planMaxMonths: 12 });
    const next = await createPlan({
      actor: agent,
      fileId,
      ...terms(),
      expectedVersion: (await fileRow(fileId)).version,
    });
    expect(next.planStatus).toBe('ACTIVE');
  });

  it("e-mails the creditor's users, each in their language, with the portal's link, through the outbox", async () => {
    capture = await startCaptureServer({ port: 0, log: () => undefined });
    mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Plans <plans@agence.test>');
    await setMandate({ planMaxMonths: 2 });
    // The creditor's users: the seed's, made to read English, and a second one reading French.
    const creditorId = creditorUser.creditorId!;
    await owner.$executeRaw`
      UPDATE identity SET locale = 'en'
       WHERE id IN (SELECT identity_id FROM membership WHERE tenant_id = ${tenantId}::uuid AND role = 'CREDITOR'
                       AND creditor_id = ${creditorId}::uuid)`;
    const french = await owner.identity.create({
      data: {
        email: `compta-${randomUUID().slice(0, 8)}@example.test`,
        passwordHash: 'x',
        name: 'Compta',
        locale: 'fr',
      },
    });
    await owner.membership.create({ data: { tenantId, identityId: french.id, role: 'CREDITOR', creditorId } });
    const users = await owner.$queryRaw<{ email: string; locale: string }[]>`
      SELECT i.email, i.locale FROM membership m JOIN identity i ON i.id = m.identity_id
       WHERE m.tenant_id = ${tenantId}::uuid AND m.role = 'CREDITOR' AND m.creditor_id = ${creditorId}::uuid
         AND m.active`;
    expect(users.length).toBeGreaterThanOrEqual(2);

    const fileId = await makeFile();
    const file = await fileRow(fileId);
    const plan = await createPlan({ actor: agent, fileId, ...terms({ instalmentCount: 4 }), expectedVersion: 0 });
    expect(plan.planStatus).toBe('AWAITING_APPROVAL');
    expect(plan.messageIds).toHaveLength(users.length);
    const messages = await owner.outboundMessage.findMany({ where: { tenantId, id: { in: plan.messageIds } } });
    expect(new Set(messages.map((m) => m.recipient))).toEqual(new Set(users.map((u) => u.email)));
    expect(messages.every((m) => m.audience === 'CREDITOR' && m.contactPointId === null)).toBe(true);

    for (const m of messages) expect(await deliverMessage({ tenantId, messageId: m.id, mail })).toBe('SENT');
    const link = new URL('/portal/plans', env.NEXTAUTH_URL).toString();
    const [fr] = await owner.capturedMail.findMany({ where: { tenantId, recipients: french.email } });
    expect(fr!.subject).toBe(`Plans — échéancier à approuver, dossier ${file.reference}`);
    expect(fr!.textBody).toContain('en 4 échéances');
    expect(fr!.textBody).toContain('il dure plus longtemps que le mandat ne le permet');
    expect(fr!.textBody).toContain(link);
    const english = users.find((u) => u.locale === 'en')!.email;
    const [en] = await owner.capturedMail.findMany({ where: { tenantId, recipients: english } });
    expect(en!.subject).toBe(`Plans — payment plan to approve, file ${file.reference}`);
    expect(en!.textBody).toContain('in 4 instalments');
    expect(en!.textBody).toContain(link);
    // Told on the file's history; no contact with the debtor (no email.sent, which the caps count, no last contact).
    expect(await owner.activity.count({ where: { tenantId, fileId, kind: 'plan.creditor_emailed' } })).toBe(
      users.length,
    );
    expect(await owner.activity.count({ where: { tenantId, fileId, kind: 'email.sent' } })).toBe(0);
    expect((await fileRow(fileId)).lastContactAt).toBeNull();
  });

  it('lets the agent withdraw a plan the creditor has not decided, and refuses once it has', async () => {
    await setMandate({ planMaxMonths: 2 });
    const fileId = await makeFile();
    const plan = await createPlan({ actor: agent, fileId, ...terms({ instalmentCount: 4 }), expectedVersion: 0 });
    const input = { fileId, planId: plan.planId, reason: 'Le débiteur paiera comptant' };
    // A creditor user may not; to it the action does not exist.
    expect(
      await refusal(withdrawPlan({ actor: creditorUser, ...input, expectedVersion: plan.fileVersion })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    // No reason, no withdrawal.
    expect(
      await refusal(withdrawPlan({ actor: agent, ...input, reason: '', expectedVersion: plan.fileVersion })),
    ).toMatchObject({ code: 'INVALID' });
    const withdrawn = await withdrawPlan({ actor: agent, ...input, expectedVersion: plan.fileVersion });
    expect(withdrawn.status).toBe('IN_PROGRESS');
    expect(await owner.paymentPlan.findFirstOrThrow({ where: { tenantId, id: plan.planId } })).toMatchObject({
      status: 'CANCELLED',
    });
    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'plan.withdrawn' } });
    expect(fr(line)).toBe(
      'Échéancier en attente du créancier retiré — motif : Le débiteur paiera comptant — les relances reprennent',
    );
    expect(await owner.auditLog.count({ where: { tenantId, action: 'plan.withdrawn', entityId: plan.planId } })).toBe(
      1,
    );
    const facts = await inTenant({ tenantId }, (tx) => loadStepFacts(tx, tenantId, fileId, new Date()));
    expect(facts?.planAwaitingApproval).toBe(false);
    // The creditor can no longer decide it.
    expect(await refusal(decidePlan({ actor: creditorUser, planId: plan.planId, decision: 'ACCEPT' }))).toMatchObject({
      code: 'CONFLICT',
      message: M.noPlanAwaiting,
    });

    // A plan the creditor accepted is no longer the agent's to withdraw.
    const next = await createPlan({
      actor: agent,
      fileId,
      ...terms({ instalmentCount: 4 }),
      expectedVersion: withdrawn.fileVersion,
    });
    await decidePlan({ actor: creditorUser, planId: next.planId, decision: 'ACCEPT' });
    const late = await refusal(
      withdrawPlan({ actor: agent, ...input, planId: next.planId, expectedVersion: (await fileRow(fileId)).version }),
    );
    expect(late).toMatchObject({ code: 'CONFLICT', message: M.planDecided });
    expect(await owner.paymentPlan.findFirstOrThrow({ where: { tenantId, id: next.planId } })).toMatchObject({
      status: 'ACTIVE',
    });
    await setMandate({ planMaxMonths: 12 });
  });
});
