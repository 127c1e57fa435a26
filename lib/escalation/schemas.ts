import { z } from 'zod';

/** A manager's decision on a file awaiting court. */
export const escalationDecisionSchema = z.object({
  escalationId: z.uuid('unknown escalation'),
  decision: z.enum(['APPROVED', 'REJECTED']),
  note: z.string().trim().max(1000).optional(),
});
