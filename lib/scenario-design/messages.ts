/**
 * The messages of the scenario design use-cases, in English for API callers, on top of the step and rule
 * messages of ./schemas (SCENARIO_MESSAGES). Screens show the catalogue entry `scenarios.errors.<key>`
 * instead, found by `scenarioMessageKey`. Only ./schemas (zod) as a dependency, so client components can
 * import it.
 */
import { SCENARIO_MESSAGES } from '../scenarios/schemas';

export const DESIGN_MESSAGES = {
  required: 'required',
  name: 'must be 1 to 120 characters',
  description: 'must be at most 1,000 characters',
  priority: 'must be a whole number from 0 to 100',
  scenarioId: 'must be a scenario id',
  versionId: 'must be a scenario version id',
  revision: 'must be the revision the draft was read with',
  creditor: 'names a creditor the agency does not have',
  unclosedPlaceholder: 'a {{placeholder}} is not closed, or a brace is left over',
  staleDraft: 'this draft was changed by someone else; reload',
  notLatest: 'a newer version of this scenario exists; reload and start from it',
  alreadyPublished: 'this version is already published and cannot change',
  archived: 'this scenario is archived',
  alreadyArchived: 'this scenario is already archived',
  firstContactLetter:
    'the scenario must start with the CPCE R124-4 letter: no e-mail, SMS, call or visit before the first step that sends a letter (an e-mail may go with it)',
} as const;

const ALL = { ...SCENARIO_MESSAGES, ...DESIGN_MESSAGES } as const;
export type ScenarioMessageKey = keyof typeof ALL;

const KEY_OF = new Map<string, ScenarioMessageKey>(
  Object.entries(ALL).map(([key, message]) => [message, key as ScenarioMessageKey]),
);

/** The catalogue key of a use-case message, or undefined for a message it does not know (shown as is). */
export function scenarioMessageKey(message: string): ScenarioMessageKey | undefined {
  return KEY_OF.get(message);
}
