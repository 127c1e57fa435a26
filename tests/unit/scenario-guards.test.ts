import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPS, type ContactAttempt } from '../../lib/compliance/caps';
import { DEFAULT_CONTACT_WINDOW, type ContactChannel } from '../../lib/compliance/contact-window';
import {
  GUARD_REASONS,
  guardStep,
  type GuardDecision,
  type GuardFile,
  type GuardInput,
  type GuardReason,
  type GuardStep,
} from '../../lib/scenarios/guards';

// Tuesday 13 January 2026, 10:00 in Paris (CET, UTC+1): inside the default window.
const NOW = new Date('2026-01-13T09:00:00Z');

const baseFile: GuardFile = {
  status: 'IN_PROGRESS',
  phase: 'AMICABLE',
  totalDueCents: 125_000,
  amountEstimated: false,
  plan: null,
  planAwaitingApproval: false,
  bankCreditPending: false,
  pendingPromiseDueOn: null,
  openDispute: false,
  insolvency: null,
  limitationOn: '2030-06-30',
  formalNoticeOn: null,
  preJudicialWarning: null,
  mandates: [{ startsOn: '2025-01-01', endsOn: null, scope: 'AMICABLE_AND_JUDICIAL' }],
  // The R124-4 letter went out and was posted: other channels may follow (issue 14).
  firstLetter: { reference: 'D-1-1L', postedOn: '2026-01-05' },
  letterUnposted: false,
};

function input(over: { file?: Partial<GuardFile> } & Partial<Omit<GuardInput, 'file'>> = {}): GuardInput {
  const { file, ...rest } = over;
  return {
    file: { ...baseFile, ...file },
    step: { kind: 'CALL_TASK', channel: 'CALL' },
    contact: { status: 'VALID', optedOut: false },
    history: [],
    window: DEFAULT_CONTACT_WINDOW,
    caps: DEFAULT_CAPS,
    now: NOW,
    ...rest,
  };
}

const calls = (...isos: string[]): ContactAttempt[] => isos.map((iso) => ({ channel: 'CALL', at: new Date(iso) }));
const postponed = (reason: GuardReason, iso: string): GuardDecision =>
  ({ decision: 'POSTPONE', reason, until: new Date(iso) }) as GuardDecision;
const step = (kind: GuardStep['kind'], channel: ContactChannel = 'LETTER'): GuardStep =>
  kind === 'ESCALATE' ? { kind } : { kind, channel };

describe('guardStep runs a step when nothing stands in the way', () => {
  it.each([
    ['SIMPLE_LETTER', 'LETTER'],
    ['EMAIL', 'EMAIL'],
    ['SMS', 'SMS'],
    ['CALL_TASK', 'CALL'],
    ['VISIT_TASK', 'VISIT'],
    ['REGISTERED_LETTER', 'LETTER'],
    ['FORMAL_NOTICE', 'LETTER'],
  ] as const)('%s on %s', (kind, channel) => {
    expect(guardStep(input({ step: { kind, channel } }))).toEqual({ decision: 'RUN' });
  });

  it('runs on an unverified contact point (creditor-supplied details start unverified)', () => {
    expect(guardStep(input({ contact: { status: 'UNVERIFIED', optedOut: false } }))).toEqual({ decision: 'RUN' });
  });
});

