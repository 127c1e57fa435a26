import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors/app-error';
import { PAYMENT_MESSAGES as M } from '../../lib/payments/messages';
import { addMonths } from '../../lib/dates/days';
import {
  applyToInstalments,
  buildSchedule,
  evaluateInstalments,
  type ScheduleInput,
} from '../../lib/payments/schedule';

const TODAY = '2026-11-25';
const base: ScheduleInput = {
  balanceCents: 100000,
  downPaymentCents: 0,
  instalmentCount: 3,
  firstDueOn: '2026-12-15',
  frequency: 'MONTHLY',
  today: TODAY,
};

/** The field messages of the INVALID error `build` throws. */
function refusal(input: Partial<ScheduleInput>): Record<string, string> {
  try {
    buildSchedule({ ...base, ...input });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID');
    return (error as AppError).fields ?? {};
  }
  throw new Error('expected the plan to be refused');
}

describe('buildSchedule by number of instalments', () => {
  it('splits €1,000 in three monthly instalments, the last taking the odd cent', () => {
    expect(buildSchedule(base)).toEqual([
      { seq: 1, dueOn: '2026-12-15', amountCents: 33333 },
      { seq: 2, dueOn: '2027-01-15', amountCents: 33333 },
      { seq: 3, dueOn: '2027-02-15', amountCents: 33334 },
    ]);
  });

  it('puts the down payment first, due today, and spreads the rest', () => {
    // 100000 − 10000 = 90000 over 4 = 22500 each.
    expect(buildSchedule({ ...base, downPaymentCents: 10000, instalmentCount: 4, frequency: 'WEEKLY' })).toEqual([
      { seq: 0, dueOn: TODAY, amountCents: 10000 },
      { seq: 1, dueOn: '2026-12-15', amountCents: 22500 },
      { seq: 2, dueOn: '2026-12-22', amountCents: 22500 },
      { seq: 3, dueOn: '2026-12-29', amountCents: 22500 },
      { seq: 4, dueOn: '2027-01-05', amountCents: 22500 },
    ]);
  });

  it('gives the whole remainder to the last instalment', () => {
    // 100001 over 7: 14285 × 6 = 85710, last 14291.
    const s = buildSchedule({ ...base, balanceCents: 100001, instalmentCount: 7 });
    expect(s.slice(0, 6).every((i) => i.amountCents === 14285)).toBe(true);
    expect(s[6]!.amountCents).toBe(14291);
    expect(s.reduce((t, i) => t + i.amountCents, 0)).toBe(100001);
  });

  it('allows a single instalment, and sixty', () => {
    expect(buildSchedule({ ...base, instalmentCount: 1 })).toEqual([
      { seq: 1, dueOn: '2026-12-15', amountCents: 100000 },
    ]);
    const sixty = buildSchedule({ ...base, instalmentCount: 60 });
    expect(sixty).toHaveLength(60);
    expect(sixty.at(-1)).toEqual({ seq: 60, dueOn: '2031-11-15', amountCents: 100000 - 1666 * 59 });
  });
});

describe('buildSchedule by amount per instalment', () => {
  it('repeats the amount and ends with what remains', () => {
    expect(buildSchedule({ ...base, instalmentCount: undefined, instalmentCents: 30000 })).toEqual([
      { seq: 1, dueOn: '2026-12-15', amountCents: 30000 },
      { seq: 2, dueOn: '2027-01-15', amountCents: 30000 },
      { seq: 3, dueOn: '2027-02-15', amountCents: 30000 },
      { seq: 4, dueOn: '2027-03-15', amountCents: 10000 },
    ]);
  });

  it('has no stub instalment when the amount divides the balance', () => {
    const s = buildSchedule({ ...base, balanceCents: 90000, instalmentCount: undefined, instalmentCents: 30000 });
    expect(s.map((i) => i.amountCents)).toEqual([30000, 30000, 30000]);
  });

  it('accepts exactly sixty instalments and refuses sixty-one: the plan must cover the balance', () => {
    expect(
      buildSchedule({ ...base, balanceCents: 60000, instalmentCount: undefined, instalmentCents: 1000 }),
    ).toHaveLength(60);
    expect(refusal({ balanceCents: 60001, instalmentCount: undefined, instalmentCents: 1000 })).toEqual({
      instalmentCents: M.notCovered,
    });
  });
});

