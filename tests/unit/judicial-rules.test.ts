import { describe, expect, it } from 'vitest';
import { computeCharges, majoredFrom, type ChargeInput } from '../../lib/interest/rules';
import { ROUTES, STEP_VALUES, nextSteps, stepRule } from '../../lib/judicial/catalogue';
import { STEP_KINDS } from '../../lib/judicial-codes/codes';
import {
  alertDay,
  checkStep,
  deadlineEnd,
  deadlineState,
  deadlinesOpened,
  partialGrant,
  routeEstimates,
  titleDay,
} from '../../lib/judicial/rules';
import { pipelineByRoute } from '../../lib/reports/rules';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';

// Every date below is counted by hand: CPC 641 (months end on the same day number, or the month's last day; days do
// not count the day of the act), CPC 642 (a deadline ending on a Saturday, Sunday or public holiday runs to the next
// working day). Weekdays: 2026-11-14 is a Saturday, 2026-11-11 a Wednesday (Armistice), 2027-02-28 a Sunday,
// 2026-05-14 a Thursday (Ascension: Easter 2026 is 5 April), 2026-12-25 a Friday.

describe('service of an order to pay within six months (CPC 1411)', () => {
  const service = (orderOn: string) => deadlinesOpened(stepRule('INJONCTION_DE_PAYER', 'ORDER_GRANTED')!, orderOn);

  it('ends on the same day number six months later when that is a working day', () => {
    // 10 March 2026 + 6 months = Thursday 10 September 2026.
    expect(service('2026-03-10')).toEqual([{ kind: 'SERVICE', dueOn: '2026-09-10' }]);
  });
  it('ends on the last day of a shorter month, moved past the weekend', () => {
    // 31 August 2026 + 6 months: February 2027 has no 31st → Sunday 28 February 2027 → Monday 1 March 2027.
    expect(service('2026-08-31')).toEqual([{ kind: 'SERVICE', dueOn: '2027-03-01' }]);
  });
  it('moves a Saturday to the Monday', () => {
    // 14 May 2026 + 6 months = Saturday 14 November 2026 → Monday 16 November.
    expect(service('2026-05-14')).toEqual([{ kind: 'SERVICE', dueOn: '2026-11-16' }]);
  });
  it('moves a public holiday to the next working day', () => {
    // 11 May 2026 + 6 months = Wednesday 11 November 2026 (Armistice) → Thursday 12 November.
    expect(service('2026-05-11')).toEqual([{ kind: 'SERVICE', dueOn: '2026-11-12' }]);
    // 1 May 2026 + 6 months = Sunday 1 November 2026 (All Saints, and a Sunday) → Monday 2 November.
    expect(service('2026-05-01')).toEqual([{ kind: 'SERVICE', dueOn: '2026-11-02' }]);
  });
});