describe('STOP: collection is over', () => {
  it('when the file is paid, by status or by balance', () => {
    expect(guardStep(input({ file: { status: 'PAID', phase: 'CLOSED' } }))).toEqual({
      decision: 'STOP',
      reason: 'PAID',
    });
    expect(guardStep(input({ file: { totalDueCents: 0 } }))).toEqual({ decision: 'STOP', reason: 'PAID' });
    expect(guardStep(input({ file: { totalDueCents: 1 } }))).toEqual({ decision: 'RUN' });
  });

  it.each([
    ['withdrawn', { status: 'WITHDRAWN', phase: 'CLOSED' }],
    ['irrecoverable', { status: 'IRRECOVERABLE', phase: 'CLOSED' }],
    ['in the closed phase whatever its status says', { phase: 'CLOSED' }],
  ] as const)('when the file is %s', (_label, file) => {
    expect(guardStep(input({ file }))).toEqual({ decision: 'STOP', reason: 'FILE_CLOSED' });
  });

  it('when insolvency proceedings are open or an over-indebtedness case is admitted', () => {
    expect(guardStep(input({ file: { insolvency: 'COLLECTIVE_PROCEEDINGS' } }))).toEqual({
      decision: 'STOP',
      reason: 'INSOLVENCY_PROCEEDINGS',
    });
    expect(guardStep(input({ file: { insolvency: 'OVER_INDEBTEDNESS' } }))).toEqual({
      decision: 'STOP',
      reason: 'OVER_INDEBTEDNESS',
    });
  });

  it('once the last day of the limitation period has passed, in the agency time zone', () => {
    expect(guardStep(input({ file: { limitationOn: '2026-01-12' } }))).toEqual({
      decision: 'STOP',
      reason: 'LIMITATION_EXPIRED',
    });
    expect(guardStep(input({ file: { limitationOn: '2026-01-13' } }))).toEqual({ decision: 'RUN' });
    // 23:30 UTC on the 12th is already the 13th in Paris: the 12th is over there.
    const lateEvening = new Date('2026-01-12T23:30:00Z');
    expect(guardStep(input({ now: lateEvening, file: { limitationOn: '2026-01-12' } }))).toEqual({
      decision: 'STOP',
      reason: 'LIMITATION_EXPIRED',
    });
  });

  it('never runs a pre-judicial step on a time-barred debt', () => {
    const barred = { limitationOn: '2025-12-31', formalNoticeOn: '2025-11-01' };
    expect(guardStep(input({ step: step('PRE_JUDICIAL_WARNING'), file: barred }))).toEqual({
      decision: 'STOP',
      reason: 'LIMITATION_EXPIRED',
    });
    const warned = {
      ...barred,
      preJudicialWarning: { sentOn: '2025-11-20', deadlineOn: '2025-12-05', returned: false },
    };
    expect(guardStep(input({ step: step('ESCALATE'), file: warned }))).toEqual({
      decision: 'STOP',
      reason: 'LIMITATION_EXPIRED',
    });
  });

  it('when the file has left the amicable phase', () => {
    expect(guardStep(input({ file: { status: 'AWAITING_JUDICIAL', phase: 'JUDICIAL' } }))).toEqual({
      decision: 'STOP',
      reason: 'JUDICIAL_PHASE',
    });
  });
});

describe('POSTPONE: the file is paused', () => {
  it('re-checks an open dispute one day later, whatever the hour', () => {
    const tomorrow = '2026-01-14T09:00:00Z';
    expect(guardStep(input({ file: { openDispute: true } }))).toEqual(postponed('DISPUTE_OPEN', tomorrow));
    expect(guardStep(input({ file: { status: 'DISPUTED' } }))).toEqual(postponed('DISPUTE_OPEN', tomorrow));
  });

  it('re-checks a suspended file one day later', () => {
    expect(guardStep(input({ file: { status: 'SUSPENDED' } }))).toEqual(
      postponed('FILE_SUSPENDED', '2026-01-14T09:00:00Z'),
    );
  });

  it('waits for the day after the next instalment’s grace period while the plan is on track', () => {
    // Due 20 January + 10 days' grace: late from Saturday 31 January. A call waits for Saturday 09:00 CET.
    const plan = { state: 'CURRENT' as const, nextDueOn: '2026-01-20', graceDays: 10 };
    expect(guardStep(input({ file: { plan, status: 'PAYMENT_PLAN' } }))).toEqual(
      postponed('PLAN_CURRENT', '2026-01-31T08:00:00Z'),
    );
    // A letter cannot go out on a Saturday: Monday 2 February 00:00 CET.
    expect(guardStep(input({ file: { plan }, step: step('SIMPLE_LETTER') }))).toEqual(
      postponed('PLAN_CURRENT', '2026-02-01T23:00:00Z'),
    );
  });

  it('lets the step run once the plan is late, or when its dates show it is', () => {
    const late = { state: 'LATE' as const, nextDueOn: '2026-01-05', graceDays: 3 };
    expect(guardStep(input({ file: { plan: late } }))).toEqual({ decision: 'RUN' });
    // Due 2 January + 10 days: late from the 13th, today. "Current" is stale.
    const stale = { state: 'CURRENT' as const, nextDueOn: '2026-01-02', graceDays: 10 };
    expect(guardStep(input({ file: { plan: stale } }))).toEqual({ decision: 'RUN' });
    const lastGraceDay = { state: 'CURRENT' as const, nextDueOn: '2026-01-03', graceDays: 10 };
    expect(guardStep(input({ file: { plan: lastGraceDay } }))).toEqual(
      postponed('PLAN_CURRENT', '2026-01-14T07:00:00Z'),
    );
  });

  it('waits for the day after a pending promise’s date', () => {
    expect(guardStep(input({ file: { pendingPromiseDueOn: '2026-01-15' } }))).toEqual(
      postponed('PROMISE_PENDING', '2026-01-16T07:00:00Z'),
    );
    expect(guardStep(input({ file: { pendingPromiseDueOn: '2026-01-13' } }))).toEqual(
      postponed('PROMISE_PENDING', '2026-01-14T07:00:00Z'),
    );
    // Promised for yesterday and still pending: broken in fact, the scenario goes on.
    expect(guardStep(input({ file: { pendingPromiseDueOn: '2026-01-12' } }))).toEqual({ decision: 'RUN' });
  });

  it('lands a promise postponement on the next allowed slot (Friday promise → Saturday 09:00)', () => {
    expect(guardStep(input({ file: { pendingPromiseDueOn: '2026-01-16' } }))).toEqual(
      postponed('PROMISE_PENDING', '2026-01-17T08:00:00Z'),
    );
    expect(guardStep(input({ file: { pendingPromiseDueOn: '2026-01-16' }, step: step('EMAIL', 'EMAIL') }))).toEqual(
      postponed('PROMISE_PENDING', '2026-01-17T08:00:00Z'),
    );
  });
});

