import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_WINDOW } from '../../lib/compliance/contact-window';
import {
  chooseScenario,
  combineDecisions,
  conditionsHold,
  deadlineFor,
  executionKey,
  fillTemplate,
  matchesRules,
  stepDueAt,
  stepJobId,
  type PlacementFacts,
  type ScenarioCandidate,
} from '../../lib/scenarios/rules';
import { stepSchema, stepsSchema, SCENARIO_MESSAGES as M } from '../../lib/scenarios/schemas';

const file: PlacementFacts = {
  dueCents: 150_000,
  debtorKind: 'COMPANY',
  nature: 'B2B',
  creditorId: '11111111-1111-4111-8111-111111111111',
  solvency: 'UNKNOWN',
  locale: 'fr',
};
const candidate = (id: string, rules: ScenarioCandidate['rules'], priority = 0): ScenarioCandidate => ({
  versionId: id,
  scenarioId: `s-${id}`,
  version: 1,
  priority,
  rules,
});
const window = DEFAULT_CONTACT_WINDOW;
const step = (input: unknown) => stepSchema.parse(input);

describe('assignment rules', () => {
  it('amount tiers: the minimum is inclusive, the maximum exclusive, so adjacent tiers never overlap', () => {
    expect(matchesRules({ minDueCents: 150_000 }, file)).toBe(true);
    expect(matchesRules({ maxDueCents: 150_000 }, file)).toBe(false);
    expect(matchesRules({ minDueCents: 0, maxDueCents: 150_001 }, file)).toBe(true);
  });

  it('every stated criterion must match', () => {
    expect(matchesRules({ debtorKinds: ['PERSON'] }, file)).toBe(false);
    expect(matchesRules({ natures: ['B2B'], locales: ['fr'], solvency: ['UNKNOWN'] }, file)).toBe(true);
    expect(matchesRules({ creditorIds: ['22222222-2222-4222-8222-222222222222'] }, file)).toBe(false);
    expect(matchesRules({ locales: ['en'] }, file)).toBe(false);
  });

  it('priority first, then the most specific rules, then the scenario id; null when nothing matches', () => {
    const catchAll = candidate('a', {});
    const companies = candidate('b', { debtorKinds: ['COMPANY'] });
    const bigCompanies = candidate('c', { debtorKinds: ['COMPANY'], minDueCents: 100_000 });
    const persons = candidate('d', { debtorKinds: ['PERSON'] }, 50);
    expect(chooseScenario([catchAll, companies, bigCompanies, persons], file)?.versionId).toBe('c');
    expect(chooseScenario([bigCompanies, candidate('e', {}, 1)], file)?.versionId).toBe('e');
    expect(chooseScenario([candidate('z', {}), candidate('y', {})], file)?.versionId).toBe('y');
    expect(chooseScenario([persons], file)).toBeNull();
  });
});

describe('keys', () => {
  it('the execution key names tenant, file, version and step; the job id has no colon', () => {
    const key = executionKey('t', 'f', 'v', 2);
    expect(key).toBe('t:f:v:2');
    expect(executionKey('t', 'f', 'v', 2, 3)).toBe('t:f:v:2:r3');
    expect(stepJobId(key)).toBe('step.t.f.v.2');
  });
});