describe('opposition within one month of service (CPC 1416)', () => {
  const opposition = (servedOn: string) => deadlinesOpened(stepRule('INJONCTION_DE_PAYER', 'ORDER_SERVED')!, servedOn);

  it('counts from service: 31 January → Saturday 28 February → Monday 2 March 2026', () => {
    expect(opposition('2026-01-31')).toEqual([{ kind: 'OPPOSITION', dueOn: '2026-03-02' }]);
  });
  it('moves past Ascension Day: 14 April → Thursday 14 May 2026 → Friday 15 May', () => {
    expect(opposition('2026-04-14')).toEqual([{ kind: 'OPPOSITION', dueOn: '2026-05-15' }]);
  });
  it('moves past Christmas and the weekend: 25 November → Friday 25 December 2026 → Monday 28 December', () => {
    expect(opposition('2026-11-25')).toEqual([{ kind: 'OPPOSITION', dueOn: '2026-12-28' }]);
  });
  it('uses the agency region’s holidays: Good Friday in Alsace-Moselle', () => {
    // 3 March 2026 + 1 month = Friday 3 April 2026: a working day in most of France; Good Friday in Alsace-Moselle,
    // then Easter Monday 6 April everywhere → Tuesday 7 April.
    expect(deadlineEnd('2026-03-03', { months: 1 })).toBe('2026-04-03');
    expect(deadlineEnd('2026-03-03', { months: 1 }, { region: 'FR_ALSACE_MOSELLE' })).toBe('2026-04-07');
  });
  it('skips St Stephen’s Day in Alsace-Moselle: served 26 November 2028 → Tuesday 26 December → Wednesday 27', () => {
    const served = stepRule('INJONCTION_DE_PAYER', 'ORDER_SERVED')!;
    expect(deadlinesOpened(served, '2028-11-26')).toEqual([{ kind: 'OPPOSITION', dueOn: '2028-12-26' }]);
    expect(deadlinesOpened(served, '2028-11-26', { region: 'FR_ALSACE_MOSELLE' })).toEqual([
      { kind: 'OPPOSITION', dueOn: '2028-12-27' },
    ]);
  });
  it.each([
    // [court's calendar, served on, the month's last day (a holiday there only), the next working day there]
    ['FR_MARTINIQUE', '2026-04-22', '2026-05-22', '2026-05-26'], // Friday 22 May; Monday 25 is Whit Monday
    ['FR_GUADELOUPE', '2027-04-27', '2027-05-27', '2027-05-28'],
    ['FR_SAINT_MARTIN', '2027-04-27', '2027-05-27', '2027-05-28'],
    ['FR_GUYANE', '2027-05-10', '2027-06-10', '2027-06-11'],
    ['FR_MAYOTTE', '2027-03-27', '2027-04-27', '2027-04-28'],
    ['FR_SAINT_BARTHELEMY', '2026-09-09', '2026-10-09', '2026-10-12'], // Friday 9 October → Monday 12
    ['FR_REUNION', '2027-11-20', '2027-12-20', '2027-12-21'],
    ['FR_ALSACE_MOSELLE', '2027-02-26', '2027-03-26', '2027-03-30'], // Good Friday, then Easter Monday 29 March
  ] as const)('skips the holidays of a court in %s: served %s, due %s there → %s', (region, served, plain, moved) => {
    expect(deadlineEnd(served, { months: 1 })).toBe(plain);
    expect(deadlineEnd(served, { months: 1 }, { region })).toBe(moved);
  });
  it('the order is enforceable the day after the month ran out, and not before (CPC 1422)', () => {
    const open = [{ kind: 'OPPOSITION' as const, dueOn: '2026-03-02' }];
    const base = {
      route: 'INJONCTION_DE_PAYER' as const,
      stage: 'ORDER_SERVED',
      ended: false,
      lastStepOn: '2026-01-31',
      open,
    };
    expect(checkStep({ ...base, kind: 'NO_OPPOSITION', on: '2026-03-02', today: '2026-03-02' })).toEqual({
      ok: false,
      reason: 'deadlineNotOver',
    });
    const ok = checkStep({ ...base, kind: 'NO_OPPOSITION', on: '2026-03-04', today: '2026-03-05' });
    expect(ok.ok).toBe(true);
    expect(titleDay(stepRule('INJONCTION_DE_PAYER', 'NO_OPPOSITION')!, '2026-03-04', open)).toBe('2026-03-03');
  });
});

describe('other procedural periods', () => {
  it('counts days without the day of the act (CPC 641): an appeal in référé, 15 days from service', () => {
    // 30 July + 15 days = Friday 14 August 2026; 31 July + 15 = Saturday 15 August (Assumption) → Monday 17 August.
    expect(deadlineEnd('2026-07-30', { days: 15 })).toBe('2026-08-14');
    expect(deadlineEnd('2026-07-31', { days: 15 })).toBe('2026-08-17');
  });
  it('gives the small-claims debtor one month to answer the offer', () => {
    // 10 March 2026 + 1 month = Friday 10 April 2026.
    expect(deadlinesOpened(stepRule('PETITES_CREANCES', 'OFFER_SENT')!, '2026-03-10')).toEqual([
      { kind: 'OFFER_ANSWER', dueOn: '2026-04-10' },
    ]);
  });
  it('alerts a week before, and tells lapsed from over', () => {
    expect(alertDay('2026-03-10', '2026-09-10')).toBe('2026-09-03');
    expect(alertDay('2026-03-10', '2026-03-12')).toBe('2026-03-10');
    expect(deadlineState('SERVICE', '2026-09-10', null, '2026-09-02')).toBe('OPEN');
    expect(deadlineState('SERVICE', '2026-09-10', null, '2026-09-03')).toBe('DUE_SOON');
    expect(deadlineState('SERVICE', '2026-09-10', null, '2026-09-10')).toBe('DUE_SOON');
    expect(deadlineState('SERVICE', '2026-09-10', null, '2026-09-11')).toBe('LAPSED');
    expect(deadlineState('SERVICE', '2026-09-10', '2026-08-01', '2026-09-11')).toBe('MET');
    // The debtor's month ran out: not a failure of the agency, its cue to act.
    expect(deadlineState('OPPOSITION', '2026-03-02', null, '2026-03-03')).toBe('OVER');
  });
  it('voids an order only once its service deadline passed unmet (CPC 1411)', () => {
    const base = {
      route: 'INJONCTION_DE_PAYER' as const,
      stage: 'ORDER_GRANTED',
      ended: false,
      lastStepOn: '2026-03-10',
      open: [{ kind: 'SERVICE' as const, dueOn: '2026-09-10' }],
      kind: 'ORDER_LAPSED',
    };
    expect(checkStep({ ...base, on: '2026-09-10', today: '2026-09-10' })).toEqual({
      ok: false,
      reason: 'deadlineNotLapsed',
    });
    expect(checkStep({ ...base, on: '2026-09-11', today: '2026-09-11' }).ok).toBe(true);
  });
  it('refuses a step out of order, in the future, unknown to the route, or after the end', () => {
    const base = {
      route: 'INJONCTION_DE_PAYER' as const,
      stage: 'STARTED',
      ended: false,
      lastStepOn: '2026-03-10',
      open: [],
    };
    expect(checkStep({ ...base, kind: 'ORDER_SERVED', on: '2026-03-11', today: '2026-03-12' })).toEqual({
      ok: false,
      reason: 'notAfterStage',
    });
    expect(checkStep({ ...base, kind: 'OFFER_SENT', on: '2026-03-11', today: '2026-03-12' })).toEqual({
      ok: false,
      reason: 'unknownStep',
    });
    expect(checkStep({ ...base, kind: 'REQUEST_FILED', on: '2026-03-13', today: '2026-03-12' })).toEqual({
      ok: false,
      reason: 'dateInFuture',
    });
    expect(checkStep({ ...base, kind: 'REQUEST_FILED', on: '2026-03-09', today: '2026-03-12' })).toEqual({
      ok: false,
      reason: 'dateOutOfOrder',
    });
    expect(checkStep({ ...base, ended: true, kind: 'REQUEST_FILED', on: '2026-03-11', today: '2026-03-12' })).toEqual({
      ok: false,
      reason: 'procedureEnded',
    });
  });
});

