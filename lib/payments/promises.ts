import type { Tx } from '../db/tenant';

// A promise to pay is kept once the money received on the file since it was made (net of reversals)
// reaches the amount promised, or once nothing is owed any more.

interface Coverage {
  id: string;
  amountCents: bigint;
  receivedCents: bigint;
}

async function coverage(tx: Tx, tenantId: string, fileId: string, status: 'PENDING' | 'KEPT', resolvedSince?: Date) {
  return tx.$queryRaw<Coverage[]>`
    SELECT pr.id, pr.amount_cents AS "amountCents",
           coalesce((SELECT sum(p.amount_cents) FROM payment p
                      WHERE p.tenant_id = pr.tenant_id AND p.file_id = pr.file_id
                        AND p.recorded_at >= pr.created_at), 0)::bigint AS "receivedCents"
      FROM promise pr
     WHERE pr.tenant_id = ${tenantId}::uuid AND pr.file_id = ${fileId}::uuid
       AND pr.status = ${status}::"PromiseStatus"
       AND (${resolvedSince ?? null}::timestamptz IS NULL OR pr.resolved_at >= ${resolvedSince ?? null}::timestamptz)`;
}

/** Marks the pending promises a payment covers as KEPT; returns how many. */
export async function keepPromises(
  tx: Tx,
  tenantId: string,
  fileId: string,
  { nothingDue, now }: { nothingDue: boolean; now: Date },
): Promise<number> {
  const pending = await coverage(tx, tenantId, fileId, 'PENDING');
  const kept = pending.filter((p) => nothingDue || p.receivedCents >= p.amountCents).map((p) => p.id);
  if (kept.length === 0) return 0;
  await tx.paymentPromise.updateMany({
    where: { tenantId, fileId, id: { in: kept }, status: 'PENDING' },
    data: { status: 'KEPT', resolvedAt: now },
  });
  return kept.length;
}

/**
 * After a reversal: promises that were marked kept since the reversed payment was recorded, and that the
 * money left no longer covers, are pending again (the promise checks then judge them on their due day).
 */
export async function reopenPromises(
  tx: Tx,
  tenantId: string,
  fileId: string,
  { keptSince }: { keptSince: Date },
): Promise<number> {
  const kept = await coverage(tx, tenantId, fileId, 'KEPT', keptSince);
  const reopened = kept.filter((p) => p.receivedCents < p.amountCents).map((p) => p.id);
  if (reopened.length === 0) return 0;
  await tx.paymentPromise.updateMany({
    where: { tenantId, fileId, id: { in: reopened }, status: 'KEPT' },
    data: { status: 'PENDING', resolvedAt: null },
  });
  return reopened.length;
}

/**
 * A new promise replaces the ones still pending: the debtor renegotiated, the old dates no longer hold. Returns
 * the new promise and those it superseded.
 */
export async function replacePromise(
  tx: Tx,
  p: { tenantId: string; fileId: string; amountCents: number; dueOn: string; createdBy: string | null; now: Date },
): Promise<{ promiseId: string; supersededPromiseIds: string[] }> {
  const pending = await tx.paymentPromise.findMany({
    where: { tenantId: p.tenantId, fileId: p.fileId, status: 'PENDING' },
    select: { id: true },
  });
  const supersededPromiseIds = pending.map((x) => x.id);
  if (pending.length > 0) {
    await tx.paymentPromise.updateMany({
      where: { tenantId: p.tenantId, id: { in: supersededPromiseIds }, status: 'PENDING' },
      data: { status: 'CANCELLED', resolvedAt: p.now },
    });
  }
  const { id: promiseId } = await tx.paymentPromise.create({
    data: {
      tenantId: p.tenantId,
      fileId: p.fileId,
      amountCents: BigInt(p.amountCents),
      dueOn: new Date(`${p.dueOn}T00:00:00Z`),
      createdBy: p.createdBy,
    },
    select: { id: true },
  });
  return { promiseId, supersededPromiseIds };
}
