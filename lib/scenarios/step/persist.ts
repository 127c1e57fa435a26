import { timelineInsert } from '../../history/record';
import { moveFiles } from '../../cases/file-store';
import { Prisma } from '../../db/generated/client';
import type { FileStatus } from '../../db/generated/enums';
import type { RawTx } from '../../db/raw';
import type { GuardReason } from '../guards';
import type { Execution, LetterRow, StepRef } from './context';
import type { ActivityLine } from './lines';

// What a step writes once it has decided: the scenario row stopped or postponed, or the letters, execution rows,
// move to the next step and timeline of a step that ran, in one statement.

export class DuplicateExecutionError extends Error {
  constructor(readonly key: string) {
    super(`step ${key} was already executed`);
    this.name = 'DuplicateExecutionError';
  }
}

/** The guards stopped the scenario before this step. */
export async function persistStop(tx: RawTx, ref: StepRef, now: Date, reason: GuardReason, line: ActivityLine) {
  await tx.$executeRaw`
    UPDATE file_scenario SET state = 'STOPPED', state_reason = ${reason}, next_run_at = NULL,
           enqueued_at = NULL, updated_at = ${now}
     WHERE tenant_id = ${ref.tenantId}::uuid AND file_id = ${ref.fileId}::uuid`;
  await insertTimeline(tx, ref, now, [line]);
}

/** The guards postponed the step; `line` only when the reason is new (one line per pause, not per re-check). */
export async function persistPostpone(
  tx: RawTx,
  ref: StepRef,
  now: Date,
  decision: { until: Date; reason: GuardReason },
  line: ActivityLine | null,
) {
  await tx.$executeRaw`
    UPDATE file_scenario SET next_run_at = ${decision.until}, state_reason = ${decision.reason},
           enqueued_at = NULL, updated_at = ${now}
     WHERE tenant_id = ${ref.tenantId}::uuid AND file_id = ${ref.fileId}::uuid`;
  if (line) await insertTimeline(tx, ref, now, [line]);
}

/**
 * The letters, the execution rows, the move to the next step and the timeline in one statement: one round trip
 * instead of four. Foreign keys are checked at its end, when the letters are there. The row lock taken first
 * already serialises runs of this step; the unique key is the second wall.
 */
export async function persistRun(
  tx: RawTx,
  ref: StepRef,
  run: {
    key: string;
    today: string;
    now: Date;
    letters: LetterRow[];
    executions: Execution[];
    lines: ActivityLine[];
    next: number;
    nextRunAt: Date | null;
    finished: boolean;
  },
): Promise<void> {
  const { tenantId, fileId } = ref;
  const { key, now, executions, next, nextRunAt, finished } = run;
  const [written] = await tx.$queryRaw<{ executed: number }[]>`
    WITH letters AS (${letterInsert(ref, key, run.today, now, run.letters)}),
    executed AS (
      INSERT INTO step_execution (tenant_id, file_id, scenario_version_id, step_index, channel, execution_key,
                                  status, reason, document_id, message_id, task_id, executed_at)
      SELECT ${tenantId}::uuid, ${fileId}::uuid, ${ref.versionId}::uuid, ${ref.step}::int, e.channel::"StepChannel",
             ${key}::text, e.status::"StepOutcome", e.reason, e.document_id, e.message_id, e.task_id,
             ${now}::timestamptz
        FROM unnest(${executions.map((e) => e.channel)}::text[], ${executions.map((e) => e.status)}::text[],
                    ${executions.map((e) => e.reason)}::text[], ${executions.map((e) => e.documentId)}::uuid[],
                    ${executions.map((e) => e.messageId)}::uuid[], ${executions.map((e) => e.taskId)}::uuid[])
             AS e(channel, status, reason, document_id, message_id, task_id)
      ON CONFLICT (tenant_id, execution_key, channel) DO NOTHING
      RETURNING id
    ),
    moved AS (
      UPDATE file_scenario
         SET next_step = ${next}, next_run_at = ${nextRunAt},
             state = ${finished ? 'DONE' : 'RUNNING'}::"ScenarioState", state_reason = NULL, enqueued_at = NULL,
             failures = 0, last_step_at = ${now}, updated_at = ${now}
       WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid
    ),
    timeline AS (${linesOf(ref, now, run.lines)})
    SELECT (SELECT count(*) FROM executed)::int AS executed`;
  if (written?.executed !== executions.length) throw new DuplicateExecutionError(key);
}

/**
 * A letter is written unposted (sent_on NULL): its date is the day its print run is posted
 * (lib/print-runs/mark-posted.ts) or the deposit La Poste's tracking gives, never the day it was drawn (issue 14).
 * A letter sent as an e-mail's attachment is sent that day, and has no letter data for a print run to take.
 */
export function letterInsert(ref: StepRef, key: string, _today: string, now: Date, letters: LetterRow[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO document (tenant_id, id, file_id, kind, locale, storage_key, sha256, pages, reference, registered,
                          sent_on, deadline_on, execution_key, letter_data, created_at)
    SELECT ${ref.tenantId}::uuid, d.id, ${ref.fileId}::uuid, d.kind::"DocumentKind", d.locale, d.storage_key, d.sha256,
           d.pages, d.reference, d.registered, d.sent_on, d.deadline_on, ${key}::text, d.letter_data,
           ${now}::timestamptz
      FROM unnest(${letters.map((l) => l.id)}::uuid[], ${letters.map((l) => l.kind)}::text[],
                  ${letters.map((l) => l.locale)}::text[], ${letters.map((l) => l.storageKey)}::text[],
                  ${letters.map((l) => l.sha256)}::text[], ${letters.map((l) => l.pages)}::int[],
                  ${letters.map((l) => l.reference)}::text[], ${letters.map((l) => l.registered)}::boolean[],
                  ${letters.map((l) => l.deadline)}::date[], ${letters.map((l) => l.letterData)}::jsonb[],
                  ${letters.map((l) => l.sentOn ?? null)}::date[])
           AS d(id, kind, locale, storage_key, sha256, pages, reference, registered, deadline_on, letter_data,
                sent_on)`;
}

/** A step's lines, a few microseconds apart from `at` so the timeline keeps their order. */
function linesOf(ref: StepRef, at: Date, lines: ActivityLine[]): Prisma.Sql {
  return timelineInsert(
    ref.tenantId,
    lines.map((line) => ({ fileId: ref.fileId, line })),
    { at },
  );
}

async function insertTimeline(tx: RawTx, ref: StepRef, at: Date, lines: ActivityLine[]): Promise<void> {
  if (lines.length > 0) await tx.$queryRaw(linesOf(ref, at, lines));
}

/** Status changes the engine makes, through the state machine (a new file passes through IN_PROGRESS). */
export async function moveStatus(
  tx: RawTx,
  tenantId: string,
  fileId: string,
  from: FileStatus,
  to: FileStatus,
): Promise<boolean> {
  return (await moveFiles(tx, tenantId, [fileId], to, { from: [from] })).length > 0;
}