describe('legal rate + 5 points two months after the title is enforceable (CMF L313-3)', () => {
  it('starts the day after the two months, never moved by a weekend or holiday', () => {
    // 31 December 2026 + 2 months = 28 February 2027 (no 31st) → majored from 1 March 2027.
    expect(majoredFrom('2026-12-31')).toBe('2027-03-01');
    // 15 June 2026 + 2 months = Saturday 15 August (Assumption): a rate rule, not CPC 642 → from Sunday 16 August.
    expect(majoredFrom('2026-06-15')).toBe('2026-08-16');
  });

  const consumer = (over: Partial<ChargeInput> = {}): ChargeInput => ({
    nature: 'CONSUMER',
    dueOn: '2025-12-01',
    formalNoticeOn: '2026-01-01',
    asOf: '2026-04-30',
    principalCents: 100_000,
    principalPaid: [],
    ...over,
  });

  it('splits the interest at the majoration and adds 500 bps to the legal rate', () => {
    // Enforceable 10 January 2026 → majored from 11 March 2026. Legal rate H1 2026, "other cases": 2.62 %.
    //   2 Jan–10 Mar = 30 + 28 + 10 = 68 days at 262 bps: 100 000 × 262 × 68 / 3 650 000 = 488.11 → 488
    //   11 Mar–30 Apr = 21 + 30 = 51 days at 762 bps: 100 000 × 762 × 51 / 3 650 000 = 1 064.71 → 1 065
    const charges = computeCharges(consumer({ titleEnforceableOn: '2026-01-10' }), RATES);
    expect(charges.periods.map((p) => [p.from, p.to, p.days, p.rateBps, p.cents])).toEqual([
      ['2026-01-02', '2026-03-10', 68, 262, 488],
      ['2026-03-11', '2026-04-30', 51, 762, 1065],
    ]);
    expect(charges.interestCents).toBe(1553);
    // Without a title, one period at 2.62 %: 119 days → 100 000 × 262 × 119 / 3 650 000 = 854.19 → 854.
    expect(computeCharges(consumer(), RATES).interestCents).toBe(854);
  });

  it('leaves a business claim’s ECB + 10 points alone (L313-3 majors the legal rate only)', () => {
    const b2b = consumer({ nature: 'B2B', formalNoticeOn: null });
    expect(computeCharges({ ...b2b, titleEnforceableOn: '2026-01-10' }, RATES)).toEqual(computeCharges(b2b, RATES));
  });
});