describe('warn before any judicial step', () => {
  it('skips the pre-judicial warning when no formal notice was sent', () => {
    expect(guardStep(input({ step: step('PRE_JUDICIAL_WARNING') }))).toEqual({
      decision: 'SKIP',
      reason: 'NO_PRIOR_WARNING',
    });
    expect(guardStep(input({ step: step('PRE_JUDICIAL_WARNING'), file: { formalNoticeOn: '2025-12-01' } }))).toEqual({
      decision: 'RUN',
    });
  });

  it('skips escalation without a pre-judicial warning, even with a formal notice', () => {
    expect(guardStep(input({ step: step('ESCALATE'), file: { formalNoticeOn: '2025-12-01' } }))).toEqual({
      decision: 'SKIP',
      reason: 'NO_PRIOR_WARNING',
    });
  });

  it('holds escalation until the warning’s deadline has passed (start of the next day, Paris)', () => {
    const warned = (deadlineOn: string) => ({
      preJudicialWarning: { sentOn: '2026-01-05', deadlineOn, returned: false },
    });
    expect(guardStep(input({ step: step('ESCALATE'), file: warned('2026-01-20') }))).toEqual(
      postponed('WARNING_DEADLINE_PENDING', '2026-01-20T23:00:00Z'),
    );
    expect(guardStep(input({ step: step('ESCALATE'), file: warned('2026-01-13') }))).toEqual(
      postponed('WARNING_DEADLINE_PENDING', '2026-01-13T23:00:00Z'),
    );
    expect(guardStep(input({ step: step('ESCALATE'), file: warned('2026-01-12') }))).toEqual({ decision: 'RUN' });
  });

  it('escalates without a contact point, at night, on a Sunday, with every cap reached: it contacts nobody', () => {
    const sundayNight = new Date('2026-01-18T02:00:00Z');
    const full = calls('2026-01-15T09:00:00Z', '2026-01-16T09:00:00Z', '2026-01-17T09:00:00Z');
    const file = { preJudicialWarning: { sentOn: '2026-01-02', deadlineOn: '2026-01-12', returned: false } };
    expect(guardStep(input({ step: step('ESCALATE'), file, contact: null, now: sundayNight, history: full }))).toEqual({
      decision: 'RUN',
    });
  });
});

describe('the R124-4 letter comes first (issue 14)', () => {
  const noLetter = { firstLetter: null, letterUnposted: false };

  it.each([
    ['SMS', 'SMS'],
    ['CALL_TASK', 'CALL'],
    ['VISIT_TASK', 'VISIT'],
  ] as const)('refuses %s before any letter', (kind, channel) => {
    expect(guardStep(input({ step: { kind, channel }, file: noLetter }))).toEqual({
      decision: 'SKIP',
      reason: 'FIRST_LETTER_MISSING',
    });
  });

  it('runs an e-mail before any letter only where the mandate lets it be the R124-4 letter, or beside a letter', () => {
    // R124-4 asks for « une lettre »: without the creditor's choice an e-mail first is skipped like an SMS.
    expect(guardStep(input({ step: step('EMAIL', 'EMAIL'), file: noLetter }))).toEqual({
      decision: 'SKIP',
      reason: 'FIRST_LETTER_MISSING',
    });
    const optedIn = [{ startsOn: '2025-01-01', endsOn: null, scope: 'AMICABLE' as const, emailFirstLetter: true }];
    expect(guardStep(input({ step: step('EMAIL', 'EMAIL'), file: { ...noLetter, mandates: optedIn } }))).toEqual({
      decision: 'RUN',
    });
    // The choice is the mandate in force's: an ended one that allowed it does not count for its renewal.
    const renewed = [
      { startsOn: '2024-01-01', endsOn: '2025-12-31', scope: 'AMICABLE' as const, emailFirstLetter: true },
      { startsOn: '2026-01-01', endsOn: null, scope: 'AMICABLE' as const, emailFirstLetter: false },
    ];
    expect(guardStep(input({ step: step('EMAIL', 'EMAIL'), file: { ...noLetter, mandates: renewed } }))).toEqual({
      decision: 'SKIP',
      reason: 'FIRST_LETTER_MISSING',
    });
    // Beside a letter in the same step, the e-mail goes with it.
    expect(guardStep(input({ step: { kind: 'EMAIL', channel: 'EMAIL', withLetter: true }, file: noLetter }))).toEqual({
      decision: 'RUN',
    });
  });

  it('runs the first letter itself', () => {
    expect(guardStep(input({ step: step('SIMPLE_LETTER'), file: noLetter }))).toEqual({ decision: 'RUN' });
  });

  it('holds every step, letters and escalation included, while a letter waits for its print run to be posted', () => {
    const file = {
      letterUnposted: true,
      preJudicialWarning: { sentOn: null, deadlineOn: '2026-01-10', returned: false },
    };
    for (const s of [step('SMS', 'SMS'), step('CALL_TASK', 'CALL'), step('SIMPLE_LETTER'), step('ESCALATE')])
      expect(guardStep(input({ step: s, file }))).toEqual(postponed('LETTER_NOT_POSTED', '2026-01-14T09:00:00Z'));
  });

  it('waits for a postal address rather than skipping the letter (CONTACT_MISSING stays for other channels)', () => {
    for (const contact of [null, { status: 'RETURNED_MAIL' as const, optedOut: false }])
      expect(guardStep(input({ step: step('FORMAL_NOTICE'), contact }))).toEqual(
        postponed('NO_VALID_ADDRESS', '2026-01-14T09:00:00Z'),
      );
    expect(guardStep(input({ step: step('SMS', 'SMS'), contact: null }))).toEqual({
      decision: 'SKIP',
      reason: 'CONTACT_MISSING',
    });
  });
});

