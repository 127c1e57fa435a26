import type { Tx } from '../db/tenant';
import type { RateTables } from './rules';
import { dayOf } from '../dates/days';

/**
 * The rate tables as the pure engine reads them. They change twice a year at most (legal rate) or a few
 * times a year (ECB), and every file page needs them, so one read serves the process for ten minutes.
 * Neither table is tenant-owned: any transaction can read them.
 */

const TTL_MS = 10 * 60 * 1000;
const cache = new Map<string, { until: number; tables: RateTables }>();

/** A transaction or the client itself: the tables are not tenant-owned. */
export async function loadRateTables(tx: Pick<Tx, 'legalRate' | 'referenceRate'>, country = 'FR'): Promise<RateTables> {
  const hit = cache.get(country);
  if (hit && hit.until > Date.now()) return hit.tables;

  // One after the other: an interactive transaction runs its queries on one connection anyway.
  const legal = await tx.legalRate.findMany({ where: { country }, orderBy: { validFrom: 'asc' } });
  const ecb = await tx.referenceRate.findMany({ where: { kind: 'ECB_MRO' }, orderBy: { validFrom: 'asc' } });
  // Frozen because every caller shares the cached copy.
  const tables: RateTables = Object.freeze({
    legal: Object.freeze(
      legal.map((r) =>
        Object.freeze({
          validFrom: dayOf(r.validFrom),
          validTo: dayOf(r.validTo),
          individualBps: r.individualBps,
          otherBps: r.otherBps,
        }),
      ),
    ) as RateTables['legal'],
    ecb: Object.freeze(
      ecb.map((r) => Object.freeze({ validFrom: dayOf(r.validFrom), rateBps: r.rateBps })),
    ) as RateTables['ecb'],
  });
  cache.set(country, { until: Date.now() + TTL_MS, tables });
  return tables;
}

/** Drops the cached tables, e.g. after a new half-year's rate is published, or between tests. */
export function forgetRateTables(): void {
  cache.clear();
}
