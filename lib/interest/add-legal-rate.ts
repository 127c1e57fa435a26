import { recordAudit } from '../audit/record-audit';
import { agencyToday } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { forgetRateTables, readRateTables } from './load-rates';
import { legalRateEntrySchema, type LegalRateEntry } from './rate-entry';

export interface AddLegalRateOptions {
  actor: Actor;
  ip?: string;
  /** The agency's clock reads this instant (tests); the present by default. */
  now?: Date;
  /** validFrom, individual, other (percent as typed), decidedOn, publishedRef: see legalRateEntrySchema. */
  input: Record<string, unknown>;
}

/**
 * Appends the next half-year's legal rates (France). The table is shared by every agency: the lock is the one
 * the table's trigger takes, so two admins entering at once are checked one after the other against what the
 * first saved. Every process forgets its cached tables within ten minutes; this one at once.
 */
export async function addLegalRate({ actor, ip, input, now }: AddLegalRateOptions): Promise<LegalRateEntry> {
  authorize(actor, 'rates.manage');
  const entry = await inTenant(scopeOf(actor), async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('legal_rate'))`;
    const tables = await readRateTables(tx);
    const today = await agencyToday(tx, actor.tenantId, now);
    const row = parseInput(legalRateEntrySchema({ tables, today }), input);
    await tx.legalRate.create({
      data: {
        country: 'FR',
        validFrom: new Date(row.validFrom),
        validTo: new Date(row.validTo),
        individualBps: row.individualBps,
        otherBps: row.otherBps,
        decidedOn: new Date(row.decidedOn),
        publishedRef: row.publishedRef,
      },
    });
    await recordAudit(tx, actor, {
      action: 'legal_rate.add',
      entity: 'legal_rate',
      entityId: row.validFrom,
      ip,
      details: { individualBps: row.individualBps, otherBps: row.otherBps, decidedOn: row.decidedOn },
    });
    return row;
  });
  forgetRateTables();
  return entry;
}