describe('when a step is due (Europe/Paris)', () => {
  const monday = new Date('2027-03-22T09:00:00Z'); // 10:00 in Paris

  it('0 days: at once when the window allows', () => {
    const s = step({ delay: { days: 0 }, channels: ['SIMPLE_LETTER'] });
    expect(stepDueAt(s, { window, placedAt: monday, previousAt: monday })).toEqual(monday);
  });

  it('working days skip Easter Monday (29 March 2027) and the weekend', () => {
    const s = step({ delay: { days: 2, kind: 'WORKING' }, channels: ['SIMPLE_LETTER'] });
    // Thursday 25 March + 2 working days: Friday 26, (weekend, Easter Monday), Tuesday 30 March, 00:00 CEST.
    const thursday = new Date('2027-03-25T10:00:00Z');
    expect(stepDueAt(s, { window, placedAt: thursday, previousAt: thursday })).toEqual(
      new Date('2027-03-29T22:00:00Z'),
    );
  });

  it('calendar days landing on 14 July move to the next allowed slot of the channel', () => {
    const s = step({
      delay: { days: 4 },
      channels: ['SMS'],
      templates: { SMS: { fr: { body: 'x' } } },
    });
    const from = new Date('2027-07-10T12:00:00Z'); // Saturday; +4 = Wednesday 14 July (holiday)
    expect(stepDueAt(s, { window, placedAt: from, previousAt: from })).toEqual(new Date('2027-07-15T06:00:00Z'));
  });

  it('from the placement: a delay already reached is due at once, never before the previous step', () => {
    const s = step({ delay: { days: 3, from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] });
    const placed = new Date('2027-03-01T09:00:00Z');
    expect(stepDueAt(s, { window, placedAt: placed, previousAt: monday })).toEqual(monday);
  });

  it('from the last letter’s posting: counted from the day it left, else from the previous step', () => {
    const s = step({ delay: { days: 10, from: 'LETTER_POSTED' }, channels: ['SIMPLE_LETTER'] });
    // Posted Tuesday 2 March (its day starts at 23:00 UTC the day before), previous step Monday 22 March.
    const posted = new Date('2027-03-01T23:00:00Z');
    const earlier = new Date('2027-03-05T09:00:00Z');
    // 2 March + 10 days = Friday 12 March, 00:00 Paris (a letter has no hours).
    expect(stepDueAt(s, { window, placedAt: earlier, previousAt: earlier, letterPostedAt: posted })).toEqual(
      new Date('2027-03-11T23:00:00Z'),
    );
    // Never before the previous step: the delay ran out, the step is due at once.
    expect(stepDueAt(s, { window, placedAt: earlier, previousAt: monday, letterPostedAt: posted })).toEqual(monday);
    // No letter posted yet: from the previous step, like PREVIOUS_STEP (the engine looks again once it is posted).
    expect(stepDueAt(s, { window, placedAt: earlier, previousAt: earlier, letterPostedAt: null })).toEqual(
      new Date('2027-03-14T23:00:00Z'),
    );
  });

  it('an e-mail due on a Sunday waits for Monday 08:00; at 21:30 for the next morning', () => {
    const s = step({
      delay: { days: 0 },
      channels: ['EMAIL'],
      templates: { EMAIL: { fr: { subject: 's', body: 'b' } } },
    });
    const sunday = new Date('2027-03-21T10:00:00Z');
    expect(stepDueAt(s, { window, placedAt: sunday, previousAt: sunday })).toEqual(new Date('2027-03-22T07:00:00Z'));
    const late = new Date('2027-03-23T20:30:00Z'); // Tuesday 21:30 in Paris
    expect(stepDueAt(s, { window, placedAt: late, previousAt: late })).toEqual(new Date('2027-03-24T07:00:00Z'));
  });
});

describe('a step decision from its channels', () => {
  const until = (iso: string) => new Date(iso);

  it('one STOP stops the step; else the latest POSTPONE holds it; else runs what may run', () => {
    expect(
      combineDecisions([
        { channel: 'SMS', decision: { decision: 'SKIP', reason: 'OPTED_OUT' } },
        { channel: 'SIMPLE_LETTER', decision: { decision: 'STOP', reason: 'PAID' } },
      ]),
    ).toEqual({ decision: 'STOP', reason: 'PAID' });
    expect(
      combineDecisions([
        {
          channel: 'SMS',
          decision: { decision: 'POSTPONE', until: until('2027-01-02T07:00:00Z'), reason: 'OUTSIDE_CONTACT_WINDOW' },
        },
        {
          channel: 'EMAIL',
          decision: { decision: 'POSTPONE', until: until('2027-01-05T07:00:00Z'), reason: 'WEEKLY_CAP_REACHED' },
        },
        { channel: 'SIMPLE_LETTER', decision: { decision: 'RUN' } },
      ]),
    ).toEqual({ decision: 'POSTPONE', until: until('2027-01-05T07:00:00Z'), reason: 'WEEKLY_CAP_REACHED' });
    expect(
      combineDecisions([
        { channel: 'SIMPLE_LETTER', decision: { decision: 'RUN' } },
        { channel: 'SMS', decision: { decision: 'SKIP', reason: 'OPTED_OUT' } },
      ]),
    ).toEqual({ decision: 'RUN', run: ['SIMPLE_LETTER'], skipped: [{ channel: 'SMS', reason: 'OPTED_OUT' }] });
  });

  it('conditions: amount bounds and debtor kind', () => {
    expect(conditionsHold(undefined, { dueCents: 0, debtorKind: 'PERSON' })).toBe(true);
    expect(conditionsHold({ minDueCents: 10_000 }, { dueCents: 9_999, debtorKind: 'PERSON' })).toBe(false);
    expect(conditionsHold({ maxDueCents: 10_000 }, { dueCents: 10_000, debtorKind: 'PERSON' })).toBe(false);
    expect(conditionsHold({ debtorKind: 'COMPANY' }, { dueCents: 1, debtorKind: 'PERSON' })).toBe(false);
  });

  it('deadlines: 8 days for a formal notice unless the step says otherwise, none for a simple letter', () => {
    const s = step({ delay: { days: 0 }, channels: ['FORMAL_NOTICE'] });
    expect(deadlineFor('FORMAL_NOTICE', s, '2027-02-25')).toBe('2027-03-05');
    expect(deadlineFor('PRE_JUDICIAL_WARNING', { ...s, deadlineDays: 30 }, '2027-01-31')).toBe('2027-03-02');
    expect(deadlineFor('SIMPLE_LETTER', s, '2027-02-25')).toBeNull();
  });
});

