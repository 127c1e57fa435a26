import { agencyClock, lockFile, recordActivity, saveFile } from '../activity/file-lock';
import { FILE_INFO_FIELDS, fileInfoSchema, type FileInfoInput } from '../activity/schemas';
import { NON_PAYMENT_LABEL, SOLVENCY_LABEL } from '../activity/summaries';
import { recordAudit } from '../audit/record-audit';
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

const FIELD_LABEL: Record<InfoField, string> = {
  nonPaymentReason: 'motif de non-paiement',
  nonPaymentNote: 'précisions sur le motif',
  solvency: 'solvabilité',
  solvencyNote: 'note de solvabilité',
  employer: 'employeur',
  bank: 'banque',
};

function shown(field: InfoField, value: string | null): string {
  if (value === null) return '—';
  if (field === 'nonPaymentReason') return NON_PAYMENT_LABEL[value as keyof typeof NON_PAYMENT_LABEL] ?? value;
  if (field === 'solvency') return SOLVENCY_LABEL[value as keyof typeof SOLVENCY_LABEL] ?? value;
  return value;
}

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
    const version = await saveFile(tx, actor.tenantId, file);
    const diff = Object.fromEntries(changed.map((f) => [f, `${shown(f, before(f))} → ${shown(f, info[f])}`])) as Record<
      string,
      string
    >;
    const activityId = await recordActivity(tx, {
      tenantId: actor.tenantId,
      fileId: file.id,
      actorId: actor.membershipId,
      kind: 'info.updated',
      summary: `Informations mises à jour : ${changed.map((f) => FIELD_LABEL[f]).join(', ')}`,
      details: { changed, ...diff },
    });
    await recordAudit(tx, actor, {
      action: 'file_info.updated',
      entity: 'case_file',
      entityId: file.id,
      ip,
      details: { activityId, changed: changed.join(','), version },
    });
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, version, changed };
  });
}
