import { fileRefSchema } from '../cases/schemas';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { DeliveryOutcome } from './schemas';

/** A registered letter of the file as the file page lists it, to check or correct what La Poste reported. */
export interface FileRegisteredLetter {
  id: string;
  kind: 'REGISTERED_LETTER' | 'FORMAL_NOTICE' | 'PRE_JUDICIAL_WARNING';
  reference: string;
  /** The day it was produced, in UTC ('YYYY-MM-DD'). */
  producedOn: string;
  trackingNumber: string | null;
  sentOn: string | null;
  firstPresentedOn: string | null;
  acknowledgedOn: string | null;
  deliveryOutcome: DeliveryOutcome | null;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The file's registered letters, oldest first; another agency's or creditor's file is not found. */
export async function fileRegisteredLetters(actor: Actor, fileId: unknown): Promise<FileRegisteredLetter[]> {
  authorize(actor, 'files.work');
  const { id } = parseInput(fileRefSchema, { id: fileId });
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      select: { id: true },
    });
    if (!file) throw AppError.notFound();
    const rows = await tx.document.findMany({
      where: { tenantId: actor.tenantId, fileId: file.id, registered: true, kind: { not: 'DOSSIER' } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        kind: true,
        reference: true,
        createdAt: true,
        trackingNumber: true,
        sentOn: true,
        firstPresentedOn: true,
        acknowledgedOn: true,
        deliveryOutcome: true,
      },
    });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as FileRegisteredLetter['kind'],
      reference: r.reference,
      producedOn: r.createdAt.toISOString().slice(0, 10),
      trackingNumber: r.trackingNumber,
      sentOn: day(r.sentOn),
      firstPresentedOn: day(r.firstPresentedOn),
      acknowledgedOn: day(r.acknowledgedOn),
      deliveryOutcome: r.deliveryOutcome,
    }));
  });
}
