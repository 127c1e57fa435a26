import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { Actor } from '../tenancy/actor';
import { importRefSchema } from './import-schemas';

/** An import the actor may act on: its agency's, and for a creditor user its own creditor's. */
export async function loadImport(tx: Tx, actor: Actor, importId: unknown) {
  const { importId: id } = parseInput(importRefSchema, { importId });
  const batch = await tx.importBatch.findFirst({
    where: { tenantId: actor.tenantId, id, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
  });
  if (!batch) throw AppError.notFound();
  return batch;
}
