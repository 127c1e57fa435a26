import { describe, expect, it } from 'vitest';
import { contactWindowSchema, DEFAULT_CONTACT_WINDOW } from '../../lib/compliance/contact-window';
import {
  previewTimeline,
  unmetConditions,
  type PreviewFile,
  type PreviewStepInput,
} from '../../lib/scenario-design/preview';
import { conditionsHold } from '../../lib/scenarios/rules';
import { scenarioDraftSchema } from '../../lib/scenario-design/schemas';
import { STANDARD_B2B_TIERS } from './scenario-examples';

const PARIS = DEFAULT_CONTACT_WINDOW; // Europe/Paris, 08:00–20:00, Saturday 09:00–12:00
const ALSACE = contactWindowSchema.parse({ holidayRegion: 'FR_ALSACE_MOSELLE' });

// Thursday 24 December 2026: Christmas is the Friday, then a weekend.
const file = (over: Partial<PreviewFile> = {}): PreviewFile => ({
  placedOn: '2026-12-24',
  dueCents: 125_000,
  debtorKind: 'PERSON',
  locale: 'fr',
  ...over,
});

const step = (
  over: Partial<PreviewStepInput> & {
    days: number;
    kind?: 'WORKING' | 'CALENDAR';
    from?: 'PLACEMENT' | 'PREVIOUS_STEP';
  },
): PreviewStepInput => {
  const { days, kind, from, ...rest } = over;
  return { delay: { days, kind, from }, channels: ['SIMPLE_LETTER'], ...rest };
};

function only(steps: PreviewStepInput[], f = file(), config = PARIS) {
  const [first] = previewTimeline(steps, f, config);
  if (!first?.valid) throw new Error('expected a valid step');
  return first;
}

describe('working days over Christmas', () => {
  it('placed Thursday 24 Dec 2026 + 3 working days lands on Wednesday 30 Dec (Christmas and the weekend skipped)', () => {
    // 25 Fri Christmas ✗, 26 Sat ✗, 27 Sun ✗, 28 Mon (1), 29 Tue (2), 30 Wed (3).
    const s = only([step({ days: 3, kind: 'WORKING', from: 'PLACEMENT' })]);
    expect(s).toMatchObject({
      fromOn: '2026-12-24',
      dueOn: '2026-12-30',
      runsOn: '2026-12-30',
      offset: 6,
      skipped: [],
    });
    // A letter has no hours: midnight in Paris (UTC+1 in winter).
    expect(s.runsAt).toBe('2026-12-29T23:00:00.000Z');
  });

  it('+1 working day from Thursday 24 Dec is Monday 28 Dec', () => {
    expect(only([step({ days: 1, kind: 'WORKING', from: 'PLACEMENT' })]).dueOn).toBe('2026-12-28');
  });

  it('a letter due on Christmas by calendar days waits for Monday, naming each refused day', () => {
    const s = only([step({ days: 1, from: 'PLACEMENT' })]);
    expect(s).toMatchObject({ dueOn: '2026-12-25', runsOn: '2026-12-28', offset: 4 });
    expect(s.skipped).toEqual([
      { day: '2026-12-25', reason: 'HOLIDAY', holiday: 'CHRISTMAS' },
      { day: '2026-12-26', reason: 'SATURDAY' },
      { day: '2026-12-27', reason: 'SUNDAY' },
    ]);
  });

  it('an e-mail due on Christmas goes out on Saturday morning at 09:00', () => {
    const s = only([step({ days: 1, from: 'PLACEMENT', channels: ['EMAIL'] })]);
    expect(s.runsOn).toBe('2026-12-26');
    expect(s.runsAt).toBe('2026-12-26T08:00:00.000Z');
    expect(s.skipped).toEqual([{ day: '2026-12-25', reason: 'HOLIDAY', holiday: 'CHRISTMAS' }]);
  });

  it('without Saturday hours the e-mail waits for Monday 08:00', () => {
    const noSaturday = contactWindowSchema.parse({ saturday: null });
    const s = only([step({ days: 1, from: 'PLACEMENT', channels: ['EMAIL'] })], file(), noSaturday);
    expect(s.runsAt).toBe('2026-12-28T07:00:00.000Z');
  });

  it('in Alsace-Moselle 26 December is a holiday too', () => {
    const s = only([step({ days: 1, from: 'PLACEMENT', channels: ['EMAIL'] })], file(), ALSACE);
    expect(s.runsAt).toBe('2026-12-28T07:00:00.000Z');
    expect(s.skipped).toEqual([
      { day: '2026-12-25', reason: 'HOLIDAY', holiday: 'CHRISTMAS' },
      { day: '2026-12-26', reason: 'HOLIDAY', holiday: 'ST_STEPHEN' },
      { day: '2026-12-27', reason: 'SUNDAY' },
    ]);
  });

  it('a letter and an SMS in one step go out together, when both may: Monday 08:00, not Saturday', () => {
    const s = only([step({ days: 2, from: 'PLACEMENT', channels: ['SIMPLE_LETTER', 'SMS'] })]);
    expect(s.dueOn).toBe('2026-12-26');
    expect(s.runsAt).toBe('2026-12-28T07:00:00.000Z');
    expect(s.skipped.map((d) => d.reason)).toEqual(['SATURDAY', 'SUNDAY']);
  });
});