describe('instalment dates', () => {
  it('keeps the day of the month, or the month end when the month is shorter', () => {
    const s = buildSchedule({ ...base, firstDueOn: '2027-01-31', instalmentCount: 4 });
    expect(s.map((i) => i.dueOn)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('steps seven days weekly and fourteen days every two weeks, across a year end', () => {
    const weekly = buildSchedule({ ...base, firstDueOn: '2026-12-24', frequency: 'WEEKLY' });
    expect(weekly.map((i) => i.dueOn)).toEqual(['2026-12-24', '2026-12-31', '2027-01-07']);
    const biweekly = buildSchedule({ ...base, firstDueOn: '2026-12-01', frequency: 'BIWEEKLY' });
    expect(biweekly.map((i) => i.dueOn)).toEqual(['2026-12-01', '2026-12-15', '2026-12-29']);
  });

  it('allows a first instalment today when there is no down payment', () => {
    expect(buildSchedule({ ...base, firstDueOn: TODAY })[0]!.dueOn).toBe(TODAY);
  });
});

describe('buildSchedule refusals name the field', () => {
  it('refuses a first date in the past', () => {
    expect(refusal({ firstDueOn: '2026-11-24' })).toEqual({ firstDueOn: M.pastDate });
  });

  it('refuses a first instalment on the down payment day', () => {
    expect(refusal({ downPaymentCents: 5000, firstDueOn: TODAY })).toEqual({ firstDueOn: M.afterDownPayment });
  });

  it('refuses an impossible date', () => {
    expect(refusal({ firstDueOn: '2027-02-30' })).toEqual({ firstDueOn: M.day });
  });

  it('wants exactly one of a count and an amount', () => {
    expect(refusal({ instalmentCents: 30000 })).toEqual({
      instalmentCount: M.instalmentChoice,
      instalmentCents: M.instalmentChoice,
    });
    expect(refusal({ instalmentCount: undefined })).toEqual({
      instalmentCount: M.instalmentChoice,
      instalmentCents: M.instalmentChoice,
    });
  });

  it.each([0, -2, 61, 2.5])('refuses %s instalments', (instalmentCount) => {
    expect(refusal({ instalmentCount })).toEqual({ instalmentCount: M.instalmentCount });
  });

  it.each([0, -100, 99.5])('refuses %s cents per instalment', (instalmentCents) => {
    expect(refusal({ instalmentCount: undefined, instalmentCents })).toEqual({ instalmentCents: M.instalmentCents });
  });

  it('refuses instalments of zero cents', () => {
    expect(refusal({ balanceCents: 3, instalmentCount: 5 })).toEqual({ instalmentCount: M.zeroInstalment });
  });

  it('refuses a negative down payment, and one that leaves nothing to schedule', () => {
    expect(refusal({ downPaymentCents: -1 })).toEqual({ downPaymentCents: M.downPayment });
    expect(refusal({ downPaymentCents: 100000 })).toEqual({ downPaymentCents: M.downPaymentTooLarge });
  });

  it('refuses a plan on a file that owes nothing', () => {
    expect(refusal({ balanceCents: 0 })).toEqual({ balanceCents: M.nothingDue });
  });

  it('reports every field at fault at once', () => {
    expect(refusal({ downPaymentCents: -5, instalmentCount: 99, firstDueOn: '2020-01-01' })).toEqual({
      downPaymentCents: M.downPayment,
      instalmentCount: M.instalmentCount,
      firstDueOn: M.pastDate,
    });
  });
});

describe('evaluateInstalments (10 days of grace)', () => {
  const due = (paidCents = 0) => [{ seq: 1, dueOn: '2026-01-05', amountCents: 20000, paidCents }];

  it.each([
    ['2026-01-04', 'DUE', false],
    ['2026-01-05', 'DUE', false],
    ['2026-01-06', 'LATE', false],
    ['2026-01-15', 'LATE', false],
    ['2026-01-16', 'MISSED', true],
  ] as const)('on %s an unpaid instalment due 5 January is %s', (today, status, broken) => {
    const result = evaluateInstalments(due(), today, 10);
    expect([...result]).toEqual([{ seq: 1, status }]);
    expect(result.broken).toBe(broken);
  });

  it('counts a part payment as unpaid, and a full one as PAID even after the date', () => {
    expect(evaluateInstalments(due(19999), '2026-03-01', 10)[0]!.status).toBe('MISSED');
    const paid = evaluateInstalments(due(20000), '2026-03-01', 10);
    expect(paid[0]!.status).toBe('PAID');
    expect(paid.broken).toBe(false);
  });

  it('breaks with no grace the day after the due date', () => {
    expect(evaluateInstalments(due(), '2026-01-06', 0).broken).toBe(true);
  });

  it('judges each instalment on its own', () => {
    const plan = [
      { seq: 0, dueOn: '2026-01-01', amountCents: 5000, paidCents: 5000 },
      { seq: 1, dueOn: '2026-01-10', amountCents: 10000, paidCents: 0 },
      { seq: 2, dueOn: '2026-02-10', amountCents: 10000, paidCents: 0 },
    ];
    const result = evaluateInstalments(plan, '2026-01-12', 10);
    expect(result.map((r) => r.status)).toEqual(['PAID', 'LATE', 'DUE']);
    expect(result.broken).toBe(false);
  });
});

describe('applyToInstalments', () => {
  const plan = [
    { seq: 0, amountCents: 10000, paidCents: 0 },
    { seq: 1, amountCents: 22500, paidCents: 0 },
    { seq: 2, amountCents: 22500, paidCents: 0 },
  ];

  it('settles the oldest unpaid instalments first', () => {
    const { instalments, leftoverCents } = applyToInstalments(plan, 25000);
    expect(instalments.map((i) => i.paidCents)).toEqual([10000, 15000, 0]);
    expect(leftoverCents).toBe(0);
    expect(plan[1]!.paidCents).toBe(0);
  });

  it('tops up a part-paid instalment before the next one', () => {
    const after = applyToInstalments(plan, 25000).instalments;
    expect(applyToInstalments(after, 10000).instalments.map((i) => i.paidCents)).toEqual([10000, 22500, 2500]);
  });

  it('reports what is paid beyond the plan', () => {
    const { instalments, leftoverCents } = applyToInstalments(plan, 60000);
    expect(instalments.map((i) => i.paidCents)).toEqual([10000, 22500, 22500]);
    expect(leftoverCents).toBe(5000);
  });

  it('takes a reversal back from the latest paid instalments first', () => {
    const paid = applyToInstalments(plan, 25000).instalments; // 10000, 15000, 0
    expect(applyToInstalments(paid, -12000).instalments.map((i) => i.paidCents)).toEqual([10000, 3000, 0]);
    expect(applyToInstalments(paid, -20000).instalments.map((i) => i.paidCents)).toEqual([5000, 0, 0]);
    const { instalments, leftoverCents } = applyToInstalments(paid, -30000);
    expect(instalments.map((i) => i.paidCents)).toEqual([0, 0, 0]);
    expect(leftoverCents).toBe(-5000);
  });
});
