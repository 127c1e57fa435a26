/**
 * The refusals of the scenario design use-cases, as catalogue keys (`scenarios.errors.<name>`), on top of the
 * step and rule keys of ../scenarios/schemas (SCENARIO_MESSAGES); the mapper (lib/errors/describe) writes them
 * in the reader's language.
 */
import { catalogueKeys } from '../errors/keys';

export const DESIGN_MESSAGES = catalogueKeys('scenarios.errors', [
  'required',
  'name',
  'description',
  'priority',
  'scenarioId',
  'versionId',
  'revision',
  'creditor',
  'unclosedPlaceholder',
  'staleDraft',
  'notLatest',
  'alreadyPublished',
  'archived',
  'alreadyArchived',
  'firstContactLetter',
]);