describe('escalation needs the pre-judicial warning posted and not returned', () => {
  const pjw = (over: object) => ({
    preJudicialWarning: { sentOn: '2026-01-02', deadlineOn: '2026-01-10', returned: false, ...over },
  });
  it('waits while it is not posted, or came back', () => {
    expect(guardStep(input({ step: step('ESCALATE'), file: pjw({ sentOn: null }) }))).toEqual(
      postponed('LETTER_NOT_POSTED', '2026-01-14T09:00:00Z'),
    );
    expect(guardStep(input({ step: step('ESCALATE'), file: pjw({ returned: true }) }))).toEqual(
      postponed('WARNING_RETURNED', '2026-01-14T09:00:00Z'),
    );
    expect(guardStep(input({ step: step('ESCALATE'), file: pjw({}) }))).toEqual({ decision: 'RUN' });
  });
});

describe('SKIP: the contact point cannot be used', () => {
  it('when there is none', () => {
    expect(guardStep(input({ contact: null }))).toEqual({ decision: 'SKIP', reason: 'CONTACT_MISSING' });
  });

  it('when it is marked do-not-contact, on every channel but the letter, which waits', () => {
    for (const channel of ['CALL', 'SMS', 'EMAIL', 'VISIT'] as const) {
      expect(
        guardStep(
          input({ step: step('SIMPLE_LETTER', channel), contact: { status: 'DO_NOT_CONTACT', optedOut: false } }),
        ),
      ).toEqual({ decision: 'SKIP', reason: 'DO_NOT_CONTACT' });
    }
  });

  it('a letter to an address marked do-not-contact waits for an agent instead of being skipped (issue 14)', () => {
    // Skipping would drop the R124-4 letter and let the SMS and calls that need it go on; the engine asks an agent.
    expect(
      guardStep(input({ step: step('SIMPLE_LETTER'), contact: { status: 'DO_NOT_CONTACT', optedOut: false } })),
    ).toEqual(postponed('ADDRESS_DO_NOT_CONTACT', '2026-01-14T09:00:00Z'));
    // An opt-out is not read for letters (it is a right over e-mail and SMS): such an address is written to.
    expect(guardStep(input({ step: step('SIMPLE_LETTER'), contact: { status: 'VALID', optedOut: true } }))).toEqual({
      decision: 'RUN',
    });
  });

  it.each(['WRONG_NUMBER', 'RETURNED_MAIL'] as const)('when it is %s', (status) => {
    expect(guardStep(input({ contact: { status, optedOut: false } }))).toEqual({
      decision: 'SKIP',
      reason: 'CONTACT_INVALID',
    });
  });

  it('when the debtor opted out of e-mail or SMS; opting out does not apply to calls and letters', () => {
    const out = { status: 'VALID' as const, optedOut: true };
    expect(guardStep(input({ step: step('EMAIL', 'EMAIL'), contact: out }))).toEqual({
      decision: 'SKIP',
      reason: 'OPTED_OUT',
    });
    expect(guardStep(input({ step: step('SMS', 'SMS'), contact: out }))).toEqual({
      decision: 'SKIP',
      reason: 'OPTED_OUT',
    });
    expect(guardStep(input({ step: step('CALL_TASK', 'CALL'), contact: out }))).toEqual({ decision: 'RUN' });
    expect(guardStep(input({ step: step('SIMPLE_LETTER', 'LETTER'), contact: out }))).toEqual({ decision: 'RUN' });
  });

  it('skips at once rather than waiting for the window to learn the number is wrong', () => {
    const sunday = new Date('2026-01-18T10:00:00Z');
    expect(guardStep(input({ now: sunday, contact: { status: 'WRONG_NUMBER', optedOut: false } }))).toEqual({
      decision: 'SKIP',
      reason: 'CONTACT_INVALID',
    });
  });
});

