import { z } from 'zod';
import { isCalendarDay } from '../dates/days';
import { catalogueKeys } from '../errors/keys';

export const printRunRefSchema = z.object({ printRunId: z.uuid('errors.field.invalid') });

/** The refusals of a print run, as catalogue keys (`outbox.errors.<name>`), rendered by lib/errors/describe. */
export const PRINT_RUN_MESSAGES = catalogueKeys('outbox.errors', [
  'postedOn',
  'postedInFuture',
  'postedBeforeRun',
  'alreadyPosted',
  'notPrinted',
]);

export const markPostedSchema = z.object({
  printRunId: z.uuid('errors.field.invalid'),
  postedOn: z.string(PRINT_RUN_MESSAGES.postedOn).trim().refine(isCalendarDay, PRINT_RUN_MESSAGES.postedOn),
});
