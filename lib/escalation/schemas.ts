import { z } from 'zod';
import { catalogueKeys } from '../errors/keys';

/** A manager's decision on a file awaiting court. */
export const escalationDecisionSchema = z.object({
  escalationId: z.uuid('errors.escalation.escalationId'),
  decision: z.enum(['APPROVED', 'REJECTED']),
  note: z.string().trim().max(1000).optional(),
});

/** Why an approval is refused, as catalogue keys (`escalation.errors.<name>`), rendered by lib/errors/describe. */
export const ESCALATION_MESSAGES = catalogueKeys('escalation.errors', [
  'warningMissing',
  'warningNotPosted',
  'warningReturned',
]);