describe('POSTPONE: contact pressure', () => {
  it('holds a 21:30 call to 08:00 the next morning', () => {
    expect(guardStep(input({ now: new Date('2026-01-13T20:30:00Z') }))).toEqual(
      postponed('OUTSIDE_CONTACT_WINDOW', '2026-01-14T07:00:00Z'),
    );
  });

  it('holds an SMS on a Sunday to Monday 08:00 and an e-mail on Easter Monday to Tuesday 08:00', () => {
    expect(guardStep(input({ step: step('SMS', 'SMS'), now: new Date('2026-01-18T10:00:00Z') }))).toEqual(
      postponed('OUTSIDE_CONTACT_WINDOW', '2026-01-19T07:00:00Z'),
    );
    expect(guardStep(input({ step: step('EMAIL', 'EMAIL'), now: new Date('2026-04-06T08:00:00Z') }))).toEqual(
      postponed('OUTSIDE_CONTACT_WINDOW', '2026-04-07T06:00:00Z'),
    );
  });

  it('holds a letter on 14 July to the next working day 00:00, but posts one at night on a weekday', () => {
    expect(guardStep(input({ step: step('SIMPLE_LETTER'), now: new Date('2026-07-14T08:00:00Z') }))).toEqual(
      postponed('OUTSIDE_CONTACT_WINDOW', '2026-07-14T22:00:00Z'),
    );
    expect(guardStep(input({ step: step('SIMPLE_LETTER'), now: new Date('2026-01-13T22:30:00Z') }))).toEqual({
      decision: 'RUN',
    });
  });

  it('holds the 4th call of the week until the oldest one is 7 days old', () => {
    const history = calls('2026-01-08T10:00:00Z', '2026-01-09T10:00:00Z', '2026-01-12T10:00:00Z');
    expect(guardStep(input({ history }))).toEqual(postponed('WEEKLY_CAP_REACHED', '2026-01-15T10:00:00Z'));
    // Two calls only: room for a third.
    expect(guardStep(input({ history: history.slice(1) }))).toEqual({ decision: 'RUN' });
    // Other channels do not count against calls.
    const sms = history.map((h) => ({ ...h, channel: 'SMS' as const }));
    expect(guardStep(input({ history: sms }))).toEqual({ decision: 'RUN' });
  });

  it('moves a cap release that falls on a holiday to the next slot (Ascension 2026)', () => {
    // Calls on Thu 7, Mon 11, Tue 12 May; now Wed 13 May 10:00 CEST. The first leaves on Thu 14 May 10:00,
    // Ascension: the next slot is Friday 15 May 08:00 CEST, and by then only two calls are in the week.
    const history = calls('2026-05-07T08:00:00Z', '2026-05-11T08:00:00Z', '2026-05-12T08:00:00Z');
    expect(guardStep(input({ history, now: new Date('2026-05-13T08:00:00Z') }))).toEqual(
      postponed('WEEKLY_CAP_REACHED', '2026-05-15T06:00:00Z'),
    );
  });

  it('reports the window first and postpones past the cap too', () => {
    // 21:30 on Tuesday 13 January; 08:00 the next day the week still holds 3 calls (7 January 08:00 UTC
    // leaves at 08:00 UTC = 09:00 Paris): the postponement goes straight there.
    const history = calls('2026-01-07T08:00:00Z', '2026-01-12T10:00:00Z', '2026-01-13T10:00:00Z');
    expect(guardStep(input({ history, now: new Date('2026-01-13T20:30:00Z') }))).toEqual(
      postponed('OUTSIDE_CONTACT_WINDOW', '2026-01-14T08:00:00Z'),
    );
  });

  it('never postpones to the past or to now', () => {
    const cases: GuardInput[] = [
      input({ now: new Date('2026-01-13T20:30:00Z') }),
      input({ file: { pendingPromiseDueOn: '2026-01-13' } }),
      input({ file: { openDispute: true } }),
      input({ history: calls('2026-01-08T10:00:00Z', '2026-01-09T10:00:00Z', '2026-01-12T10:00:00Z') }),
    ];
    for (const c of cases) {
      const d = guardStep(c);
      expect(d.decision).toBe('POSTPONE');
      if (d.decision === 'POSTPONE') expect(d.until.getTime()).toBeGreaterThan(c.now.getTime());
    }
  });
});

