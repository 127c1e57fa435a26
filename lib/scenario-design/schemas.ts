/**
 * Inputs of the scenario design use-cases (create, save a draft, publish, archive). The steps and the
 * assignment rules themselves are ./schemas' (one definition for the designer and the engine); this file
 * adds the scenario's name, the version's priority and the ids and revisions of the optimistic lock.
 */
import { z } from 'zod';
import { orRequired } from '../forms/fields';
import { DESIGN_MESSAGES as M } from './messages';
import { assignmentRulesSchema, stepsSchema, type ScenarioStep } from '../scenarios/schemas';
import { contactBeforeFirstLetter } from './first-contact';

/** The engine's steps schema, plus the designer's rule that the R124-4 letter comes first (./first-contact). */
const designedSteps = stepsSchema.superRefine((steps, ctx) => {
  const early = contactBeforeFirstLetter(steps);
  if (early !== null) ctx.addIssue({ code: 'custom', message: M.firstContactLetter, path: [early, 'channels'] });
});

export const scenarioNameSchema = z
  .string({ error: orRequired(M.name) })
  .trim()
  .min(1, M.name)
  .max(120, M.name);

const description = z
  .string({ error: M.description })
  .trim()
  .max(1000, M.description)
  .nullish()
  .transform((s) => (s ? s : null));

const priority = z.number({ error: M.priority }).int(M.priority).min(0, M.priority).max(100, M.priority);

/** Everything a draft holds; a new scenario may leave steps and rules out and gets the defaults below. */
export const scenarioDraftSchema = z.strictObject({
  name: scenarioNameSchema,
  description,
  priority: priority.default(0),
  steps: designedSteps,
  rules: assignmentRulesSchema.default({}),
});
export type ScenarioDraft = z.output<typeof scenarioDraftSchema>;
export type ScenarioDraftInput = z.input<typeof scenarioDraftSchema>;

/** A new scenario starts with one step, a letter on the day of placement: the first letter CPCE R124-4 describes. */
export const FIRST_STEP: Readonly<ScenarioStep> = {
  delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
  channels: ['SIMPLE_LETTER'],
  templates: {},
};

export const newScenarioSchema = z.strictObject({
  name: scenarioNameSchema,
  description,
  priority: priority.default(0),
  steps: designedSteps.default(() => [structuredClone(FIRST_STEP)]),
  rules: assignmentRulesSchema.default({}),
});

export const scenarioRefSchema = z.object({ scenarioId: z.uuid({ error: M.scenarioId }) });

const revision = z.number({ error: M.revision }).int(M.revision).min(0, M.revision);

/** The version the editor started from and, for a draft, the revision it read (the optimistic lock). */
export const draftBaseSchema = z.object({
  scenarioId: z.uuid({ error: M.scenarioId }),
  versionId: z.uuid({ error: M.versionId }),
  revision,
});

export const publishRefSchema = z.object({
  versionId: z.uuid({ error: M.versionId }),
  revision,
});

export const versionQuerySchema = z.object({
  scenarioId: z.uuid({ error: M.scenarioId }),
  version: z.coerce.number().int().min(1).optional(),
});