describe('Easter Monday and the change to summer time', () => {
  // Easter 2027 is Sunday 28 March (also the night clocks go forward); Easter Monday is 29 March.
  it('1 working day after Friday 26 March 2027 is Tuesday 30 March', () => {
    const s = only([step({ days: 1, kind: 'WORKING', from: 'PLACEMENT' })], file({ placedOn: '2027-03-26' }));
    expect(s.dueOn).toBe('2027-03-30');
    expect(s.runsAt).toBe('2027-03-29T22:00:00.000Z'); // midnight in Paris, now UTC+2
  });

  it('an SMS due on Easter Monday goes out Tuesday at 08:00 summer time', () => {
    const s = only([step({ days: 3, from: 'PLACEMENT', channels: ['SMS'] })], file({ placedOn: '2027-03-26' }));
    expect(s.dueOn).toBe('2027-03-29');
    expect(s.runsAt).toBe('2027-03-30T06:00:00.000Z');
    expect(s.skipped).toEqual([{ day: '2027-03-29', reason: 'HOLIDAY', holiday: 'EASTER_MONDAY' }]);
  });
});

describe('a whole scenario', () => {
  const scenario: PreviewStepInput[] = [
    step({ days: 1, from: 'PLACEMENT' }), // letter: Christmas → Monday 28 Dec
    step({ days: 7, channels: ['EMAIL', 'SMS'] }), // 7 days after Monday 28 Dec → Monday 4 Jan 08:00
    step({ days: 14, from: 'PLACEMENT', channels: ['CALL_TASK'] }), // 24 Dec + 14 → Thursday 7 Jan
    step({ days: 3, kind: 'WORKING', channels: ['FORMAL_NOTICE'], deadlineDays: 8 }), // Thu 7 → Tue 12 Jan
    step({ days: 10, channels: ['PRE_JUDICIAL_WARNING'] }), // Tue 12 + 10 → Fri 22 Jan; default 15 days to pay
    step({ days: 15, channels: ['ESCALATE'] }), // Fri 22 + 15 → Sat 6 Feb: escalation has no window
  ];

  it('chains "after the previous step" from the day the previous step ran', () => {
    const steps = previewTimeline(scenario, file(), PARIS);
    expect(steps.map((s) => (s.valid ? [s.runsOn, s.offset] : null))).toEqual([
      ['2026-12-28', 4],
      ['2027-01-04', 11],
      ['2027-01-07', 14],
      ['2027-01-12', 19],
      ['2027-01-22', 29],
      ['2027-02-06', 44],
    ]);
    const [, email, call, notice, warning, escalate] = steps;
    expect(email?.valid && email.runsAt).toBe('2027-01-04T07:00:00.000Z');
    expect(email?.valid && email.fromOn).toBe('2026-12-28');
    expect(call?.valid && call.runsAt).toBe('2027-01-07T07:00:00.000Z');
    expect(notice?.valid && notice.deadlineOn).toBe('2027-01-20');
    expect(warning?.valid && warning.deadlineOn).toBe('2027-02-06');
    expect(escalate?.valid && [escalate.runsAt, escalate.skipped, escalate.channels[0]?.contact]).toEqual([
      '2027-02-05T23:00:00.000Z',
      [],
      null,
    ]);
  });

  it('marks a step with an impossible delay invalid, and every later step that counts from it', () => {
    const steps = previewTimeline(
      [step({ days: 2 }), step({ days: -1 }), step({ days: 3 }), step({ days: 14, from: 'PLACEMENT' })],
      file(),
      PARIS,
    );
    expect(steps.map((s) => s.valid)).toEqual([true, false, false, true]);
    expect(steps[3]?.valid && steps[3].dueOn).toBe('2027-01-07');
  });

  it('marks a step without channel invalid', () => {
    expect(previewTimeline([step({ days: 0, channels: [] })], file(), PARIS)[0]?.valid).toBe(false);
  });
});