describe('POSTPONE: an amount the rate tables cannot price yet', () => {
  it.each([
    ['SIMPLE_LETTER', 'LETTER'],
    ['REGISTERED_LETTER', 'LETTER'],
    ['FORMAL_NOTICE', 'LETTER'],
    ['PRE_JUDICIAL_WARNING', 'LETTER'],
    ['EMAIL', 'EMAIL'],
    ['SMS', 'SMS'],
  ] as const)('holds %s back a day, until the rate is entered', (kind, channel) => {
    const file = { amountEstimated: true, formalNoticeOn: '2025-12-15' };
    expect(guardStep(input({ step: { kind, channel }, file }))).toEqual(
      postponed('RATES_NOT_PUBLISHED', '2026-01-14T09:00:00Z'),
    );
  });

  it('lets tasks through: an agent, not a document, talks to the debtor', () => {
    const file = { amountEstimated: true };
    expect(guardStep(input({ step: step('CALL_TASK', 'CALL'), file }))).toEqual({ decision: 'RUN' });
    expect(guardStep(input({ step: step('VISIT_TASK', 'VISIT'), file }))).toEqual({ decision: 'RUN' });
    expect(
      guardStep(
        input({
          step: step('ESCALATE'),
          file: { ...file, preJudicialWarning: { sentOn: '2025-12-01', deadlineOn: '2025-12-20', returned: false } },
        }),
      ),
    ).toEqual({ decision: 'RUN' });
  });
});

describe('precedence', () => {
  it('answers with the first reason in the documented order, peeling one cause at a time', () => {
    // Everything wrong at once, on Sunday 18 January 2026 at 11:00 in Paris, for an e-mailed pre-judicial
    // warning; each turn removes the cause just reported and expects the next one.
    const c = input({
      now: new Date('2026-01-18T10:00:00Z'),
      step: { kind: 'PRE_JUDICIAL_WARNING', channel: 'EMAIL' },
      contact: null,
      history: ['2026-01-15T09:00:00Z', '2026-01-16T09:00:00Z'].map((iso) => ({ channel: 'EMAIL', at: new Date(iso) })),
      file: {
        status: 'PAID',
        phase: 'CLOSED',
        totalDueCents: 0,
        insolvency: 'COLLECTIVE_PROCEEDINGS',
        limitationOn: '2025-06-30',
        openDispute: true,
        plan: { state: 'CURRENT', nextDueOn: '2026-02-10', graceDays: 5 },
        planAwaitingApproval: true,
        pendingPromiseDueOn: '2026-01-30',
        formalNoticeOn: null,
        amountEstimated: true,
        letterUnposted: true,
      },
    });
    const peel: [GuardReason, () => void][] = [
      ['PAID', () => Object.assign(c.file, { totalDueCents: 50_000, status: 'WITHDRAWN' })],
      ['FILE_CLOSED', () => Object.assign(c.file, { status: 'AWAITING_JUDICIAL', phase: 'JUDICIAL' })],
      ['INSOLVENCY_PROCEEDINGS', () => (c.file.insolvency = 'OVER_INDEBTEDNESS')],
      ['OVER_INDEBTEDNESS', () => (c.file.insolvency = null)],
      ['LIMITATION_EXPIRED', () => (c.file.limitationOn = '2030-06-30')],
      ['JUDICIAL_PHASE', () => Object.assign(c.file, { status: 'SUSPENDED', phase: 'AMICABLE' })],
      ['DISPUTE_OPEN', () => (c.file.openDispute = false)],
      ['FILE_SUSPENDED', () => (c.file.status = 'PAYMENT_PLAN')],
      ['PLAN_AWAITING_APPROVAL', () => (c.file.planAwaitingApproval = false)],
      ['PLAN_CURRENT', () => Object.assign(c.file, { plan: null, status: 'PROMISE' })],
      ['PROMISE_PENDING', () => Object.assign(c.file, { pendingPromiseDueOn: null, status: 'IN_PROGRESS' })],
      ['LETTER_NOT_POSTED', () => (c.file.letterUnposted = false)],
      ['NO_PRIOR_WARNING', () => (c.file.formalNoticeOn = '2025-12-15')],
      ['CONTACT_MISSING', () => (c.contact = { status: 'DO_NOT_CONTACT', optedOut: true })],
      ['DO_NOT_CONTACT', () => (c.contact = { status: 'RETURNED_MAIL', optedOut: true })],
      ['CONTACT_INVALID', () => (c.contact = { status: 'VALID', optedOut: true })],
      ['OPTED_OUT', () => (c.contact = { status: 'VALID', optedOut: false })],
      ['RATES_NOT_PUBLISHED', () => (c.file.amountEstimated = false)],
      ['OUTSIDE_CONTACT_WINDOW', () => (c.now = new Date('2026-01-19T10:00:00Z'))],
      ['WEEKLY_CAP_REACHED', () => (c.history = [])],
    ];
    const seen: string[] = [];
    for (const [, fix] of peel) {
      const d = guardStep(c);
      seen.push(d.decision === 'RUN' ? 'RUN' : d.reason);
      fix();
    }
    seen.push(guardStep(c).decision);
    expect(seen).toEqual([...peel.map(([reason]) => reason), 'RUN']);
  });

  it('puts a dispute before a warning deadline, and a plan before a promise', () => {
    const file = {
      openDispute: true,
      preJudicialWarning: { sentOn: '2026-01-05', deadlineOn: '2026-01-20', returned: false },
    };
    expect(guardStep(input({ step: step('ESCALATE'), file }))).toMatchObject({ reason: 'DISPUTE_OPEN' });
    const both = {
      plan: { state: 'CURRENT' as const, nextDueOn: '2026-01-20', graceDays: 0 },
      pendingPromiseDueOn: '2026-01-15',
    };
    expect(guardStep(input({ file: both }))).toEqual(postponed('PLAN_CURRENT', '2026-01-21T07:00:00Z'));
  });

  it('lets a plan that is late fall through to the promise', () => {
    const file = {
      plan: { state: 'LATE' as const, nextDueOn: '2026-01-05', graceDays: 0 },
      pendingPromiseDueOn: '2026-01-15',
    };
    expect(guardStep(input({ file }))).toEqual(postponed('PROMISE_PENDING', '2026-01-16T07:00:00Z'));
  });
});

