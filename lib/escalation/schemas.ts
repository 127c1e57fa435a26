import { z } from 'zod';
import { catalogueKeys } from '../errors/keys';
import { given, optional, orRequired } from '../forms/fields';
import { ROUTE_CODES, SEND_BACK_REASONS } from '../judicial-codes/codes';

/** Why an approval or a decision is refused, as catalogue keys (`escalation.errors.<name>`), rendered by lib/errors/describe. */
export const ESCALATION_MESSAGES = catalogueKeys('escalation.errors', [
  'warningMissing',
  'warningNotPosted',
  'warningReturned',
  'escalationId',
  'route',
  'reason',
  'note',
  'answer',
  'overCeiling',
  'agreementPending',
  'agreementNotAsked',
]);
const M = ESCALATION_MESSAGES;

const escalationId = given(z.uuid({ error: orRequired(M.escalationId) }));
const note = optional(z.string({ error: M.note }).trim().max(1000, M.note));

/**
 * A manager's decision on a file awaiting court: approve with the route to take (the procedure starts, or waits for
 * the creditor's agreement when its mandate makes it advance the costs), or send it back to the amicable phase with
 * a reason from the list and an optional note. Closing it is the closing form's (a link from the queue).
 */
export const escalationDecisionSchema = z.discriminatedUnion('decision', [
  z.object({
    escalationId,
    decision: z.literal('APPROVED'),
    route: given(z.enum(ROUTE_CODES, { error: orRequired(M.route) })),
    note,
  }),
  z.object({
    escalationId,
    decision: z.literal('REJECTED'),
    reason: given(z.enum(SEND_BACK_REASONS, { error: orRequired(M.reason) })),
    note,
  }),
]);
export type EscalationDecision = z.output<typeof escalationDecisionSchema>;

/** The creditor's answer, in the portal, to going to court at its expense. */
export const agreementAnswerSchema = z.object({
  escalationId,
  answer: given(z.enum(['ACCEPT', 'REFUSE'], { error: orRequired(M.answer) })),
  note,
});
