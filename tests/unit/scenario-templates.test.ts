import { describe, expect, it } from 'vitest';
import { DESIGN_MESSAGES } from '../../lib/scenario-design/messages';
import { scenarioDraftSchema } from '../../lib/scenario-design/schemas';
import { AppError } from '../../lib/errors/app-error';
import { parseDraft } from '../../lib/scenario-design/parse-draft';
import { SCENARIO_MESSAGES } from '../../lib/scenarios/schemas';
import { stepTemplateErrors, templateMessage, templateProblems } from '../../lib/scenario-design/template-check';

describe('templateProblems', () => {
  it.each([
    ['Bonjour {{debtorName}}, dossier {{fileReference}} : {{amountDue}} à régler.', []],
    ['Spaces inside are fine: {{ amountDue }}', []],
    ['No placeholder at all', []],
  ])('accepts %j', (text, expected) => {
    expect(templateProblems(text)).toEqual(expected);
  });

  it.each([
    ['Bonjour {{debtor.name}}', [{ kind: 'UNKNOWN', token: '{{debtor.name}}' }]],
    [
      '{{montant}} et {{file.reference}}',
      [
        { kind: 'UNKNOWN', token: '{{montant}}' },
        { kind: 'UNKNOWN', token: '{{file.reference}}' },
      ],
    ],
    ['{{}}', [{ kind: 'UNKNOWN', token: '{{}}' }]],
    ['Montant {{amountDue}', [{ kind: 'UNCLOSED' }]],
    ['Montant amountDue}}', [{ kind: 'UNCLOSED' }]],
    ['{{ {{amountDue}}', [{ kind: 'UNCLOSED' }]],
  ])('flags %j', (text, expected) => {
    expect(templateProblems(text)).toEqual(expected);
  });

  it('answers with the message the form shows', () => {
    expect(templateMessage('{{debtor.name}}')).toBe(SCENARIO_MESSAGES.unknownVariable);
    expect(templateMessage('{{debtorName')).toBe(DESIGN_MESSAGES.unclosedPlaceholder);
    expect(templateMessage('{{debtorName}}')).toBeNull();
  });
});

describe('stepTemplateErrors', () => {
  it('keys each message by the path of its box and ignores what is not a template', () => {
    const steps = [
      { templates: { EMAIL: { fr: { subject: 'Dossier {{file.reference}}', body: 'ok {{debtorName}}' } } } },
      null,
      { templates: { SMS: { fr: { body: 'fine' }, en: { body: 'Pay {{amountDue' } }, CALL_TASK: 'nonsense' } },
    ];
    expect(stepTemplateErrors(steps)).toEqual({
      'steps.0.templates.EMAIL.fr.subject': SCENARIO_MESSAGES.unknownVariable,
      'steps.2.templates.SMS.en.body': DESIGN_MESSAGES.unclosedPlaceholder,
    });
  });
});

describe('parseDraft', () => {
  // With the first letter: an e-mail alone would come before it (issue 14, lib/scenario-design/first-contact.ts).
  const email = (body: string) => ({
    delay: { days: 0 },
    channels: ['SIMPLE_LETTER', 'EMAIL'],
    templates: { EMAIL: { fr: { subject: 'Relance', body } } },
  });

  it('returns the parsed draft, with defaults filled in', () => {
    const draft = parseDraft(scenarioDraftSchema, { name: '  Standard  ', steps: [email('Bonjour {{debtorName}}')] });
    expect(draft).toEqual({
      name: 'Standard',
      description: null,
      priority: 0,
      rules: {},
      steps: [
        {
          delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' },
          channels: ['SIMPLE_LETTER', 'EMAIL'],
          templates: { EMAIL: { fr: { subject: 'Relance', body: 'Bonjour {{debtorName}}' } } },
        },
      ],
    });
  });

  it('reports schema and placeholder problems together, field by field', () => {
    let error: unknown;
    try {
      parseDraft(scenarioDraftSchema, {
        name: '',
        priority: 101,
        steps: [{ ...email('Hello {{debtor.name}}'), delay: { days: 400 } }],
        rules: { minDueCents: 100, maxDueCents: 50 },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID');
    expect((error as AppError).fields).toEqual({
      name: DESIGN_MESSAGES.name,
      priority: DESIGN_MESSAGES.priority,
      'steps.0.delay.days': SCENARIO_MESSAGES.days,
      'steps.0.templates.EMAIL.fr.body': SCENARIO_MESSAGES.unknownVariable,
      'rules.maxDueCents': SCENARIO_MESSAGES.minMax,
    });
  });

  it('refuses a dotted placeholder the schema alone would let through', () => {
    expect(() => parseDraft(scenarioDraftSchema, { name: 'x', steps: [email('Dû : {{amount.due}}')] })).toThrow(
      /steps\.0\.templates\.EMAIL\.fr\.body/,
    );
  });
});
