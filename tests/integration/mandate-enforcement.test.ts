import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logContact } from '../../lib/activity/log-contact';
import { seedAgency } from '../../lib/demo/seed-agency';
import { approveEscalation } from '../../lib/escalation/approve-escalation';
import { recordPayment } from '../../lib/payments/record-payment';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { runStep } from '../../lib/scenarios/run-step';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { EMAIL_TEMPLATE, TEST_IBAN, makeDebtorFile, makeScenario } from './support/scenario-fixtures';

// Issue 14: the mandate is enforced at every action, not only at intake (CPCE R124-3). A creditor whose mandate
// ended or was revoked gets no letter, e-mail or agent contact on its files; the file waits and says why. Money
// received is still recorded. Escalation needs a mandate whose scope includes the judicial phase.

const owner = ownerDb();
const T0 = new Date('2027-03-01T09:00:00Z'); // Monday 10:00 in Paris
let tenantId: string;
let manager: Actor;
let agent: Actor;
let letterVersion: string;
let escalateVersion: string;
let creditorId: string;

const mandateOf = () => owner.mandate.findFirstOrThrow({ where: { tenantId, creditorId } });

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('mdt'),
    name: 'Mandats',
    seed: 61,
    files: 2,
    password: 'x',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  manager = await actorFor(owner, tenantId, 'MANAGER');
  agent = await actorFor(owner, tenantId, 'AGENT');
  creditorId = (await owner.creditor.findFirstOrThrow({ where: { tenantId }, orderBy: { code: 'asc' } })).id;
  letterVersion = await makeScenario(owner, tenantId, [
    {
      delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
      channels: ['SIMPLE_LETTER', 'EMAIL'],
      templates: { EMAIL: EMAIL_TEMPLATE },
    },
  ] as never);
  escalateVersion = await makeScenario(owner, tenantId, [
    { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['ESCALATE'] },
  ] as never);
});
afterAll(() => owner.$disconnect());

async function endMandate(
  endsOn: string | null,
  scope: 'AMICABLE' | 'AMICABLE_AND_JUDICIAL' = 'AMICABLE_AND_JUDICIAL',
) {
  const m = await mandateOf();
  await owner.mandate.update({
    where: { tenantId_id: { tenantId, id: m.id } },
    data: { endsOn: endsOn ? new Date(`${endsOn}T00:00:00Z`) : null, scope },
  });
}

describe('a mandate ended or revoked', () => {
  it('sends no letter and no e-mail: the step waits, with the reason on the timeline, until a renewal', async () => {
    // Placed in the past: a payment is checked against the real clock (received neither before placement nor later
    // than today).
    const fileId = await makeDebtorFile(owner, tenantId, {
      principalCents: 250_000,
      placedAt: new Date('2026-11-01T08:00:00Z'),
    });
    await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: letterVersion }, now: T0 });
    // Revoked: its last day in force was 30 November 2026, before the step's day and before the agency's today
    // (agent actions are judged on the real clock, the engine on this test's).
    await endMandate('2026-11-30');
    const ref = { tenantId, fileId, versionId: letterVersion, step: 0, run: 1 };
    expect(await runStep(ref, { now: T0 })).toEqual({
      outcome: 'POSTPONED',
      until: new Date('2027-03-02T09:00:00Z'),
      reason: 'MANDATE_NOT_IN_FORCE',
    });
    expect(await owner.document.count({ where: { tenantId, fileId } })).toBe(0);
    expect(await owner.outboundMessage.count({ where: { tenantId, fileId } })).toBe(0);
    expect(await owner.stepExecution.count({ where: { tenantId, fileId } })).toBe(0);
    const lines = await owner.activity.findMany({ where: { tenantId, fileId, kind: 'scenario.step_postponed' } });
    expect(lines.map((l) => (l.details as { reason: string }).reason)).toEqual(['MANDATE_NOT_IN_FORCE']);

    // An agent cannot call on the creditor's behalf either, but the money the debtor sends is recorded.
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
    const phone = await owner.contactPoint.findFirstOrThrow({
      where: { tenantId, debtorId: file.debtorId, kind: 'PHONE' },
    });
    await expect(
      logContact({
        actor: agent,
        input: {
          fileId,
          expectedVersion: file.version,
          channel: 'CALL',
          contactPointId: phone.id,
          answeredBy: 'DEBTOR',
          outcome: { type: 'NONE' },
        },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', ref: { key: 'reasons.mandate.notInForce' } });
    const paid = await recordPayment({
      actor: agent,
      fileId,
      expectedVersion: file.version,
      amount: '100',
      receivedOn: '2026-12-01',
      method: 'TRANSFER',
    });
    expect(paid).toMatchObject({ remainingCents: 240_000 });

    // Renewed: the same step runs the next day.
    await endMandate(null);
    expect((await runStep(ref, { now: new Date('2027-03-02T09:00:00Z') })).outcome).toBe('DONE');
    // The letter, beside the receipt the payment issued (issue 14, R124-6).
    expect(await owner.document.count({ where: { tenantId, fileId, kind: { not: 'RECEIPT' } } })).toBe(1);
  });
});

describe('a mandate limited to the amicable phase', () => {
  it('skips the escalation step and refuses a manager’s approval', async () => {
    await endMandate(null, 'AMICABLE');
    const fileId = await makeDebtorFile(owner, tenantId, { principalCents: 250_000 });
    await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: escalateVersion }, now: T0 });
    await owner.document.create({
      data: {
        tenantId,
        fileId,
        kind: 'PRE_JUDICIAL_WARNING',
        reference: `PJW-${fileId.slice(0, 8)}`,
        storageKey: `test/${fileId}.pdf`,
        sentOn: new Date('2027-01-10T00:00:00Z'),
        deadlineOn: new Date('2027-01-25T00:00:00Z'),
      },
    });
    const result = await runStep({ tenantId, fileId, versionId: escalateVersion, step: 0, run: 1 }, { now: T0 });
    expect(result.outcome).toBe('DONE');
    const skipped = await owner.stepExecution.findMany({ where: { tenantId, fileId } });
    expect(skipped.map((e) => `${e.channel}:${e.status}:${e.reason}`)).toEqual([
      'ESCALATE:SKIPPED:MANDATE_AMICABLE_ONLY',
    ]);
    expect(await owner.escalation.count({ where: { tenantId, fileId } })).toBe(0);

    // An escalation asked before the scope was narrowed cannot be approved; refusing it still works.
    const escalation = await owner.escalation.create({ data: { tenantId, fileId } });
    await expect(
      approveEscalation({
        actor: manager,
        input: { escalationId: escalation.id, decision: 'APPROVED', route: 'INJONCTION_DE_PAYER' },
        now: T0,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', ref: { key: 'reasons.mandate.amicableOnly' } });
    await endMandate(null, 'AMICABLE_AND_JUDICIAL');
  });
});
