import { z } from 'zod';
import { isCalendarDay } from '../dates/days';

export const printRunRefSchema = z.object({ printRunId: z.uuid('unknown print run') });

/** In English for API callers; screens show `outbox.errors.<key>`. */
export const PRINT_RUN_MESSAGES = {
  postedOn: 'must be a date (YYYY-MM-DD)',
  postedInFuture: 'cannot be after today',
  postedBeforeRun: 'cannot be before the print run was made',
  alreadyPosted: 'this print run is already marked posted',
  notPrinted: 'this print run is not printed yet',
} as const;

export const markPostedSchema = z.object({
  printRunId: z.uuid('unknown print run'),
  postedOn: z.string(PRINT_RUN_MESSAGES.postedOn).trim().refine(isCalendarDay, PRINT_RUN_MESSAGES.postedOn),
});

/** The catalogue key (`outbox.errors.<key>`) of a message above, for the page to say it in the reader's language. */
export function printRunMessageKey(message: string): keyof typeof PRINT_RUN_MESSAGES | undefined {
  return (Object.keys(PRINT_RUN_MESSAGES) as (keyof typeof PRINT_RUN_MESSAGES)[]).find(
    (key) => PRINT_RUN_MESSAGES[key] === message,
  );
}
