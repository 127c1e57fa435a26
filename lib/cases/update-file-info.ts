import { agencyClock } from '../dates/agency-clock';
import { lockFile, saveFile } from './file-store';
import { FILE_INFO_FIELDS, fileInfoSchema, type FileInfoInput } from './file-info-schema';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';

export interface UpdateFileInfoOptions {
  actor: Actor;
  /** fileInfoSchema: the whole form (a blank field clears it), with the file id and the version read. */
  input: unknown;
  ip?: string;
}

type InfoField = (typeof FILE_INFO_FIELDS)[number];

/** Records what the agent learnt about the debtor's situation; the timeline lists what changed. */
export async function updateFileInfo({
  actor,
  input,
  ip,
}: UpdateFileInfoOptions): Promise<{ fileId: string; version: number; changed: InfoField[] }> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const info = parseInput(fileInfoSchema, input);
    const file = await lockFile(tx, actor, info.fileId, info.expectedVersion, clock);
    const current = await tx.fileInfo.findUnique({
      where: { tenantId_fileId: { tenantId: actor.tenantId, fileId: file.id } },
    });
    const before = (field: InfoField): string | null => current?.[field] ?? null;
    const changed = FILE_INFO_FIELDS.filter((field) => before(field) !== info[field]);
    // Saving an unchanged form is not an event: no new version, nothing on the timeline.
    if (changed.length === 0) return { fileId: file.id, version: file.version, changed };

    const values: Pick<FileInfoInput, InfoField> = Object.fromEntries(
      FILE_INFO_FIELDS.map((f) => [f, info[f]]),
    ) as Pick<FileInfoInput, InfoField>;
    await tx.fileInfo.upsert({
      where: { tenantId_fileId: { tenantId: actor.tenantId, fileId: file.id } },
      create: { tenantId: actor.tenantId, fileId: file.id, ...values, updatedBy: actor.membershipId },
      update: { ...values, updatedBy: actor.membershipId, updatedAt: clock.now },
    });
    // The values as stored (codes, not words): the timeline names the fields, the values stay data.
    const from = Object.fromEntries(changed.map((f) => [f, before(f)]));
    const to = Object.fromEntries(changed.map((f) => [f, info[f]]));
    const { version } = await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [{ kind: 'info.updated', details: { changed, from, to } }],
        audit: { action: 'file_info.updated', details: { changed: changed.join(',') } },
      },
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, version, changed };
  });
}
