import { debtorReaders, type AuditRow } from './audit-trail';
import { recordAudit } from '../audit/record-audit';
import type { ContactKind, ContactStatus, DebtorKind, FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { fileRefSchema } from '../cases/schemas';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { isClosed } from '../cases/rules';
import { agencyToday } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { erasureBars, type ErasureBar } from './erasure-rules';

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
  /** Why the person cannot be erased today, each with the day it stops (none: the law keeps nothing back). */
  erasure: ErasureBar[];
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
    const fileIds = debtor.files.map((f) => f.id);
    const [facts] = await tx.$queryRaw<
      { limitation: { file_id: string; on: string | null }[]; last_paid: Date | null }[]
    >`
      SELECT (SELECT coalesce(json_agg(json_build_object('file_id', c.file_id, 'on', c.on_day::text)), '[]'::json)
                FROM (SELECT file_id, max(limitation_on) AS on_day FROM claim
                       WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ANY(${fileIds}::uuid[])
                         AND cancelled_at IS NULL GROUP BY file_id) c) AS limitation,
             (SELECT max(p.received_on) FROM payment p
               WHERE p.tenant_id = ${actor.tenantId}::uuid AND p.file_id = ANY(${fileIds}::uuid[])) AS last_paid`;
    const limitation = new Map(facts!.limitation.map((l) => [l.file_id, l.on]));
    const erasure = erasureBars({
      today: await agencyToday(tx, actor.tenantId),
      files: debtor.files.map((f) => ({
        reference: f.reference,
        closed: isClosed(f.status),
        limitationOn: limitation.get(f.id) ?? null,
      })),
      lastPaymentOn: facts!.last_paid ? dayOf(facts!.last_paid) : null,
    });
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
      erasure,
    };
  });
}
