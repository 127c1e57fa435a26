import { describe, expect, it } from 'vitest';
import {
  defaultBasis,
  isTimeBarred,
  LIMITATION_RULES,
  limitationOf,
  type LimitationEvent,
} from '../../lib/compliance/limitation';

const on = (basis: Parameters<typeof limitationOf>[0], startsOn: string, events: LimitationEvent[] = []) =>
  limitationOf(basis, startsOn, events).on;

describe('the period of each basis, from the due date', () => {
  it.each([
    // C. conso. L218-2, 2 years: due 15 Mar 2025 → last day 15 Mar 2027; 29 Feb 2024 → 28 Feb 2026 (CPC 641).
    ['CONSUMER', '2025-03-15', '2027-03-15'],
    ['CONSUMER', '2024-02-29', '2026-02-28'],
    // C. com. L110-4, 5 years.
    ['COMMERCIAL', '2024-02-29', '2029-02-28'],
    ['COMMERCIAL', '2025-07-15', '2030-07-15'],
    // C. civ. 2224, 5 years.
    ['CIVIL', '2020-12-31', '2025-12-31'],
    // C. com. L133-6, 1 year.
    ['TRANSPORT', '2026-03-10', '2027-03-10'],
    // Loi 89-462 art. 7-1, 3 years.
    ['RESIDENTIAL_RENT', '2024-05-05', '2027-05-05'],
    // C. conso. R312-35, 2 years (forclusion).
    ['CONSUMER_CREDIT', '2024-11-30', '2026-11-30'],
    // CPCE L111-4, 10 years from the title.
    ['COURT_TITLE', '2019-06-14', '2029-06-14'],
  ] as const)('%s from %s: last day %s', (basis, startsOn, last) => {
    expect(on(basis, startsOn)).toBe(last);
  });

  it('takes the basis from the nature when nobody chose one', () => {
    expect([defaultBasis('B2B'), defaultBasis('CONSUMER'), defaultBasis('CIVIL')]).toEqual([
      'COMMERCIAL',
      'CONSUMER',
      'CIVIL',
    ]);
    expect(LIMITATION_RULES.COMMERCIAL.article).toBe('C. com. L110-4');
  });

  it('is time-barred the day after its last day (C. civ. 2229), never while suspended', () => {
    expect(isTimeBarred('2026-12-07', '2026-12-07')).toBe(false);
    expect(isTimeBarred('2026-12-07', '2026-12-08')).toBe(true);
    expect(isTimeBarred(null, '2099-01-01')).toBe(false);
  });
});

describe('interruption by acknowledgment (C. civ. 2240, 2231)', () => {
  it('starts a new period of the same length from a payment', () => {
    // Consumer claim due 2024-01-10: last day 2026-01-10. Paid in part on 2025-06-20: a new 2-year period runs
    // from that day, last day 2027-06-20.
    expect(limitationOf('CONSUMER', '2024-01-10', [{ kind: 'PAYMENT', on: '2025-06-20' }])).toEqual({
      on: '2027-06-20',
      interruptedOn: '2025-06-20',
      suspendedSince: null,
      rescheduledOn: null,
    });
  });

  it('takes the latest of several acknowledgments, a plan and a letter alike', () => {
    // Commercial, due 2021-04-30 (last day 2026-04-30): plan agreed 2023-02-01 → 2028-02-01; written
    // acknowledgment 2027-09-15 (before 2028-02-01) → 2032-09-15.
    const events: LimitationEvent[] = [
      { kind: 'WRITTEN_ACKNOWLEDGMENT', on: '2027-09-15' },
      { kind: 'PLAN_AGREED', on: '2023-02-01' },
    ];
    expect(on('COMMERCIAL', '2021-04-30', events)).toBe('2032-09-15');
  });

  it('does not revive a claim already time-barred (C. civ. 2249: the payment is only not reclaimable)', () => {
    // Consumer, due 2022-01-10: barred after 2024-01-10. A payment on 2024-03-01 changes nothing.
    expect(on('CONSUMER', '2022-01-10', [{ kind: 'PAYMENT', on: '2024-03-01' }])).toBe('2024-01-10');
  });

  it('never goes past 20 years from the start (C. civ. 2232), except for a court action', () => {
    // Civil, due 2006-01-01: acknowledgments every 4 years push the end to 2030-01-01 (2025-01-01 + 5), capped at
    // 2026-01-01 (2006 + 20).
    const acks = ['2010-01-01', '2014-01-01', '2018-01-01', '2022-01-01', '2025-01-01'].map((d): LimitationEvent => ({
      kind: 'WRITTEN_ACKNOWLEDGMENT',
      on: d,
    }));
    expect(on('CIVIL', '2006-01-01', acks)).toBe('2026-01-01');
    expect(on('CIVIL', '2006-01-01', [...acks, { kind: 'COURT_ACTION', on: '2025-06-01' }])).toBe('2030-06-01');
  });
});

