import { z } from 'zod';

/** A manager's decision on a file awaiting court. */
export const escalationDecisionSchema = z.object({
  escalationId: z.uuid('unknown escalation'),
  decision: z.enum(['APPROVED', 'REJECTED']),
  note: z.string().trim().max(1000).optional(),
});

/** Why an approval is refused, in English for API callers; screens show `escalation.errors.<key>`. */
export const ESCALATION_MESSAGES = {
  warningMissing: 'no pre-judicial warning was sent on this file: the debtor must be warned before any judicial action',
  warningNotPosted: 'the pre-judicial warning is not posted yet: escalation waits until it is',
  warningReturned:
    'the pre-judicial warning came back "addressee unknown": the debtor was not warned; find an address and warn again',
} as const;
