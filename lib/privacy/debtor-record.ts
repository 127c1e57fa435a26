import { debtorReaders, type AuditRow } from './audit-trail';
import { recordAudit } from '../audit/record-audit';
import type { ContactKind, ContactStatus, DebtorKind, FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { fileRefSchema } from '../cases/schemas';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

export interface DebtorRecord {
  id: string;
  kind: DebtorKind;
  displayName: string;
  siren: string | null;
  locale: string;
  createdAt: Date;
  files: { id: string; reference: string; creditorName: string; status: FileStatus; placedAt: Date }[];
  contactPoints: { id: string; kind: ContactKind; status: ContactStatus; source: string; createdAt: Date }[];
  /** Who read or exported this person's data, newest first (the last 100). */
  readers: AuditRow[];
}

/**
 * A debtor as a person whose data the agency holds (issue 18): their files, how they can be reached, and who looked
 * at them. Managers and admins; opening it is itself a read, recorded in the same transaction.
 */
export async function debtorRecord({
  actor,
  id,
  ip,
}: {
  actor: Actor;
  id: unknown;
  ip?: string;
}): Promise<DebtorRecord> {
  authorize(actor, 'privacy.manage');
  const { id: debtorId } = parseInput(fileRefSchema, { id });
  return inTenant(scopeOf(actor), async (tx) => {
    const debtor = await tx.debtor.findFirst({
      where: { tenantId: actor.tenantId, id: debtorId },
      include: {
        files: {
          select: { id: true, reference: true, status: true, placedAt: true, creditor: { select: { name: true } } },
          orderBy: { placedAt: 'desc' },
        },
        contactPoints: {
          select: { id: true, kind: true, status: true, source: true, createdAt: true },
          orderBy: { createdAt: 'asc' },
        },
      },
    });
    if (!debtor) throw AppError.notFound();
    await recordAudit(tx, actor, { action: 'debtor.viewed', entity: 'debtor', entityId: debtor.id, ip });
    const readers = await debtorReaders(tx, actor.tenantId, debtor.id);
    return {
      id: debtor.id,
      kind: debtor.kind,
      displayName: debtor.displayName,
      siren: debtor.siren,
      locale: debtor.locale,
      createdAt: debtor.createdAt,
      files: debtor.files.map((f) => ({
        id: f.id,
        reference: f.reference,
        creditorName: f.creditor.name,
        status: f.status,
        placedAt: f.placedAt,
      })),
      contactPoints: debtor.contactPoints,
      readers,
    };
  });
}
