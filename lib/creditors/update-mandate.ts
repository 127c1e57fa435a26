import { recordAudit } from '../audit/record-audit';
import { isUniqueViolation } from '../db/errors';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { referenceTaken } from './create-mandate';
import { columnsToTerms, termsToColumns } from './mandate-row';
import { mandateTermsSchema, mandateVersionSchema, type MandateTerms } from './schemas';

export interface UpdateMandateOptions {
  actor: Actor;
  mandateId: unknown;
  /** The mandate's updatedAt as the editor read it; a later change by someone else is a conflict. */
  updatedAt: unknown;
  input: unknown;
  ip?: string;
}

export const STALE_MANDATE = 'mandates.errors.stale';

/** Changes a mandate's terms, refusing to overwrite a change the editor has not seen. */
export async function updateMandate({
  actor,
  mandateId,
  updatedAt,
  input,
  ip,
}: UpdateMandateOptions): Promise<{ id: string; updatedAt: string }> {
  authorize(actor, 'mandates.manage');
  const version = parseInput(mandateVersionSchema, { mandateId, updatedAt });
  const terms = parseInput(mandateTermsSchema, input);
  const where = {
    tenantId: actor.tenantId,
    id: version.mandateId,
    ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
  };
  return inTenant(scopeOf(actor), async (tx) => {
    // Lock the row first, so two editors who read the same version cannot both pass the check below.
    await tx.$queryRaw`SELECT 1 FROM mandate WHERE tenant_id = ${where.tenantId}::uuid AND id = ${where.id}::uuid
                         FOR UPDATE`;
    const current = await tx.mandate.findFirst({ where });
    if (!current) throw AppError.notFound();
    if (current.updatedAt.getTime() !== version.updatedAt.getTime()) throw new AppError('CONFLICT', STALE_MANDATE);

    const before = columnsToTerms(current);
    const changed = (Object.keys(terms) as (keyof MandateTerms)[]).filter((k) => before[k] !== terms[k]);
    if (changed.includes('reference')) {
      const taken = await tx.mandate.findFirst({
        where: { tenantId: actor.tenantId, reference: terms.reference, NOT: { id: current.id } },
        select: { id: true },
      });
      if (taken) throw referenceTaken();
    }
    // Strictly later than the version read, even within one millisecond, so the lock always moves on.
    const next = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
    await tx.mandate
      .update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: current.id } },
        data: { ...termsToColumns(terms), updatedAt: next },
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? referenceTaken() : error;
      });
    await recordAudit(tx, actor, {
      action: 'mandate.updated',
      entity: 'mandate',
      entityId: current.id,
      ip,
      details: {
        reference: terms.reference,
        changed: changed.join(','),
        ...Object.fromEntries(changed.map((k) => [k, `${before[k] ?? '—'} → ${terms[k] ?? '—'}`])),
      },
    });
    return { id: current.id, updatedAt: next.toISOString() };
  });
}