describe('the catalogue', () => {
  it('names every step kind it uses, and every route starts after STARTED', () => {
    expect(Object.keys(STEP_VALUES).sort()).toEqual([...STEP_KINDS].sort());
    for (const route of Object.values(ROUTES)) {
      for (const step of route.steps) expect(STEP_KINDS).toContain(step.kind);
      expect(nextSteps(route.code, 'STARTED').length).toBeGreaterThan(0);
    }
  });
  it('closes small claims above €5,000 principal and interest (CPCE L125-1)', () => {
    const at = (cents: number) => routeEstimates(cents).find((r) => r.route === 'PETITES_CREANCES')!;
    expect(at(500_000).overCeiling).toBe(false);
    expect(at(500_001).overCeiling).toBe(true);
    // Costs against the amount: €1,000 owed, an order to pay costing €133.47 → 13.35 % (1 335 bps).
    expect(routeEstimates(100_000).find((r) => r.route === 'INJONCTION_DE_PAYER')).toMatchObject({
      totalCents: 13_347,
      costShareBps: 1335,
    });
  });
});

describe('the judicial pipeline per route', () => {
  const row = (over: Partial<Parameters<typeof pipelineByRoute>[0][number]>) => ({
    route: 'INJONCTION_DE_PAYER',
    stage: 'STARTED',
    outcome: '',
    procedures: 1,
    titled: 0,
    daysToTitle: 0,
    costsCents: 13_347,
    collectedCents: 0,
    deadlinesAtRisk: 0,
    deadlinesLapsed: 0,
    ...over,
  });
  it('rates success among the procedures that ended or got a title, and averages the time to title', () => {
    const [ip, pc] = pipelineByRoute([
      row({ stage: 'ORDER_GRANTED', procedures: 2, deadlinesAtRisk: 1 }),
      row({
        stage: 'NO_OPPOSITION',
        outcome: 'TITLE',
        procedures: 3,
        titled: 3,
        daysToTitle: 300,
        collectedCents: 50_000,
      }),
      row({ stage: 'ORDER_LAPSED', outcome: 'LAPSED', deadlinesLapsed: 0 }),
      row({ route: 'PETITES_CREANCES', stage: 'OFFER_SENT', costsCents: 15_000 }),
    ]);
    expect(ip).toMatchObject({
      procedures: 6,
      stages: { ORDER_GRANTED: 2, NO_OPPOSITION: 3 },
      titled: 3,
      successRate: 0.75,
      daysToTitle: 100,
      collectedCents: 50_000,
      deadlinesAtRisk: 1,
    });
    expect(pc).toMatchObject({ procedures: 1, successRate: null, daysToTitle: null });
  });

  it('counts a procedure its file closed paid or withdrawn as decided only with a title; irrecoverable as a failure', () => {
    const [ip] = pipelineByRoute([
      row({ stage: 'FILE_CLOSED', outcome: 'PAID', procedures: 4, titled: 1, daysToTitle: 90 }),
      row({ stage: 'FILE_CLOSED', outcome: 'WITHDRAWN', procedures: 2 }),
      row({ stage: 'FILE_CLOSED', outcome: 'IRRECOVERABLE', procedures: 1 }),
    ]);
    // Decided: the paid one with a title, and the irrecoverable one; none of them is running at a stage.
    expect(ip).toMatchObject({ procedures: 7, stages: {}, titled: 1, successRate: 0.5, daysToTitle: 90 });
  });
});

describe('an order granted in part', () => {
  const claim = (id: string, dueOn: string, principalCents: number, paidCents = 0) => ({
    id,
    dueOn,
    principalCents,
    paidCents,
  });
  it('keeps what was paid, then the oldest invoices, and reduces or cancels the newer ones', () => {
    const claims = [
      claim('c', '2026-02-01', 30_000),
      claim('a', '2025-12-01', 100_000),
      claim('b', '2026-01-01', 50_000, 10_000),
    ];
    expect(partialGrant(claims, 140_000)).toEqual({
      ok: true,
      corrections: [
        { claimId: 'b', principalCents: 40_000, cancel: false },
        { claimId: 'c', principalCents: 0, cancel: true },
      ],
    });
    // Paid money stays on its claim even when an older invoice has to give way.
    expect(partialGrant(claims, 60_000)).toEqual({
      ok: true,
      corrections: [
        { claimId: 'a', principalCents: 50_000, cancel: false },
        { claimId: 'b', principalCents: 10_000, cancel: false },
        { claimId: 'c', principalCents: 0, cancel: true },
      ],
    });
  });
  it('refuses a sum that is the whole principal, or below what was paid', () => {
    const claims = [claim('a', '2025-12-01', 100_000, 20_000)];
    expect(partialGrant(claims, 100_000)).toEqual({ ok: false, reason: 'grantedNotPartial' });
    expect(partialGrant(claims, 100_001)).toEqual({ ok: false, reason: 'grantedNotPartial' });
    expect(partialGrant(claims, 19_999)).toEqual({ ok: false, reason: 'grantedBelowPaid' });
    expect(partialGrant(claims, 20_000)).toEqual({
      ok: true,
      corrections: [{ claimId: 'a', principalCents: 20_000, cancel: false }],
    });
  });
});
