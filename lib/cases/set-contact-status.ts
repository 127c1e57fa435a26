import { agencyClock } from '../dates/agency-clock';
import { lockFile, refuse, saveFile } from './file-store';
import { contactStatusSchema } from './contact-status-schema';
import { FILE_FORM_MESSAGES as M } from './file-form-fields';
import { contactPointValue } from './contact-point-line';
import type { ContactStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';

export interface SetContactStatusOptions {
  actor: Actor;
  /** contactStatusSchema: the contact point, its new status and why. */
  input: unknown;
  ip?: string;
}

export const LIFT_DO_NOT_CONTACT = 'workspace.errors.liftDoNotContact';

/**
 * Marks a contact point valid, wrong, returned or off-limits. Do-not-contact is the debtor's objection
 * (GDPR art. 21, DOMAIN.md ethics): it is never lifted as a side effect, only on purpose and on the record.
 */
export async function setContactStatus({ actor, input, ip }: SetContactStatusOptions): Promise<{
  contactPointId: string;
  fileId: string;
  version: number;
  status: ContactStatus;
}> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const change = parseInput(contactStatusSchema, input);
    const file = await lockFile(tx, actor, change.fileId, change.expectedVersion, clock);
    const point = await tx.contactPoint.findFirst({
      where: { tenantId: actor.tenantId, id: change.contactPointId, debtorId: file.debtorId },
    });
    if (!point) throw refuse('contactPointId', M.notDebtorsPoint);
    if (point.status === change.status) throw refuse('status', 'workspace.errors.sameStatus');
    const lifting = point.status === 'DO_NOT_CONTACT';
    if (lifting && !change.liftDoNotContact) throw refuse('liftDoNotContact', LIFT_DO_NOT_CONTACT);

    await tx.contactPoint.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: point.id } },
      data: { status: change.status, statusChangedAt: clock.now },
    });
    const value = contactPointValue(point);
    const { version } = await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          {
            kind: 'contact_point.status',
            details: {
              contactPointId: point.id,
              contactKind: point.kind,
              value,
              statusFrom: point.status,
              statusTo: change.status,
              reason: change.reason,
              liftedDoNotContact: lifting,
            },
          },
        ],
        audit: {
          action: lifting ? 'contact_point.do_not_contact_lifted' : 'contact_point.status_changed',
          entity: 'contact_point',
          entityId: point.id,
          details: { from: point.status, to: change.status },
        },
      },
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { contactPointId: point.id, fileId: file.id, version, status: change.status };
  });
}