describe('suspension (C. civ. 2230, 2238)', () => {
  it('pushes the date by the days it lasted', () => {
    // Commercial, due 2023-03-01: last day 2028-03-01. Mediation from 2027-01-10 to 2027-04-10. Days left on
    // 2027-01-10: to 2028-01-10 is 365, then 21 (January) + 29 (February 2028, leap) + 1 = 51, so 416. They run
    // again from 2027-04-10: to 2028-04-10 is 366 days, + 50 = 2028-05-30. Over six months: the floor does not bite.
    const mediation: LimitationEvent = { kind: 'SUSPENSION', on: '2027-01-10', endsOn: '2027-04-10' };
    expect(on('COMMERCIAL', '2023-03-01', [mediation])).toBe('2028-05-30');
  });

  it('leaves at least six months after the small-claims procedure ends (2238 al. 3)', () => {
    // Consumer, due 2024-10-01: last day 2026-10-01. The debtor agrees to the L125-1 procedure on 2026-09-01
    // (30 days left) and refuses on 2026-09-20: 30 days would end 2026-10-20, but six months run to 2027-03-20.
    const smallClaims: LimitationEvent = { kind: 'SUSPENSION', on: '2026-09-01', endsOn: '2026-09-20' };
    expect(on('CONSUMER', '2024-10-01', [smallClaims])).toBe('2027-03-20');
  });

  it('has no date while the suspension is under way', () => {
    expect(limitationOf('CONSUMER', '2024-10-01', [{ kind: 'SUSPENSION', on: '2026-09-01' }])).toEqual({
      on: null,
      interruptedOn: null,
      suspendedSince: '2026-09-01',
      rescheduledOn: null,
    });
  });
});

