import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import {
  centsToText,
  draftInput,
  emptyStep,
  previewSteps,
  stateFromStored,
  type EditorState,
} from '../../components/scenarios/editor-model';
import { placeErrors } from '../../components/scenarios/field-errors';
import { DESIGN_MESSAGES } from '../../lib/scenario-design/messages';
import { scenarioDraftSchema } from '../../lib/scenario-design/schemas';
import { SCENARIO_MESSAGES, STEP_CHANNELS, TEMPLATE_VARIABLES } from '../../lib/scenarios/schemas';
import { STANDARD_B2B_TIERS, STANDARD_B2C } from './scenario-examples';

const base = (over: Partial<EditorState> = {}): EditorState => ({
  name: 'Test',
  description: '',
  priority: '0',
  steps: [],
  rules: { minDue: '', maxDue: '', debtorKinds: [], natures: [], creditorIds: [], solvency: [], locales: [] },
  ...over,
});

describe('centsToText', () => {
  it.each([
    [150_000, 'fr', '1500'],
    [150_050, 'fr', '1500,50'],
    [150_005, 'en', '1500.05'],
    [0, 'fr', '0'],
    [undefined, 'fr', ''],
  ] as const)('%s (%s) → %j', (cents, locale, text) => {
    expect(centsToText(cents, locale)).toBe(text);
  });
});

describe('draftInput', () => {
  it('turns typed euros and days into cents and numbers, and sends only what the ticked channels need', () => {
    const step = {
      ...emptyStep(),
      days: '14',
      kind: 'WORKING' as const,
      channels: ['EMAIL' as const, 'FORMAL_NOTICE' as const],
      templates: {
        EMAIL: { fr: { subject: 'Objet', body: 'Corps' }, en: { subject: '', body: '  ' } },
        // Unticked since: kept in the editor, not sent.
        SMS: { fr: { subject: '', body: 'Ancien SMS' }, en: { subject: '', body: '' } },
      },
      minDue: '1 500,50',
      debtorKind: 'COMPANY' as const,
      deadlineDays: '10',
    };
    const input = draftInput(
      base({
        priority: '5',
        steps: [step],
        rules: { ...base().rules, minDue: '1000', maxDue: '5 000', natures: ['B2B'] },
      }),
    );
    expect(input).toEqual({
      name: 'Test',
      description: '',
      priority: 5,
      steps: [
        {
          delay: { days: 14, kind: 'WORKING', from: 'PREVIOUS_STEP' },
          channels: ['EMAIL', 'FORMAL_NOTICE'],
          templates: { EMAIL: { fr: { subject: 'Objet', body: 'Corps' } } },
          conditions: { minDueCents: 150_050, debtorKind: 'COMPANY' },
          deadlineDays: 10,
        },
      ],
      rules: { minDueCents: 100_000, maxDueCents: 500_000, natures: ['B2B'] },
    });
  });

  it('sends what does not convert as typed, so the schema names the field', () => {
    const input = draftInput(
      base({
        priority: 'haut',
        steps: [{ ...emptyStep(), days: '2,5', channels: ['SMS'] }],
        rules: { ...base().rules, maxDue: 'beaucoup' },
      }),
    );
    const result = scenarioDraftSchema.safeParse(input);
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields).toMatchObject({
      priority: DESIGN_MESSAGES.priority,
      'steps.0.delay.days': SCENARIO_MESSAGES.days,
      'rules.maxDueCents': SCENARIO_MESSAGES.cents,
      'steps.0.templates.SMS.fr.body': SCENARIO_MESSAGES.body,
    });
  });

  it('gives back stored scenarios unchanged after a trip through the editor', () => {
    for (const demo of [STANDARD_B2C, STANDARD_B2B_TIERS]) {
      const stored = scenarioDraftSchema.parse(demo);
      const state = stateFromStored(stored, stored, 'fr');
      expect(scenarioDraftSchema.parse(draftInput(state))).toEqual(stored);
    }
  });
});

describe('previewSteps', () => {
  it('makes a half-typed delay invalid for the preview instead of guessing', () => {
    const [step] = previewSteps(base({ steps: [{ ...emptyStep(), days: '', channels: ['SIMPLE_LETTER'] }] }));
    expect(Number.isNaN(step!.delay.days)).toBe(true);
  });
});

describe('placeErrors', () => {
  it('puts each message by its box and the rest in the summary', () => {
    expect(
      placeErrors({
        'steps.1.channels.0': 'a',
        'rules.creditorIds.2': 'b',
        'steps.0.templates.EMAIL.en': 'c',
        'steps.0.delay.days': 'd',
        'steps.0.delay.kind': 'e',
        _: 'f',
      }),
    ).toEqual({
      byBox: {
        'steps.1.channels': 'a',
        'rules.creditorIds': 'b',
        'steps.0.templates.EMAIL.en.body': 'c',
        'steps.0.delay.days': 'd',
      },
      others: ['e', 'f'],
    });
  });
});

describe('the scenarios catalogue', () => {
  it.each([
    ['fr', fr.scenarios],
    ['en', en.scenarios],
  ] as const)('%s has a text for every message, channel and placeholder', (_, catalogue) => {
    const errors = catalogue.errors as Record<string, string>;
    for (const key of [...Object.keys(SCENARIO_MESSAGES), ...Object.keys(DESIGN_MESSAGES)])
      expect(errors[key], key).toBeTruthy();
    for (const channel of STEP_CHANNELS)
      expect((catalogue.channels as Record<string, string>)[channel], channel).toBeTruthy();
    for (const v of TEMPLATE_VARIABLES) expect((catalogue.variables as Record<string, string>)[v], v).toBeTruthy();
  });
});
