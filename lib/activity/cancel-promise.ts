import type { FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { agencyClock } from '../dates/agency-clock';
import { lockFile, refuse, saveFile } from '../cases/file-store';
import { promiseCancellationSchema } from './schemas';

export interface CancelPromiseOptions {
  actor: Actor;
  /** promiseCancellationSchema: the pending promise and why it no longer holds. */
  input: unknown;
  ip?: string;
}

/** Withdraws a pending promise (entered by mistake, replaced by a plan…); the file leaves PROMISE with its last one. */
export async function cancelPromise({
  actor,
  input,
  ip,
}: CancelPromiseOptions): Promise<{ fileId: string; version: number; status: FileStatus }> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const cancel = parseInput(promiseCancellationSchema, input);
    const file = await lockFile(tx, actor, cancel.fileId, cancel.expectedVersion, clock);
    const promise = await tx.paymentPromise.findFirst({
      where: { tenantId: actor.tenantId, id: cancel.promiseId, fileId: file.id },
    });
    if (!promise) throw refuse('promiseId', 'workspace.errors.notOfFile');
    if (promise.status !== 'PENDING') {
      throw refuse('promiseId', { key: 'workspace.errors.promiseNotPending', values: { status: promise.status } });
    }
    await tx.paymentPromise.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: promise.id } },
      data: { status: 'CANCELLED', resolvedAt: clock.now },
    });
    const pending = await tx.paymentPromise.count({
      where: { tenantId: actor.tenantId, fileId: file.id, status: 'PENDING' },
    });
    const statusFrom = file.status;
    const target: FileStatus = file.status === 'PROMISE' && pending === 0 ? 'IN_PROGRESS' : file.status;
    const amountCents = Number(promise.amountCents);
    const dueOn = promise.dueOn.toISOString().slice(0, 10);
    const { version } = await saveFile(
      tx,
      file,
      { status: target },
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: 'promise.cancelled',
            details: { promiseId: promise.id, amountCents, dueOn, reason: cancel.reason, statusFrom, statusTo: target },
          },
        ],
        audit: { action: 'promise.cancelled', entity: 'promise', entityId: promise.id },
      },
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, version, status: target };
  });
}
