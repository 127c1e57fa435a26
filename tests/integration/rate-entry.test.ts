import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { addEcbRate } from '../../lib/interest/add-ecb-rate';
import { addLegalRate } from '../../lib/interest/add-legal-rate';
import { rateCoverage } from '../../lib/interest/coverage';
import { loadRateTables } from '../../lib/interest/load-rates';
import { RATE_ERRORS as E } from '../../lib/interest/rate-entry';
import { ratesView } from '../../lib/interest/rate-queries';
import { timelineRenderer } from '../../lib/history/render';
import { checkPlans } from '../../lib/payments/check-plans';
import { createPlan } from '../../lib/payments/create-plan';
import { planLetterData } from '../../lib/payments/plan-letter-data';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { runStep, type StepRef } from '../../lib/scenarios/run-step';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, makeScenario, TEST_IBAN } from './support/scenario-fixtures';

// The rate tables are shared by every agency: an admin appends the next half-year, nobody rewrites one, and a
// step that would send an estimated amount waits for it. This database's tables run to the end of 2027
// (support/test-rates.ts); the 2028 H1 figures below are test data too.

const owner = ownerDb();
let tenantId: string;
let admin: Actor;
let manager: Actor;
let agent: Actor;
let web: pg.Client;
// Monday 10 January 2028, 10:00 in Paris.
const T = new Date('2028-01-10T09:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('rates'),
    name: 'Rates',
    seed: 7,
    files: 2,
    password: 'x-password-1',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  [admin, manager, agent] = await Promise.all([
    actorFor(owner, tenantId, 'ADMIN'),
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'AGENT'),
  ]);
  web = await appRoleClient();
});
afterAll(async () => {
  await web.end();
  await owner.$disconnect();
});

const h1 = {
  validFrom: '2028-01-01',
  individual: '6,67',
  other: '2,62',
  decidedOn: '2027-12-15',
  publishedRef: 'test',
};

describe('entering rates', () => {
  it('shows the tables to managers, not to agents, and lets only an admin add', async () => {
    const view = await ratesView({ actor: manager });
    expect(view.legal.find((r) => r.validFrom === '2026-01-01')).toMatchObject({
      individualBps: 667,
      otherBps: 262,
      decidedOn: '2025-12-15',
      publishedRef: 'JORF n° 0302 2025-12-26',
    });
    expect(view.nextLegal).toEqual({ from: '2028-01-01', to: '2028-06-30' });
    expect(view.canAdd).toBe(false);
    await expect(ratesView({ actor: agent })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addLegalRate({ actor: manager, input: h1, now: T })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addLegalRate({ actor: agent, input: h1, now: T })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves the web role no way to rewrite a rate or leave a gap', async () => {
    await expect(web.query(`UPDATE legal_rate SET other_bps = 1 WHERE valid_from = '2026-01-01'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(web.query(`DELETE FROM reference_rate WHERE valid_from = '2014-09-10'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      web.query(`INSERT INTO legal_rate (country, valid_from, valid_to, individual_bps, other_bps, decided_on)
                 VALUES ('FR', '2028-07-01', '2028-12-31', 500, 300, '2028-06-20')`),
    ).rejects.toThrow(/does not follow the last half-year/);
    await expect(
      web.query(
        `INSERT INTO reference_rate (kind, valid_from, rate_bps, decided_on) VALUES ('ECB_MRO', '2020-01-01', 0, '2019-12-12')`,
      ),
    ).rejects.toThrow(/is not after the last row/);
  });
});

// Decision 0009 for the letter of a plan in force (issue 17): the plan holds at once, its letter waits for the rate.
let planFileId: string;
let planId: string;
const planLetters = () => owner.document.count({ where: { tenantId, fileId: planFileId, kind: 'PLAN_LETTER' } });
const waitingLines = () =>
  owner.activity.findMany({ where: { tenantId, fileId: planFileId, kind: 'plan.letter_waiting' } });

describe('a plan agreed while the half-year has no rate', () => {
  it('is in force, but its letter waits, once on the timeline, and cannot be printed', async () => {
    planFileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', placedAt: T, principalCents: 60_000 });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId, id: planFileId } },
      data: { formalNoticeOn: new Date('2027-12-01') },
    });
    const plan = await createPlan({
      actor: agent,
      fileId: planFileId,
      instalmentCount: 3,
      firstDueOn: '2028-01-20',
      frequency: 'MONTHLY',
      expectedVersion: 0,
      now: T,
    });
    planId = plan.planId;
    expect(plan.planStatus).toBe('ACTIVE');
    expect(plan.messageIds).toEqual([]);
    expect(await planLetters()).toBe(0);
    const [line, ...more] = await waitingLines();
    expect(more).toHaveLength(0);
    expect(line!.details).toMatchObject({ planId, reason: 'RATES_NOT_PUBLISHED' });
    expect(timelineRenderer('en', 'Europe/Paris')(line!)).toMatch(/^Payment plan letter not sent yet — interest rate/);
    await expect(planLetterData({ actor: agent, planId })).rejects.toMatchObject({
      code: 'CONFLICT',
      ref: { key: 'payments.errors.planLetterRatesNotPublished' },
    });

    // The daily plan check tries again, and says nothing new while the rate is still missing.
    const next = await checkPlans({ tenantId, now: new Date(T.getTime() + DAY) });
    expect(next).toMatchObject({ lettersIssued: 0, lettersWaiting: 1 });
    expect(await planLetters()).toBe(0);
    expect(await waitingLines()).toHaveLength(1);
  });
});

