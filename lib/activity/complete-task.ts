import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { agencyClock } from '../dates/agency-clock';
import { lockFile, refuse, saveFile } from '../cases/file-store';
import { taskCompletionSchema } from './schemas';

export interface CompleteTaskOptions {
  actor: Actor;
  /** taskCompletionSchema: the task and an optional note on what was done. */
  input: unknown;
  ip?: string;
}

/** Marks an open task of the file done. */
export async function completeTask({
  actor,
  input,
  ip,
}: CompleteTaskOptions): Promise<{ fileId: string; version: number; taskId: string }> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const done = parseInput(taskCompletionSchema, input);
    const file = await lockFile(tx, actor, done.fileId, done.expectedVersion, clock);
    const task = await tx.task.findFirst({ where: { tenantId: actor.tenantId, id: done.taskId, fileId: file.id } });
    if (!task) throw refuse('taskId', 'workspace.errors.notOfFile');
    if (task.status !== 'OPEN') throw refuse('taskId', 'workspace.errors.alreadyDone');

    await tx.task.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: task.id } },
      data: { status: 'DONE', doneAt: clock.now },
    });
    const { version } = await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: 'task.completed',
            details: { taskId: task.id, taskKind: task.kind, dueAt: task.dueAt.toISOString(), note: done.note },
          },
        ],
        audit: { action: 'task.completed', entity: 'task', entityId: task.id, details: { kind: task.kind } },
      },
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, version, taskId: task.id };
  });
}
