import { z } from 'zod';
import { isCalendarDay } from '../dates/days';
import { optional } from '../forms/fields';
import { AUDIT_KINDS } from './kinds';
import { AUDIT_MESSAGES as M } from './messages';

export const AUDIT_PAGE_SIZE = 50;

/** The manager's search of the audit trail, from the page's query string. Days are the agency's calendar days. */
export const auditSearchSchema = z
  .object({
    user: optional(z.string().uuid(M.userId)),
    // A debtor's id (the link from the debtor's record) or part of a debtor's name.
    debtor: optional(z.string().trim().min(2, M.debtor).max(100, M.debtor)),
    kind: optional(z.enum(AUDIT_KINDS, { error: M.kind })),
    from: optional(z.string().trim().refine(isCalendarDay, M.day)),
    to: optional(z.string().trim().refine(isCalendarDay, M.day)),
    page: optional(
      z.coerce.number({ error: 'errors.field.number' }).int('errors.field.wholeNumber').min(1).max(10_000),
    ).transform((v) => v ?? 1),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: M.toBeforeFrom, path: ['to'] });

export type AuditSearch = z.infer<typeof auditSearchSchema>;
