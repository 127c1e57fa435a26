import { Prisma } from '../db/generated/client';
import type { TaskKind } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import { checkTaskNote, type TaskNoteRef } from './notes';

// The one place a task is written (tests/unit/task-note-writes.test.ts keeps every INSERT INTO task here): what the
// application says goes in note_ref as a catalogue reference, checked here; note holds only what a person typed.
// Tagged raw SQL, so it runs on a Prisma transaction and on the scenario engine's plain pg connection alike.

export interface NewTask {
  tenantId: string;
  fileId: string;
  kind: TaskKind;
  dueAt: Date;
  assigneeId: string | null;
  /** Who opened it: an agent's action, the scenario engine, a payment plan's end, or the debtor on their page. */
  source?: 'agent' | 'scenario' | 'plan' | 'debtor';
  createdBy?: string | null;
  createdAt?: Date;
  /** What a person typed: an agent's note, a dispute's reason, a manager's scenario template filled in. */
  typedNote?: string | null;
  /** What the application has to say, rendered in the reader's language (lib/tasks/notes.ts). */
  ref?: TaskNoteRef | null;
}

/**
 * One task; returns its id, or null when `unlessOpen` is given and the file already has an open task of that kind
 * (the engine's address review must not pile up behind a returned letter's).
 */
export async function openTask(
  tx: RawTx,
  task: NewTask,
  { unlessOpen }: { unlessOpen?: TaskKind } = {},
): Promise<string | null> {
  const ref = task.ref ? JSON.stringify(checkTaskNote(task.ref)) : null;
  const at = task.createdAt ? Prisma.sql`${task.createdAt}::timestamptz` : Prisma.sql`now()`;
  const guard = unlessOpen
    ? Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM task WHERE tenant_id = ${task.tenantId}::uuid
                     AND file_id = ${task.fileId}::uuid AND kind = ${unlessOpen}::"TaskKind" AND status = 'OPEN')`
    : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO task (tenant_id, file_id, kind, due_at, assignee_id, source, note, note_ref, created_by, created_at)
    SELECT ${task.tenantId}::uuid, ${task.fileId}::uuid, ${task.kind}::"TaskKind", ${task.dueAt}::timestamptz,
           ${task.assigneeId}::uuid, ${task.source ?? 'agent'}, ${task.typedNote ?? null}, ${ref}::jsonb,
           ${task.createdBy ?? null}::uuid, ${at}
    ${guard}
    RETURNING id::text`;
  return rows[0]?.id ?? null;
}
