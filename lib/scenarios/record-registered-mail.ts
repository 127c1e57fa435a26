import { recordAudit } from '../audit/record-audit';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { registeredMailImportRowSchema, registeredMailUpdateSchema } from './schemas';
import { z } from 'zod';

/**
 * Registered letters (LRAR, formal notices, pre-judicial warnings): the La Poste tracking number and the
 * acknowledgement date are known only after posting, so they are entered — or imported from the mailing
 * house's file — later. An acknowledgement date before the posting date is refused.
 */

export interface RegisteredMailResult {
  documentId: string;
  trackingNumber: string | null;
  acknowledgedOn: string | null;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function apply(
  tx: Tx,
  actor: Actor,
  where: { id?: string; reference?: string; trackingNumber?: string },
  update: { trackingNumber?: string; sentOn?: string; acknowledgedOn?: string },
): Promise<RegisteredMailResult> {
  const doc = await tx.document.findFirst({
    where: { tenantId: actor.tenantId, registered: true, ...where },
    select: { id: true, fileId: true, reference: true, sentOn: true, trackingNumber: true },
  });
  if (!doc) throw AppError.notFound('Registered letter');
  const sentOn = update.sentOn ?? day(doc.sentOn);
  if (update.acknowledgedOn && sentOn && update.acknowledgedOn < sentOn)
    throw AppError.invalid('Invalid input — acknowledgedOn: the acknowledgement cannot precede the posting', {
      acknowledgedOn: 'the acknowledgement cannot precede the posting',
    });
  const saved = await tx.document.update({
    where: { tenantId_id: { tenantId: actor.tenantId, id: doc.id } },
    data: {
      ...(update.trackingNumber ? { trackingNumber: update.trackingNumber } : {}),
      ...(update.sentOn ? { sentOn: new Date(`${update.sentOn}T00:00:00Z`) } : {}),
      ...(update.acknowledgedOn ? { acknowledgedOn: new Date(`${update.acknowledgedOn}T00:00:00Z`) } : {}),
    },
    select: { trackingNumber: true, acknowledgedOn: true },
  });
  const parts = [
    update.trackingNumber ? `n° de recommandé ${update.trackingNumber}` : null,
    update.sentOn ? `posté le ${update.sentOn.split('-').reverse().join('/')}` : null,
    update.acknowledgedOn ? `accusé de réception du ${update.acknowledgedOn.split('-').reverse().join('/')}` : null,
  ].filter(Boolean);
  await tx.activity.create({
    data: {
      tenantId: actor.tenantId,
      fileId: doc.fileId,
      actorId: actor.membershipId,
      kind: 'letter.tracking',
      summary: `Courrier ${doc.reference} : ${parts.join(', ')}.`,
      details: { documentId: doc.id, ...update },
    },
  });
  await recordAudit(tx, actor, {
    action: 'letter.tracking_recorded',
    entity: 'document',
    entityId: doc.id,
    details: { reference: doc.reference, ...update },
  });
  return { documentId: doc.id, trackingNumber: saved.trackingNumber, acknowledgedOn: day(saved.acknowledgedOn) };
}

export async function recordRegisteredMail({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<RegisteredMailResult> {
  authorize(actor, 'files.work');
  const u = parseInput(registeredMailUpdateSchema, input);
  return inTenant(scopeOf(actor), (tx) =>
    apply(
      tx,
      actor,
      { id: u.documentId },
      { trackingNumber: u.trackingNumber, sentOn: u.sentOn, acknowledgedOn: u.acknowledgedOn },
    ),
  );
}

/**
 * The mailing house's or La Poste's file, already read into rows: each line finds its letter by reference or
 * tracking number. All or nothing: one line that matches no letter refuses the whole import, naming it.
 */
export async function importRegisteredMail({
  actor,
  rows,
}: {
  actor: Actor;
  rows: unknown;
}): Promise<{ updated: number }> {
  authorize(actor, 'files.work');
  const parsed = parseInput(z.array(registeredMailImportRowSchema).min(1).max(10_000), rows);
  return inTenant(scopeOf(actor), async (tx) => {
    for (const [i, row] of parsed.entries()) {
      const where = row.reference ? { reference: row.reference } : { trackingNumber: row.trackingNumber };
      try {
        await apply(tx, actor, where, {
          trackingNumber: row.reference ? row.trackingNumber : undefined,
          sentOn: row.sentOn,
          acknowledgedOn: row.acknowledgedOn,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND')
          throw AppError.invalid(`Invalid input — ${i}: line ${i + 1} matches no registered letter`, {
            [String(i)]: 'matches no registered letter',
          });
        throw error;
      }
    }
    return { updated: parsed.length };
  });
}
