import { agencyToday } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { bulkSelection, type BulkSelection } from './bulk-selection';
import { bulkClosingSchema } from './schemas';

/**
 * What a bulk closing would do, before it does it: each named file and whether it closes or why not, the counts, the
 * references that name no file of the creditor. Changes nothing. Another agency's creditor is not found.
 */
export async function previewBulkClosing({ actor, input }: { actor: Actor; input: unknown }): Promise<BulkSelection> {
  authorize(actor, 'closings.bulk');
  const parsed = parseInput(bulkClosingSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const creditor = await tx.creditor.findFirst({ where: { tenantId: actor.tenantId, id: parsed.creditorId } });
    if (!creditor) throw AppError.notFound();
    return bulkSelection(tx, actor.tenantId, parsed, await agencyToday(tx, actor.tenantId));
  });
}