describe('conditions and languages', () => {
  it('names each condition the example file fails, the upper bound excluded as the engine does', () => {
    const conditions = { minDueCents: 50_000, maxDueCents: 500_000, debtorKind: 'COMPANY' as const };
    expect(unmetConditions(conditions, file({ dueCents: 500_000 }))).toEqual(['MAX_DUE', 'DEBTOR_KIND']);
    expect(unmetConditions(conditions, file({ dueCents: 49_999, debtorKind: 'COMPANY' }))).toEqual(['MIN_DUE']);
    expect(unmetConditions(conditions, file({ dueCents: 499_999, debtorKind: 'COMPANY' }))).toEqual([]);
    for (const dueCents of [0, 49_999, 50_000, 499_999, 500_000, 900_000])
      for (const debtorKind of ['PERSON', 'COMPANY'] as const)
        expect(unmetConditions(conditions, file({ dueCents, debtorKind })).length === 0).toBe(
          conditionsHold(conditions, { dueCents, debtorKind }),
        );
  });

  it('still dates a step whose conditions fail (the engine skips it on that day)', () => {
    const s = only([step({ days: 0, from: 'PLACEMENT', conditions: { debtorKind: 'COMPANY' } })]);
    expect(s).toMatchObject({ applies: false, unmet: ['DEBTOR_KIND'], runsOn: '2026-12-24' });
  });

  it('writes to an English-speaking debtor in English only when the English text exists', () => {
    const templates = {
      EMAIL: { fr: { subject: 's', body: 'b' }, en: { subject: 's', body: 'b' } },
      SMS: { fr: { body: 'b' } },
    };
    const s = only([step({ days: 0, channels: ['SIMPLE_LETTER', 'EMAIL', 'SMS'], templates })], file({ locale: 'en' }));
    expect(s.channels.map((c) => [c.channel, c.templateLocale])).toEqual([
      ['SIMPLE_LETTER', null],
      ['EMAIL', 'en'],
      ['SMS', 'fr'],
    ]);
    const fr = only([step({ days: 0, channels: ['EMAIL'], templates })]);
    expect(fr.channels[0]?.templateLocale).toBe('fr');
  });
});

describe('a B2B scenario by tiers', () => {
  const b2b = scenarioDraftSchema.parse(STANDARD_B2B_TIERS);
  // Placed Monday 1 March 2027; J+28 is Easter Monday (29 March), the day after clocks go forward.
  const placed = { placedOn: '2027-03-01', debtorKind: 'COMPANY' as const };

  it('dates every step for a 20,000 € claim, the site visit moved past Easter Monday', () => {
    const steps = previewTimeline(b2b.steps, file({ ...placed, dueCents: 2_000_000 }), PARIS);
    expect(steps.map((s) => (s.valid ? [s.runsOn, s.offset, s.applies, s.deadlineOn] : null))).toEqual([
      ['2027-03-01', 0, true, null],
      ['2027-03-08', 7, true, null],
      ['2027-03-15', 14, true, null],
      ['2027-03-22', 21, true, '2027-03-30'],
      ['2027-03-30', 29, true, null],
      ['2027-04-05', 35, true, '2027-04-20'],
      ['2027-04-20', 50, true, null],
    ]);
    const visit = steps[4];
    expect(visit?.valid && [visit.runsAt, visit.skipped]).toEqual([
      '2027-03-30T06:00:00.000Z',
      [{ day: '2027-03-29', reason: 'HOLIDAY', holiday: 'EASTER_MONDAY' }],
    ]);
  });

  it('leaves out the visit, the warning and the escalation for a 300 € claim', () => {
    const steps = previewTimeline(b2b.steps, file({ ...placed, dueCents: 30_000 }), PARIS);
    expect(steps.map((s) => s.valid && s.applies)).toEqual([true, true, true, true, false, false, false]);
    expect(steps[4]?.valid && steps[4].unmet).toEqual(['MIN_DUE']);
  });
});
