import { describe, expect, it } from 'vitest';
import { contactBeforeFirstLetter } from '../../lib/scenario-design/first-contact';
import { scenarioDraftSchema } from '../../lib/scenario-design/schemas';
import { DESIGN_MESSAGES } from '../../lib/scenario-design/messages';
import { templateProblems } from '../../lib/scenario-design/template-check';
import { firstLetterVars } from '../../lib/scenarios/run-step';
import { fillTemplate } from '../../lib/scenarios/rules';
import type { StepChannel } from '../../lib/scenarios/schemas';
import type { FactDocument } from '../../lib/scenarios/step-facts';

// Issue 14: the first contact of a scenario is the CPCE R124-4 letter; later messages quote its reference and date.

const steps = (...channels: StepChannel[][]) => channels.map((c) => ({ channels: c }));

describe('the designer: the R124-4 letter comes first', () => {
  it.each([
    [[['SIMPLE_LETTER'], ['SMS']], null],
    [
      [
        ['SIMPLE_LETTER', 'EMAIL'],
        ['SMS', 'CALL_TASK'],
      ],
      null,
    ],
    [[['FORMAL_NOTICE'], ['VISIT_TASK']], null],
    [[['SMS'], ['SIMPLE_LETTER']], 0],
    // An e-mail before any letter is the R124-4 letter itself (its attachment): what follows it may run.
    [[['EMAIL'], ['SIMPLE_LETTER']], null],
    [[['EMAIL'], ['SMS']], null],
    [[['EMAIL', 'SMS']], 0],
    [[['SIMPLE_LETTER', 'SMS']], 0],
    [[['SIMPLE_LETTER', 'CALL_TASK']], 0],
    [[['ESCALATE']], null],
  ] as [StepChannel[][], number | null][])('%j → %s', (channels, expected) => {
    expect(contactBeforeFirstLetter(steps(...channels))).toBe(expected);
  });

  it('does not count a letter step with conditions as the first letter (it may not run for every file)', () => {
    expect(
      contactBeforeFirstLetter([
        { channels: ['SIMPLE_LETTER'], conditions: { debtorKind: 'COMPANY' } },
        { channels: ['SMS'] },
      ]),
    ).toBe(1);
  });

  it('refuses such a draft naming the step, with a catalogue message', () => {
    const result = scenarioDraftSchema.safeParse({
      name: 'SMS first',
      steps: [
        { delay: { days: 0 }, channels: ['SMS'], templates: { SMS: { fr: { body: 'Bonjour' } } } },
        { delay: { days: 1 }, channels: ['SIMPLE_LETTER'] },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['steps.0.channels', DESIGN_MESSAGES.firstContactLetter],
    ]);
  });
});

describe("the first letter's reference and date in templates", () => {
  it('are known placeholders', () => {
    expect(templateProblems('Notre courrier {{firstLetterReference}} du {{ firstLetterDate }}')).toEqual([]);
    expect(templateProblems('{{firstLetterNumber}}')).toEqual([{ kind: 'UNKNOWN', token: '{{firstLetterNumber}}' }]);
  });

  const doc = (over: Partial<FactDocument>): FactDocument => ({
    id: 'd1',
    kind: 'REMINDER_LETTER',
    reference: 'D0001-1L',
    createdAt: '2027-03-01T09:00:00+00:00',
    sentOn: '2027-03-04',
    deadlineOn: null,
    deliveryOutcome: null,
    ...over,
  });

  it('take the first letter, dated by its posting (not its drawing), in the debtor’s language', () => {
    const second = doc({ id: 'd2', reference: 'D0001-3MD', sentOn: '2027-03-20' });
    expect(firstLetterVars({ documents: [doc({}), second] }, 'fr')).toEqual({
      firstLetterReference: 'D0001-1L',
      firstLetterDate: '4 mars 2027',
    });
    expect(firstLetterVars({ documents: [doc({})] }, 'en').firstLetterDate).toBe('4 March 2027');
    const vars = firstLetterVars({ documents: [doc({})] }, 'fr');
    expect(fillTemplate('Suite à notre courrier {{firstLetterReference}} du {{firstLetterDate}}.', vars)).toBe(
      'Suite à notre courrier D0001-1L du 4 mars 2027.',
    );
  });

  it('are empty before any letter is posted', () => {
    expect(firstLetterVars({ documents: [] }, 'fr')).toEqual({ firstLetterReference: '', firstLetterDate: '' });
    expect(firstLetterVars({ documents: [doc({ sentOn: null })] }, 'fr').firstLetterDate).toBe('');
  });
});