describe('the mandate (CPCE R124-3): nothing without one in force, no escalation outside its scope', () => {
  const ended = [{ startsOn: '2025-01-01', endsOn: '2026-01-12', scope: 'AMICABLE_AND_JUDICIAL' as const }];

  it.each([
    ['SIMPLE_LETTER', 'LETTER'],
    ['EMAIL', 'EMAIL'],
    ['SMS', 'SMS'],
    ['CALL_TASK', 'CALL'],
    ['FORMAL_NOTICE', 'LETTER'],
  ] as const)('waits a day, sending no %s, once the mandate ended the day before', (kind, channel) => {
    // Ended 12 January (its last day in force), now 13 January 10:00: checked again 24 hours later.
    expect(guardStep(input({ step: step(kind, channel), file: { mandates: ended } }))).toEqual(
      postponed('MANDATE_NOT_IN_FORCE', '2026-01-14T09:00:00Z'),
    );
  });

  it('waits on escalation too, and on a mandate revoked (ended early) or not started yet', () => {
    expect(guardStep(input({ step: step('ESCALATE'), file: { mandates: ended } }))).toMatchObject({
      reason: 'MANDATE_NOT_IN_FORCE',
    });
    const upcoming = [{ startsOn: '2026-02-01', endsOn: null, scope: 'AMICABLE' as const }];
    expect(guardStep(input({ file: { mandates: upcoming } }))).toMatchObject({ reason: 'MANDATE_NOT_IN_FORCE' });
    expect(guardStep(input({ file: { mandates: [] } }))).toMatchObject({ reason: 'MANDATE_NOT_IN_FORCE' });
  });

  it('acts on the last day of the mandate, and under a renewal that starts the next day', () => {
    const lastDay = [{ startsOn: '2025-01-01', endsOn: '2026-01-13', scope: 'AMICABLE' as const }];
    expect(guardStep(input({ file: { mandates: lastDay } }))).toEqual({ decision: 'RUN' });
    const renewed = [...ended, { startsOn: '2026-01-13', endsOn: null, scope: 'AMICABLE' as const }];
    expect(guardStep(input({ file: { mandates: renewed } }))).toEqual({ decision: 'RUN' });
  });

  it('says the file is paid or closed before it says the mandate ended, and the mandate before a dispute', () => {
    expect(guardStep(input({ file: { mandates: ended, totalDueCents: 0 } }))).toMatchObject({ reason: 'PAID' });
    expect(guardStep(input({ file: { mandates: ended, openDispute: true } }))).toMatchObject({
      reason: 'MANDATE_NOT_IN_FORCE',
    });
  });

  it('refuses escalation under an amicable-only mandate, even once the warning has run out', () => {
    const warned = { preJudicialWarning: { sentOn: '2025-12-01', deadlineOn: '2025-12-15', returned: false } };
    const amicable = [{ startsOn: '2025-01-01', endsOn: null, scope: 'AMICABLE' as const }];
    expect(guardStep(input({ step: step('ESCALATE'), file: { ...warned, mandates: amicable } }))).toEqual({
      decision: 'SKIP',
      reason: 'MANDATE_AMICABLE_ONLY',
    });
    expect(guardStep(input({ step: step('ESCALATE'), file: warned }))).toEqual({ decision: 'RUN' });
    // The other steps of an amicable-only mandate run as usual.
    expect(guardStep(input({ step: step('FORMAL_NOTICE'), file: { mandates: amicable } }))).toEqual({
      decision: 'RUN',
    });
  });
});