describe('templates and the step schema', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(
      fillTemplate('{{debtorName}} doit {{ amountDue }} ({{other}})', { debtorName: 'SARL X', amountDue: '12 €' }),
    ).toBe('SARL X doit 12 € (other)'.replace('(other)', '({{other}})'));
  });

  it('refuses a templated channel without text, a letter with one, unknown placeholders and a long SMS', () => {
    const issues = (input: unknown) =>
      stepSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues({ delay: { days: 0 }, channels: ['EMAIL'] })).toEqual([`templates.EMAIL: ${M.templateMissing}`]);
    expect(
      issues({ delay: { days: 0 }, channels: ['SIMPLE_LETTER'], templates: { SIMPLE_LETTER: { fr: { body: 'x' } } } }),
    ).toEqual([`templates.SIMPLE_LETTER: ${M.templateNotAllowed}`]);
    expect(issues({ delay: { days: 0 }, channels: ['SMS'], templates: { SMS: { fr: { body: '{{nope}}' } } } })).toEqual(
      [`templates.SMS.fr.body: ${M.unknownVariable}`],
    );
    expect(
      issues({ delay: { days: 0 }, channels: ['SMS'], templates: { SMS: { fr: { body: 'x'.repeat(481) } } } }),
    ).toEqual([`templates.SMS.fr.body: ${M.smsLength}`]);
    // Counted in SMS parts (lib/sms/segments.ts), not characters: 3 parts are 459 plain letters, or 201 once one
    // character is outside the SMS alphabet.
    const sms = (body: string) =>
      issues({ delay: { days: 0 }, channels: ['SMS'], templates: { SMS: { fr: { body } } } });
    expect(sms('x'.repeat(459))).toEqual([]);
    expect(sms('x'.repeat(460))).toEqual([`templates.SMS.fr.body: ${M.smsLength}`]);
    expect(sms('ê'.repeat(201))).toEqual([]);
    expect(sms(`${'x'.repeat(201)}’`)).toEqual([`templates.SMS.fr.body: ${M.smsLength}`]);
    expect(issues({ delay: { days: 0 }, channels: ['EMAIL'], templates: { EMAIL: { fr: { body: 'x' } } } })).toEqual([
      `templates.EMAIL.fr.subject: ${M.subject}`,
    ]);
    expect(issues({ delay: { days: 0 }, channels: ['ESCALATE', 'SIMPLE_LETTER'] })).toEqual([
      `channels: ${M.escalateAlone}`,
    ]);
  });

  it('escalation must come last', () => {
    const result = stepsSchema.safeParse([
      { delay: { days: 0 }, channels: ['ESCALATE'] },
      { delay: { days: 0 }, channels: ['SIMPLE_LETTER'] },
    ]);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      `0.channels: ${M.lastStepEscalate}`,
    ]);
  });
});