describe('forclusion of consumer credit (C. conso. R312-35, C. civ. 2220)', () => {
  it('ignores payments, acknowledgments and mediation', () => {
    // First unregularised incident 2024-11-30: the action must be brought by 2026-11-30, whatever happened.
    const events: LimitationEvent[] = [
      { kind: 'PAYMENT', on: '2025-02-01' },
      { kind: 'WRITTEN_ACKNOWLEDGMENT', on: '2025-04-01' },
      { kind: 'SUSPENSION', on: '2025-05-01', endsOn: '2025-09-01' },
      { kind: 'SUSPENSION', on: '2025-10-01' },
    ];
    expect(limitationOf('CONSUMER_CREDIT', '2024-11-30', events)).toEqual({
      on: '2026-11-30',
      interruptedOn: null,
      suspendedSince: null,
      rescheduledOn: null,
    });
  });

  it('is interrupted by a court action (C. civ. 2241 al. 1)', () => {
    expect(on('CONSUMER_CREDIT', '2024-11-30', [{ kind: 'COURT_ACTION', on: '2026-10-15' }])).toBe('2028-10-15');
  });

  // R312-35 al. 2: « le point de départ du délai de forclusion est le premier incident non régularisé intervenu après
  // le premier aménagement ou rééchelonnement conclu entre les intéressés ». Each figure below by hand: two years
  // from the new start, same day number (CPC 641).
  describe('after a rescheduling (R312-35 al. 2)', () => {
    const plan = (on: string): LimitationEvent => ({ kind: 'PLAN_AGREED', on });
    const incident = (on: string): LimitationEvent => ({ kind: 'PAYMENT_INCIDENT', on });

    it('stops the clock while the first plan is honoured: no date can be known', () => {
      // Incident 2024-11-30 (would end 2026-11-30); plan agreed 2025-03-01, nothing missed since.
      expect(limitationOf('CONSUMER_CREDIT', '2024-11-30', [plan('2025-03-01')])).toEqual({
        on: null,
        interruptedOn: null,
        suspendedSince: null,
        rescheduledOn: '2025-03-01',
      });
    });

    it('starts two new years at the first instalment of the plan left unpaid', () => {
      // Plan 2025-03-01; its instalment due 2025-07-05 missed past the grace period: 2025-07-05 + 2 y = 2027-07-05,
      // later than the original 2026-11-30, and even past it the plan keeps the claim alive.
      expect(limitationOf('CONSUMER_CREDIT', '2024-11-30', [plan('2025-03-01'), incident('2025-07-05')])).toEqual({
        on: '2027-07-05',
        interruptedOn: '2025-07-05',
        suspendedSince: null,
        rescheduledOn: null,
      });
    });

    it('can move the date earlier than the original period: the incident is the new start, not an extension', () => {
      // Incident 2024-11-30 (2026-11-30); plan 2024-12-15; its first instalment 2025-01-05 missed: 2027-01-05.
      expect(on('CONSUMER_CREDIT', '2024-11-30', [plan('2024-12-15'), incident('2025-01-05')])).toBe('2027-01-05');
    });

    it('counts only the first rescheduling: a second plan and its own incident change nothing', () => {
      // First plan 2025-03-01, broken 2025-07-05 → 2027-07-05; second plan 2025-09-01 broken 2026-01-05 (would give
      // 2028-01-05 if it counted): stays 2027-07-05.
      const events = [plan('2025-03-01'), incident('2025-07-05'), plan('2025-09-01'), incident('2026-01-05')];
      expect(on('CONSUMER_CREDIT', '2024-11-30', events)).toBe('2027-07-05');
    });

    it('ignores an incident before the plan or on the day it was agreed ("intervenu après")', () => {
      expect(on('CONSUMER_CREDIT', '2024-11-30', [incident('2025-02-01'), plan('2025-03-01')])).toBeNull();
      expect(on('CONSUMER_CREDIT', '2024-11-30', [plan('2025-03-01'), incident('2025-03-01')])).toBeNull();
    });

    it('does not revive a forclusion already acquired', () => {
      // Incident 2022-01-10: forclosed after 2024-01-10; a plan on 2024-06-01 comes too late.
      expect(on('CONSUMER_CREDIT', '2022-01-10', [plan('2024-06-01'), incident('2024-09-05')])).toBe('2024-01-10');
    });

    it('is overtaken by a court action brought during the plan', () => {
      // Plan 2025-03-01, summons 2025-05-02: 2027-05-02; the plan's later incident no longer moves it.
      const events = [plan('2025-03-01'), { kind: 'COURT_ACTION', on: '2025-05-02' } as const, incident('2025-07-05')];
      expect(on('CONSUMER_CREDIT', '2024-11-30', events)).toBe('2027-05-02');
    });

    it('ends on 28 February two years after an incident of 29 February', () => {
      // 2024-02-29 + 2 y: 2026 has no 29 February, so the month's last day (CPC 641).
      expect(on('CONSUMER_CREDIT', '2023-12-01', [plan('2024-01-15'), incident('2024-02-29')])).toBe('2026-02-28');
    });

    it('means nothing to a prescription: a consumer sale keeps its acknowledgment rules', () => {
      // CONSUMER 2024-01-10 → 2026-01-10; the incident is no acknowledgment; the plan is one (2240): 2025-03-01 + 2 y.
      expect(on('CONSUMER', '2024-01-10', [incident('2025-01-01')])).toBe('2026-01-10');
      expect(on('CONSUMER', '2024-01-10', [plan('2025-03-01'), incident('2025-07-05')])).toBe('2027-03-01');
    });
  });
});

