import { recordAudit } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { timelineInsert } from '../history/record';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { applyLetterDates } from './letter-dates';
import { markPostedSchema, PRINT_RUN_MESSAGES as M } from './schemas';

export interface MarkPostedResult {
  printRunId: string;
  postedOn: string;
  /** Letters that took the day as their sending date (those already dated by La Poste's tracking keep theirs). */
  letters: number;
}

/**
 * The mailing house (or the agency) posted a print run: every letter of the run is dated that day (issue 14:
 * the first letter's date, the formal notice's date and every deadline count from the posting, not from the day
 * the engine drew the letter), the scenarios that waited for it go on (lib/scenarios/guards.ts LETTER_NOT_POSTED),
 * and each file's timeline says so. Once per run: a second posting is a conflict, a wrong day is corrected per
 * letter through the registered-mail tracking.
 */
export async function markPrintRunPosted({
  actor,
  ip,
  now = new Date(),
  ...input
}: {
  actor: Actor;
  ip?: string;
  now?: Date;
  printRunId: unknown;
  postedOn: unknown;
}): Promise<MarkPostedResult> {
  authorize(actor, 'scenarios.manage');
  const p = parseInput(markPostedSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const [run] = await tx.$queryRaw<{ status: string; posted_on: string | null; created_on: string }[]>`
      SELECT r.status::text, r.posted_on::text, (r.created_at AT TIME ZONE ${clock.timeZone})::date::text AS created_on
        FROM print_run r WHERE r.tenant_id = ${actor.tenantId}::uuid AND r.id = ${p.printRunId}::uuid FOR UPDATE`;
    if (!run) throw AppError.notFound();
    if (run.posted_on) throw new AppError('CONFLICT', M.alreadyPosted);
    if (run.status !== 'DONE') throw new AppError('CONFLICT', M.notPrinted);
    if (p.postedOn > clock.today) throw AppError.invalid({ postedOn: M.postedInFuture });
    if (p.postedOn < run.created_on) throw AppError.invalid({ postedOn: M.postedBeforeRun });
    await tx.$executeRaw`
      UPDATE print_run SET posted_on = ${p.postedOn}::date, posted_by = ${actor.membershipId}::uuid
       WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${p.printRunId}::uuid`;
    const letters = await tx.$queryRaw<{ id: string; file_id: string; reference: string }[]>`
      UPDATE document SET sent_on = ${p.postedOn}::date
       WHERE tenant_id = ${actor.tenantId}::uuid AND print_run_id = ${p.printRunId}::uuid AND sent_on IS NULL
      RETURNING id::text, file_id::text, reference`;
    await applyLetterDates(
      tx,
      actor.tenantId,
      letters.map((l) => l.id),
    );
    if (letters.length > 0)
      await tx.$queryRaw(
        timelineInsert(
          actor.tenantId,
          letters.map((l) => ({
            fileId: l.file_id,
            line: { kind: 'letter.posted', details: { documentId: l.id, reference: l.reference, sentOn: p.postedOn } },
          })),
          { actorId: actor.membershipId, at: now },
        ),
      );
    await recordAudit(tx, actor, {
      action: 'print_run.posted',
      entity: 'print_run',
      entityId: p.printRunId,
      ip,
      details: { postedOn: p.postedOn, letters: letters.length },
    });
    return { printRunId: p.printRunId, postedOn: p.postedOn, letters: letters.length };
  });
}
