import { recordAudit } from '../audit/record-audit';
import { agencyToday } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { forgetRateTables, readRateTables } from './load-rates';
import { ecbRateEntrySchema, type EcbRateEntry } from './rate-entry';

export interface AddEcbRateOptions {
  actor: Actor;
  ip?: string;
  /** The agency's clock reads this instant (tests); the present by default. */
  now?: Date;
  /** validFrom, rate (percent as typed), decidedOn, publishedRef: see ecbRateEntrySchema. */
  input: Record<string, unknown>;
}

/** Appends an ECB main refinancing rate; shared by every agency, so checked under the table's own lock. */
export async function addEcbRate({ actor, ip, input, now }: AddEcbRateOptions): Promise<EcbRateEntry> {
  authorize(actor, 'rates.manage');
  const entry = await inTenant(scopeOf(actor), async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('reference_rate'))`;
    const tables = await readRateTables(tx);
    const today = await agencyToday(tx, actor.tenantId, now);
    const row = parseInput(ecbRateEntrySchema({ tables, today }), input);
    await tx.referenceRate.create({
      data: {
        kind: 'ECB_MRO',
        validFrom: new Date(row.validFrom),
        rateBps: row.rateBps,
        decidedOn: new Date(row.decidedOn),
        publishedRef: row.publishedRef,
      },
    });
    await recordAudit(tx, actor, {
      action: 'ecb_rate.add',
      entity: 'reference_rate',
      entityId: row.validFrom,
      ip,
      details: { rateBps: row.rateBps, decidedOn: row.decidedOn },
    });
    return row;
  });
  forgetRateTables();
  return entry;
}
