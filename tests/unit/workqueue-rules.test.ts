import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../lib/dates/days';
import { scoreFile, type FileFacts, type OpenTask } from '../../lib/workqueue/rules';

const TODAY = '2026-11-25';

/**
 * A file in amicable collection with nothing due: 300 € owed (no amount points), 400 days past due (no age
 * points), last contact 10 days ago (its no-contact reason would come 60 days after that contact).
 */
function facts(over: Partial<FileFacts> = {}): FileFacts {
  return {
    status: 'IN_PROGRESS',
    phase: 'AMICABLE',
    amountAtStakeCents: 30_000,
    oldestDueOn: '2025-10-21',
    placedOn: '2026-01-10',
    lastContactOn: '2026-11-15',
    limitationOn: null,
    pendingPromise: null,
    brokenPromises: 0,
    keptPromises: 0,
    lastBrokenPromise: null,
    unpaidInstalment: null,
    missedInstalments: null,
    openTasks: [],
    openDisputeOn: null,
    ...over,
  };
}

const task = (over: Partial<OpenTask> = {}): OpenTask => ({
  kind: 'CALLBACK',
  source: 'agent',
  dueOn: TODAY,
  dueTime: '14:30',
  ...over,
});

describe('day arithmetic', () => {
  it('counts days across months and leap years', () => {
    expect(daysBetween('2026-11-24', TODAY)).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween(TODAY, '2026-11-20')).toBe(-5);
    expect(addDays('2026-11-15', 60)).toBe('2027-01-14');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('a file with nothing due', () => {
  it('has no score and waits until 60 days after its last contact', () => {
    expect(scoreFile(facts(), TODAY)).toEqual({ score: 0, attentionOn: '2027-01-14', reasons: [] });
  });

  it('never needs its agent once closed, whatever is pending', () => {
    for (const status of ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'] as const) {
      const closed = facts({ status, phase: 'CLOSED', openTasks: [task()], lastContactOn: null });
      expect(scoreFile(closed, TODAY)).toEqual({ score: 0, attentionOn: null, reasons: [] });
    }
  });
});

describe('each reason', () => {
  it('CALLBACK_DUE: a callback due today at 14:30 gives 100 points and its time', () => {
    expect(scoreFile(facts({ openTasks: [task()] }), TODAY)).toEqual({
      score: 100,
      attentionOn: TODAY,
      reasons: [{ code: 'CALLBACK_DUE', points: 100, params: { on: TODAY, kind: 'CALLBACK', time: '14:30' } }],
    });
  });

  it('a callback next week puts the file in the queue on that day, with no points before', () => {
    expect(scoreFile(facts({ openTasks: [task({ dueOn: '2026-12-01' })] }), TODAY)).toEqual({
      score: 0,
      attentionOn: '2026-12-01',
      reasons: [],
    });
  });

  it('PROMISE_OVERDUE: a pending promise due yesterday — 90 points and its amount, since its date', () => {
    const r = scoreFile(facts({ pendingPromise: { dueOn: '2026-11-24', amountCents: 45_000 } }), TODAY);
    expect(r).toEqual({
      score: 90,
      attentionOn: '2026-11-24',
      reasons: [{ code: 'PROMISE_OVERDUE', points: 90, params: { on: '2026-11-24', amountCents: 45_000 } }],
    });
  });

  it('PROMISE_DUE_TODAY: 60 points', () => {
    const r = scoreFile(facts({ pendingPromise: { dueOn: TODAY, amountCents: 12_000 } }), TODAY);
    expect(r.score).toBe(60);
    expect(r.reasons).toEqual([{ code: 'PROMISE_DUE_TODAY', points: 60, params: { on: TODAY, amountCents: 12_000 } }]);
  });

  it('a promise not yet due waits for its day, and stops the no-contact chase meanwhile', () => {
    const quiet = facts({ lastContactOn: '2026-09-01', pendingPromise: { dueOn: '2026-11-28', amountCents: 5_000 } });
    expect(scoreFile(quiet, TODAY)).toEqual({ score: 0, attentionOn: '2026-11-28', reasons: [] });
  });

  it('PROMISE_BROKEN: broken after the last contact — 80; broken before it — nothing', () => {
    const news = facts({ brokenPromises: 1, lastBrokenPromise: { on: '2026-11-20', amountCents: 30_000 } });
    expect(scoreFile(news, TODAY)).toEqual({
      score: 90,
      attentionOn: '2026-11-20',
      reasons: [
        { code: 'PROMISE_BROKEN', points: 80, params: { on: '2026-11-20', amountCents: 30_000 } },
        { code: 'BROKEN_PROMISES', points: 10, params: { count: 1 } },
      ],
    });
    const known = facts({ brokenPromises: 1, lastBrokenPromise: { on: '2026-11-15', amountCents: 30_000 } });
    expect(scoreFile(known, TODAY)).toEqual({ score: 0, attentionOn: '2027-01-14', reasons: [] });
  });

  it('promise history: +10 per broken promise up to 30, −10 per kept promise down to −20', () => {
    const due = { openTasks: [task()] };
    expect(scoreFile(facts({ ...due, brokenPromises: 2 }), TODAY).score).toBe(120);
    expect(scoreFile(facts({ ...due, brokenPromises: 5 }), TODAY).score).toBe(130);
    expect(scoreFile(facts({ ...due, keptPromises: 1 }), TODAY).score).toBe(90);
    const many = scoreFile(facts({ ...due, keptPromises: 4 }), TODAY);
    expect(many.score).toBe(80);
    expect(many.reasons.at(-1)).toEqual({ code: 'KEPT_PROMISES', points: -20, params: { count: 4 } });
  });

  it('INSTALMENT_LATE: unpaid 3 days after its date — 55 points', () => {
    const r = scoreFile(facts({ unpaidInstalment: { dueOn: '2026-11-22', amountCents: 10_000 } }), TODAY);
    expect(r).toEqual({
      score: 55,
      attentionOn: '2026-11-23',
      reasons: [{ code: 'INSTALMENT_LATE', points: 55, params: { on: '2026-11-22', amountCents: 10_000 } }],
    });
  });

  it('an instalment still to come: the file waits for the day after it, and is not chased meanwhile', () => {
    const onTrack = facts({
      lastContactOn: '2026-08-01',
      unpaidInstalment: { dueOn: '2026-12-05', amountCents: 10_000 },
    });
    expect(scoreFile(onTrack, TODAY)).toEqual({ score: 0, attentionOn: '2026-12-06', reasons: [] });
  });

  it('a late instalment the agent already called about (on or after its late day) waits', () => {
    const called = facts({ lastContactOn: '2026-11-23', unpaidInstalment: { dueOn: '2026-11-22', amountCents: 1 } });
    expect(scoreFile(called, TODAY).reasons).toEqual([]);
  });

  it('INSTALMENT_MISSED: missed yesterday — 85 points with the count and the unpaid sum', () => {
    const r = scoreFile(
      facts({ missedInstalments: { count: 2, lastMissedOn: '2026-11-24', amountCents: 24_000 } }),
      TODAY,
    );
    expect(r.score).toBe(85);
    expect(r.reasons).toEqual([
      { code: 'INSTALMENT_MISSED', points: 85, params: { on: '2026-11-24', count: 2, amountCents: 24_000 } },
    ]);
  });

  it('SCENARIO_STEP: a call the scenario planned for today — 45 points', () => {
    const r = scoreFile(facts({ openTasks: [task({ kind: 'CALL', source: 'scenario', dueTime: '09:00' })] }), TODAY);
    expect(r).toEqual({
      score: 45,
      attentionOn: TODAY,
      reasons: [{ code: 'SCENARIO_STEP', points: 45, params: { on: TODAY, kind: 'CALL' } }],
    });
  });

  it('TASK_DUE: points by kind; two tasks of one kind count once, from the earliest', () => {
    const insolvency = task({ kind: 'INSOLVENCY_FOLLOW_UP', dueOn: '2026-11-20' });
    expect(scoreFile(facts({ openTasks: [insolvency] }), TODAY).reasons).toEqual([
      { code: 'TASK_DUE', points: 80, params: { on: '2026-11-20', kind: 'INSOLVENCY_FOLLOW_UP' } },
    ]);
    const reviews = [task({ kind: 'REVIEW', dueOn: TODAY }), task({ kind: 'REVIEW', dueOn: '2026-11-23' })];
    expect(scoreFile(facts({ openTasks: reviews }), TODAY).reasons).toEqual([
      { code: 'TASK_DUE', points: 40, params: { on: '2026-11-23', kind: 'REVIEW' } },
    ]);
    const visitAndCall = [task({ kind: 'VISIT' }), task({ kind: 'CALL' })];
    expect(scoreFile(facts({ openTasks: visitAndCall }), TODAY).score).toBe(100);
  });

  it('DISPUTE_OPEN: 70 points; a disputed file is not chased for its promise or for being new', () => {
    const r = scoreFile(
      facts({
        status: 'DISPUTED',
        openDisputeOn: '2026-11-18',
        lastContactOn: null,
        pendingPromise: { dueOn: '2026-11-01', amountCents: 10_000 },
      }),
      TODAY,
    );
    expect(r).toEqual({
      score: 70,
      attentionOn: '2026-11-18',
      reasons: [{ code: 'DISPUTE_OPEN', points: 70, params: { on: '2026-11-18' } }],
    });
  });

  it('NEW_FILE: never contacted — 40 points and the days since placement', () => {
    const r = scoreFile(facts({ lastContactOn: null, placedOn: '2026-11-05' }), TODAY);
    expect(r).toEqual({
      score: 40,
      attentionOn: '2026-11-05',
      reasons: [{ code: 'NEW_FILE', points: 40, params: { on: '2026-11-05' } }],
    });
  });

  it('LIMITATION_SOON within 30 days (80), LIMITATION_NEAR within 90 (40), PASSED (30)', () => {
    expect(scoreFile(facts({ limitationOn: '2026-12-15' }), TODAY).reasons).toEqual([
      { code: 'LIMITATION_SOON', points: 80, params: { on: '2026-12-15' } },
    ]);
    expect(scoreFile(facts({ limitationOn: '2026-12-25' }), TODAY).reasons).toEqual([
      { code: 'LIMITATION_SOON', points: 80, params: { on: '2026-12-25' } },
    ]);
    expect(scoreFile(facts({ limitationOn: '2027-01-24' }), TODAY).reasons).toEqual([
      { code: 'LIMITATION_NEAR', points: 40, params: { on: '2027-01-24' } },
    ]);
    expect(scoreFile(facts({ limitationOn: '2026-10-01' }), TODAY).reasons).toEqual([
      { code: 'LIMITATION_PASSED', points: 30, params: { on: '2026-10-01' } },
    ]);
  });

  it('a limitation date 120 days away brings the file in 90 days before it', () => {
    expect(scoreFile(facts({ limitationOn: '2027-03-25' }), TODAY)).toEqual({
      score: 0,
      attentionOn: '2026-12-25',
      reasons: [],
    });
  });

  it('NO_RECENT_CONTACT: from 60 days it brings the file in (25); 30–59 days only adds 10', () => {
    expect(scoreFile(facts({ lastContactOn: '2026-09-11' }), TODAY)).toEqual({
      score: 25,
      attentionOn: '2026-11-10',
      reasons: [{ code: 'NO_RECENT_CONTACT', points: 25, params: { on: '2026-09-11' } }],
    });
    const quiet = scoreFile(facts({ lastContactOn: '2026-10-11', openTasks: [task()] }), TODAY);
    expect(quiet.score).toBe(110);
    expect(quiet.reasons[1]).toEqual({ code: 'NO_RECENT_CONTACT', points: 10, params: { on: '2026-10-11' } });
  });

  it('AMOUNT tiers: 499.99 € 0, 500 € +10, 2,000 € +20, 5,000 € +35, 15,000 € +50', () => {
    const withAmount = (amountAtStakeCents: number) =>
      scoreFile(facts({ amountAtStakeCents, openTasks: [task()] }), TODAY).score - 100;
    expect([49_999, 50_000, 200_000, 500_000, 1_500_000, 9_000_000].map(withAmount)).toEqual([0, 10, 20, 35, 50, 50]);
  });

  it('DEBT_AGE: under 90 days past due +10, under a year +5, older 0', () => {
    const withAge = (oldestDueOn: string) => scoreFile(facts({ oldestDueOn, openTasks: [task()] }), TODAY).score - 100;
    expect([addDays(TODAY, -30), addDays(TODAY, -89), addDays(TODAY, -90), addDays(TODAY, -364)].map(withAge)).toEqual([
      10, 10, 5, 5,
    ]);
    expect(withAge(addDays(TODAY, -365))).toBe(0);
  });

  it('a suspended file needs its agent only for the tasks people set on it', () => {
    const suspended = facts({
      status: 'SUSPENDED',
      lastContactOn: null,
      pendingPromise: { dueOn: '2026-11-01', amountCents: 10_000 },
      limitationOn: '2026-12-01',
      openTasks: [
        task({ kind: 'CALL', source: 'scenario' }),
        task({ kind: 'INSOLVENCY_FOLLOW_UP', dueOn: '2026-12-10' }),
      ],
    });
    expect(scoreFile(suspended, TODAY)).toEqual({ score: 0, attentionOn: '2026-12-10', reasons: [] });
    expect(scoreFile(suspended, '2026-12-10').reasons.map((r) => r.code)).toEqual(['TASK_DUE']);
  });
});

describe('several reasons', () => {
  it('add up, what is due first (highest points first), then what orders it', () => {
    const r = scoreFile(
      facts({
        amountAtStakeCents: 2_000_000,
        oldestDueOn: '2026-10-01',
        lastContactOn: null,
        placedOn: '2026-11-20',
        limitationOn: '2027-02-01',
      }),
      TODAY,
    );
    // LIMITATION_NEAR 40 (68 days) + NEW_FILE 40 + AMOUNT 50 + DEBT_AGE 10 (55 days).
    expect(r.score).toBe(140);
    expect(r.reasons.map((x) => [x.code, x.points])).toEqual([
      ['LIMITATION_NEAR', 40],
      ['NEW_FILE', 40],
      ['AMOUNT', 50],
      ['DEBT_AGE', 10],
    ]);
  });

  it('the attention date is the earliest of several future triggers', () => {
    const r = scoreFile(
      facts({
        openTasks: [task({ dueOn: '2026-12-03' }), task({ kind: 'REVIEW', dueOn: '2026-11-30' })],
        limitationOn: '2027-03-01',
      }),
      TODAY,
    );
    expect(r).toEqual({ score: 0, attentionOn: '2026-11-30', reasons: [] });
  });
});

describe('ordering typical files', () => {
  it('ranks a near time-bar, a callback, a broken promise, a fresh file and a quiet one in that order', () => {
    const files: Record<string, FileFacts> = {
      // LIMITATION_SOON 80 + AMOUNT 35 (6,000 €) = 115
      timeBar: facts({ limitationOn: '2026-12-05', amountAtStakeCents: 600_000 }),
      // CALLBACK_DUE 100 + AMOUNT 10 (1,200 €) = 110
      callback: facts({ openTasks: [task({ dueTime: '10:00' })], amountAtStakeCents: 120_000 }),
      // PROMISE_OVERDUE 90 + BROKEN_PROMISES 10 = 100
      promise: facts({ pendingPromise: { dueOn: '2026-11-23', amountCents: 45_000 }, brokenPromises: 1 }),
      // NEW_FILE 40 + AMOUNT 20 (3,000 €) + DEBT_AGE 10 (40 days) = 70
      fresh: facts({
        lastContactOn: null,
        placedOn: '2026-11-21',
        oldestDueOn: '2026-10-16',
        amountAtStakeCents: 300_000,
      }),
      // NO_RECENT_CONTACT 25 (70 days)
      quiet: facts({ lastContactOn: '2026-09-16' }),
      // nothing due: last contact 10 days ago
      idle: facts(),
    };
    const scored = Object.entries(files).map(([name, f]) => ({ name, ...scoreFile(f, TODAY) }));
    expect(Object.fromEntries(scored.map((s) => [s.name, s.score]))).toEqual({
      timeBar: 115,
      callback: 110,
      promise: 100,
      fresh: 70,
      quiet: 25,
      idle: 0,
    });
    const queue = scored.filter((s) => s.attentionOn !== null && s.attentionOn <= TODAY);
    expect(queue.sort((a, b) => b.score - a.score).map((s) => s.name)).toEqual([
      'timeBar',
      'callback',
      'promise',
      'fresh',
      'quiet',
    ]);
  });

  it('keeps the same reasons from one day to the next until a threshold passes', () => {
    const f = facts({
      pendingPromise: { dueOn: '2026-11-20', amountCents: 45_000 },
      lastContactOn: '2026-11-20',
      limitationOn: '2027-01-15',
    });
    const now = scoreFile(f, TODAY);
    // Due since the limitation date came within 90 days (2026-10-17), before the promise fell due.
    expect(now.attentionOn).toBe('2026-10-17');
    expect(scoreFile(f, '2026-11-26')).toEqual(now);
    // 2026-12-16 is 30 days before the limitation date: the reason changes, and so does the score.
    expect(scoreFile(f, '2026-12-16').score).toBe(now.score + 40);
  });

  it('moves a file up as time passes, without anyone touching it', () => {
    const f = facts({ pendingPromise: { dueOn: '2026-11-27', amountCents: 45_000 } });
    expect(scoreFile(f, TODAY)).toMatchObject({ score: 0, attentionOn: '2026-11-27' });
    expect(scoreFile(f, '2026-11-27')).toMatchObject({ score: 60, attentionOn: '2026-11-27' });
    expect(scoreFile(f, '2026-11-28')).toMatchObject({ score: 90, attentionOn: '2026-11-27' });
  });
});
