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

type RateReader = Pick<Tx, 'legalRate' | 'referenceRate'>;

/** The tables as they stand in this transaction, bypassing the cache: what a write is checked against. */
export async function readRateTables(tx: RateReader, country = 'FR'): Promise<RateTables> {
  // One after the other: an interactive transaction runs its queries on one connection anyway.
  const legal = await tx.legalRate.findMany({ where: { country }, orderBy: { validFrom: 'asc' } });
  const ecb = await tx.referenceRate.findMany({ where: { kind: 'ECB_MRO' }, orderBy: { validFrom: 'asc' } });
  return {
    legal: legal.map((r) => ({
      validFrom: dayOf(r.validFrom),
      validTo: dayOf(r.validTo),
      individualBps: r.individualBps,
      otherBps: r.otherBps,
    })),
    ecb: ecb.map((r) => ({ validFrom: dayOf(r.validFrom), rateBps: r.rateBps })),
  };
}

/** A transaction or the client itself: the tables are not tenant-owned. */
export async function loadRateTables(tx: RateReader, country = 'FR'): Promise<RateTables> {
  const hit = cache.get(country);
  if (hit && hit.until > Date.now()) return hit.tables;
  const read = await readRateTables(tx, country);
  // Frozen because every caller shares the cached copy.
  const tables: RateTables = Object.freeze({
    legal: Object.freeze(read.legal.map((r) => Object.freeze(r))) as RateTables['legal'],
    ecb: Object.freeze(read.ecb.map((r) => Object.freeze(r))) as RateTables['ecb'],
  });
  cache.set(country, { until: Date.now() + TTL_MS, tables });
  return tables;
}

/** Drops the cached tables, e.g. after a new half-year's rate is published, or between tests. */
export function forgetRateTables(): void {
  cache.clear();
}
