import { z } from 'zod';
import { parseDay } from '../dates/parse-day';
import { catalogueKeys } from '../errors/keys';
import { bool, given, money, optional, orRequired } from '../forms/fields';
import { STEP_KINDS } from '../judicial-codes/codes';
import type { StepRefusal } from './rules';

/** What a step's form may be refused for, as catalogue keys (`judicial.errors.<name>`). */
export const JUDICIAL_MESSAGES = catalogueKeys('judicial.errors', [
  'procedureId',
  'kind',
  'on',
  'amount',
  'hearingOn',
  'court',
  'note',
  'unknownStep',
  'notAfterStage',
  'procedureEnded',
  'dateOutOfOrder',
  'dateInFuture',
  'deadlineNotOver',
  'deadlineNotLapsed',
  'deadlineLapsed',
  'procedureRunning',
  'costsNotAwarded',
  'partialNote',
  'grantedNotPartial',
  'grantedBelowPaid',
]);
const M = JUDICIAL_MESSAGES;
/** Every refusal of lib/judicial/rules checkStep has its message (the compiler keeps the two lists together). */
export const STEP_REFUSALS: Record<StepRefusal, string> = M;

const day = (message: string) =>
  z.string({ error: orRequired(message) }).transform((v, ctx) => {
    const parsed = parseDay(v);
    if (parsed === null) ctx.addIssue({ code: 'custom', message });
    return parsed ?? '';
  });
const amount = optional(money(M.amount, 1));

/**
 * One step of a running procedure, as the procedure's form or the API sends it: its kind, its day, and the values
 * its kind takes (lib/judicial/catalogue STEP_VALUES). Costs a decision awarded (dépens, article 700) come with it.
 */
export const recordStepSchema = z
  .object({
    procedureId: given(z.uuid({ error: orRequired(M.procedureId) })),
    kind: given(z.enum(STEP_KINDS, { error: orRequired(M.kind) })),
    on: given(day(M.on)),
    court: optional(z.string({ error: M.court }).trim().max(200, M.court)),
    grantedAmount: amount,
    agreedAmount: amount,
    requestedAmount: amount,
    hearingOn: optional(day(M.hearingOn)),
    upheld: bool,
    note: optional(z.string({ error: M.note }).trim().max(500, M.note)),
    courtCosts: amount,
    article700: amount,
  })
  .strict();
export type RecordStepInput = z.input<typeof recordStepSchema>;
export type RecordStep = z.output<typeof recordStepSchema>;

/** The values stored with a step, by the names STEP_VALUES gives them (only those given). */
export function stepValues(s: RecordStep): Record<string, unknown> {
  const values: Record<string, unknown> = {
    court: s.court,
    grantedCents: s.grantedAmount,
    agreedCents: s.agreedAmount,
    requestedCents: s.requestedAmount,
    hearingOn: s.hearingOn,
    upheld: s.upheld,
    note: s.note,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