// R312-35 al. 1: the forclusion runs from « le premier incident de paiement non régularisé ». The claim's start is
// its first incident; a regularisation makes good the oldest incident still open, and the start moves to the next
// one still unregularised. Each figure by hand: two years from the start, same day number (CPC 641).
describe('regularised incidents of consumer credit (R312-35 al. 1)', () => {
  const incident = (on: string): LimitationEvent => ({ kind: 'PAYMENT_INCIDENT', on });
  const regularised = (on: string): LimitationEvent => ({ kind: 'INCIDENT_REGULARISED', on });

  it('moves the start to the next unregularised incident', () => {
    // Incidents 2024-11-30 (the claim's start) and 2025-01-31; the first made good on 2025-03-10: the forclusion
    // runs from 2025-01-31, so 2027-01-31 instead of 2026-11-30.
    expect(limitationOf('CONSUMER_CREDIT', '2024-11-30', [incident('2025-01-31'), regularised('2025-03-10')])).toEqual({
      on: '2027-01-31',
      interruptedOn: '2025-01-31',
      suspendedSince: null,
      rescheduledOn: null,
    });
  });

  it('runs from nothing while every incident is regularised, then from the next incident', () => {
    // The only incident 2024-11-30 made good on 2025-02-15: no date; an instalment missed on 2025-06-30: 2027-06-30.
    expect(limitationOf('CONSUMER_CREDIT', '2024-11-30', [regularised('2025-02-15')])).toEqual({
      on: null,
      interruptedOn: null,
      suspendedSince: null,
      rescheduledOn: null,
      regularisedOn: '2025-02-15',
    });
    expect(on('CONSUMER_CREDIT', '2024-11-30', [regularised('2025-02-15'), incident('2025-06-30')])).toBe('2027-06-30');
  });

  it('makes good the incidents oldest first', () => {
    // Incidents 2024-11-30, 2024-12-31, 2025-01-31; two regularisations on 2025-02-10: the start is 2025-01-31.
    const events = [
      incident('2024-12-31'),
      incident('2025-01-31'),
      regularised('2025-02-10'),
      regularised('2025-02-10'),
    ];
    expect(on('CONSUMER_CREDIT', '2024-11-30', events)).toBe('2027-01-31');
    // One regularisation only: the start is 2024-12-31 → 2026-12-31.
    expect(on('CONSUMER_CREDIT', '2024-11-30', events.slice(0, 3))).toBe('2026-12-31');
  });

  it('counts an incident of the same day before its regularisation', () => {
    // Incident 2024-11-30; on 2025-01-31 an instalment is missed and the older arrears are paid: runs from 2025-01-31.
    expect(on('CONSUMER_CREDIT', '2024-11-30', [regularised('2025-01-31'), incident('2025-01-31')])).toBe('2027-01-31');
  });

  it('does not revive a forclusion already acquired', () => {
    // Incidents 2022-01-10 and 2022-03-10; forclosed after 2024-01-10; a regularisation on 2024-06-01 comes too late.
    expect(on('CONSUMER_CREDIT', '2022-01-10', [incident('2022-03-10'), regularised('2024-06-01')])).toBe('2024-01-10');
  });

  it('no longer moves a forclusion a court action interrupted', () => {
    // Summons 2025-05-02: 2027-05-02, whatever is regularised afterwards.
    const events = [
      { kind: 'COURT_ACTION', on: '2025-05-02' } as const,
      incident('2025-06-30'),
      regularised('2025-07-10'),
    ];
    expect(on('CONSUMER_CREDIT', '2024-11-30', events)).toBe('2027-05-02');
  });

  it('means nothing to a prescription', () => {
    expect(on('CONSUMER', '2024-01-10', [regularised('2025-01-01')])).toBe('2026-01-10');
  });
});
