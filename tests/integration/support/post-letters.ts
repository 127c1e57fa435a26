import { dayIn } from '../../../lib/dates/days';
import { AppError } from '../../../lib/errors/app-error';
import { createPrintRun, runPrintRun } from '../../../lib/print-runs/create-print-run';
import { markPrintRunPosted } from '../../../lib/print-runs/mark-posted';
import type { Actor } from '../../../lib/tenancy/actor';

/**
 * What an agency does each morning: a print run of every letter waiting, printed, and marked posted that day
 * (Paris), through the real use-cases. Nothing waiting is no run. Returns the letters posted.
 */
export async function postWaitingLetters(actor: Actor, now: Date): Promise<number> {
  let run: { printRunId: string };
  try {
    run = await createPrintRun({ actor, enqueueJob: false });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return 0;
    throw error;
  }
  await runPrintRun({ tenantId: actor.tenantId, printRunId: run.printRunId });
  const posted = await markPrintRunPosted({
    actor,
    now,
    printRunId: run.printRunId,
    postedOn: dayIn('Europe/Paris', now),
  });
  return posted.letters;
}