describe('reason table', () => {
  const reasons = Object.keys(GUARD_REASONS) as GuardReason[];

  it('has 28 reasons, each with its decision, and its text in the catalogue in French and in English', () => {
    expect(reasons).toHaveLength(28);
    for (const r of reasons) {
      expect(['STOP', 'POSTPONE', 'SKIP']).toContain(GUARD_REASONS[r]);
      const [textFr, textEn] = [fr.timeline.reasons, en.timeline.reasons].map((t) => (t as Record<string, string>)[r]);
      expect(textFr?.length, r).toBeGreaterThan(20);
      expect(textEn?.length, r).toBeGreaterThan(20);
      expect(textFr).not.toBe(textEn);
    }
  });

  it('tells the agent to declare the claim within 2 months under insolvency proceedings', () => {
    expect(fr.timeline.reasons.INSOLVENCY_PROCEEDINGS).toContain('2 mois');
    expect(en.timeline.reasons.INSOLVENCY_PROCEEDINGS).toContain('2 months');
  });

  it('returns each reason with the decision the table gives it', () => {
    // One input per reason; together they must cover the whole table.
    const examples: Record<GuardReason, GuardInput> = {
      PAID: input({ file: { status: 'PAID', phase: 'CLOSED' } }),
      FILE_CLOSED: input({ file: { status: 'WITHDRAWN', phase: 'CLOSED' } }),
      INSOLVENCY_PROCEEDINGS: input({ file: { insolvency: 'COLLECTIVE_PROCEEDINGS' } }),
      OVER_INDEBTEDNESS: input({ file: { insolvency: 'OVER_INDEBTEDNESS' } }),
      LIMITATION_EXPIRED: input({ file: { limitationOn: '2024-01-01' } }),
      JUDICIAL_PHASE: input({ file: { status: 'AWAITING_JUDICIAL', phase: 'JUDICIAL' } }),
      MANDATE_NOT_IN_FORCE: input({ file: { mandates: [] } }),
      MANDATE_AMICABLE_ONLY: input({
        step: step('ESCALATE'),
        file: { mandates: [{ startsOn: '2025-01-01', endsOn: null, scope: 'AMICABLE' }] },
      }),
      DISPUTE_OPEN: input({ file: { openDispute: true } }),
      FILE_SUSPENDED: input({ file: { status: 'SUSPENDED' } }),
      PLAN_AWAITING_APPROVAL: input({ file: { planAwaitingApproval: true } }),
      BANK_CREDIT_PENDING: input({ file: { bankCreditPending: true } }),
      PLAN_CURRENT: input({ file: { plan: { state: 'CURRENT', nextDueOn: '2026-02-01', graceDays: 5 } } }),
      PROMISE_PENDING: input({ file: { pendingPromiseDueOn: '2026-01-20' } }),
      NO_PRIOR_WARNING: input({ step: step('ESCALATE') }),
      WARNING_DEADLINE_PENDING: input({
        step: step('ESCALATE'),
        file: { preJudicialWarning: { sentOn: '2026-01-10', deadlineOn: '2026-01-25', returned: false } },
      }),
      CONTACT_MISSING: input({ contact: null }),
      LETTER_NOT_POSTED: input({ file: { letterUnposted: true } }),
      FIRST_LETTER_MISSING: input({ step: step('SMS', 'SMS'), file: { firstLetter: null } }),
      NO_VALID_ADDRESS: input({ step: step('SIMPLE_LETTER'), contact: null }),
      WARNING_RETURNED: input({
        step: step('ESCALATE'),
        file: { preJudicialWarning: { sentOn: '2026-01-02', deadlineOn: '2026-01-10', returned: true } },
      }),
      DO_NOT_CONTACT: input({ contact: { status: 'DO_NOT_CONTACT', optedOut: false } }),
      ADDRESS_DO_NOT_CONTACT: input({
        step: step('SIMPLE_LETTER'),
        contact: { status: 'DO_NOT_CONTACT', optedOut: false },
      }),
      CONTACT_INVALID: input({ contact: { status: 'WRONG_NUMBER', optedOut: false } }),
      OPTED_OUT: input({ step: step('SMS', 'SMS'), contact: { status: 'VALID', optedOut: true } }),
      RATES_NOT_PUBLISHED: input({ step: step('SIMPLE_LETTER'), file: { amountEstimated: true } }),
      OUTSIDE_CONTACT_WINDOW: input({ now: new Date('2026-01-13T05:00:00Z') }),
      WEEKLY_CAP_REACHED: input({
        history: calls('2026-01-09T09:00:00Z', '2026-01-10T09:00:00Z', '2026-01-12T09:00:00Z'),
      }),
    };
    for (const reason of reasons) {
      const d = guardStep(examples[reason]);
      expect(d).toMatchObject({ decision: GUARD_REASONS[reason], reason });
    }
  });
});