describe('a step that would send an estimated amount', () => {
  let ref: StepRef;

  it('waits while the legal rate of the half-year is missing, with its reason on the timeline', async () => {
    // A consumer put on notice on 1 Dec 2027: interest runs into 2028 H1, which no table covers yet.
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', placedAt: T });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId, id: fileId } },
      data: { formalNoticeOn: new Date('2027-12-01') },
    });
    const versionId = await makeScenario(owner, tenantId, [
      { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
    ]);
    await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: versionId }, now: T });
    ref = { tenantId, fileId, versionId, step: 0, run: 1 };

    expect(rateCoverage(await loadRateTables(owner), '2028-01-10').legal).toBe(false);
    const waiting = await runStep(ref, { now: T });
    expect(waiting).toEqual({
      outcome: 'POSTPONED',
      reason: 'RATES_NOT_PUBLISHED',
      until: new Date(T.getTime() + DAY),
    });
    expect(await owner.document.count({ where: { tenantId, fileId } })).toBe(0);
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId, fileId, kind: 'scenario.step_postponed' },
      orderBy: { occurredAt: 'desc' },
    });
    expect(line.details).toMatchObject({ reason: 'RATES_NOT_PUBLISHED' });
  });

  it('goes once an admin has entered the half-year, and the overlap is refused on its field', async () => {
    await addLegalRate({ actor: admin, ip: '203.0.113.9', input: h1, now: T });
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, action: 'legal_rate.add' } });
    expect(audit).toMatchObject({ entityId: '2028-01-01', ip: '203.0.113.9' });
    await expect(addLegalRate({ actor: admin, input: h1, now: T })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { validFrom: E.notNextHalfYear },
    });

    const next = new Date(T.getTime() + DAY);
    const sent = await runStep(ref, { now: next });
    expect(sent.outcome).toBe('DONE');
    expect(await owner.document.count({ where: { tenantId, fileId: ref.fileId } })).toBe(1);
  });

  it('confirms the ECB rate in force on 1 January 2028 the same way', async () => {
    expect(rateCoverage(await loadRateTables(owner), '2028-01-10').ecb).toBe(false);
    await addEcbRate({
      actor: admin,
      input: { validFrom: '2028-01-01', rate: '2,15', decidedOn: '2027-12-16', publishedRef: '' },
      now: T,
    });
    expect(rateCoverage(await loadRateTables(owner), '2028-01-10').ecb).toBe(true);
  });
});

describe('the waiting plan letter, once the rates are entered', () => {
  it('is issued by the next plan check, with the figures of the day the plan was agreed, and only once', async () => {
    const later = new Date(T.getTime() + 2 * DAY);
    expect(await checkPlans({ tenantId, now: later })).toMatchObject({ lettersIssued: 1, lettersWaiting: 0 });
    expect(await planLetters()).toBe(1);
    const issued = await owner.activity.findFirstOrThrow({
      where: { tenantId, fileId: planFileId, kind: 'plan.letter_issued' },
    });
    expect(issued.details).toMatchObject({ planId, channel: 'EMAIL' });
    const printed = await planLetterData({ actor: agent, planId });
    expect(printed.estimated).toBe(false);
    expect(printed.data.date).toBe('2028-01-10');
    expect(printed.data.totals.interestCents).toBeGreaterThan(0);
    expect(await checkPlans({ tenantId, now: later })).toMatchObject({ lettersIssued: 0, lettersWaiting: 0 });
    expect(await planLetters()).toBe(1);
  });
});
