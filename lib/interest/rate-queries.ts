import { agencyToday } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize, can } from '../tenancy/permissions';
import { nextLegalHalfYear, rateCoverage, type HalfYear, type RateCoverage } from './coverage';
import { loadRateTables } from './load-rates';

// Reads for the rate page and for the warning every agency page carries.

export interface RateSource {
  decidedOn: string;
  publishedRef: string | null;
}
export interface RatesView {
  today: string;
  coverage: RateCoverage;
  /** Newest first, as a person reads a table of rates. */
  legal: ({ validFrom: string; validTo: string; individualBps: number; otherBps: number } & RateSource)[];
  ecb: ({ validFrom: string; rateBps: number } & RateSource)[];
  /** The half-year an admin enters next. */
  nextLegal: HalfYear | null;
  canAdd: boolean;
}

export async function ratesView({ actor }: { actor: Actor }): Promise<RatesView> {
  authorize(actor, 'rates.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const today = await agencyToday(tx, actor.tenantId);
    const legal = await tx.legalRate.findMany({ where: { country: 'FR' }, orderBy: { validFrom: 'desc' } });
    const ecb = await tx.referenceRate.findMany({ where: { kind: 'ECB_MRO' }, orderBy: { validFrom: 'desc' } });
    const source = (r: { decidedOn: Date; publishedRef: string | null }) => ({
      decidedOn: dayOf(r.decidedOn),
      publishedRef: r.publishedRef,
    });
    const view = {
      legal: legal.map((r) => ({
        validFrom: dayOf(r.validFrom),
        validTo: dayOf(r.validTo),
        individualBps: r.individualBps,
        otherBps: r.otherBps,
        ...source(r),
      })),
      ecb: ecb.map((r) => ({ validFrom: dayOf(r.validFrom), rateBps: r.rateBps, ...source(r) })),
    };
    return {
      today,
      coverage: rateCoverage(view, today),
      ...view,
      nextLegal: nextLegalHalfYear(view),
      canAdd: can(actor, 'rates.manage'),
    };
  });
}

/**
 * Which tables no longer cover the agency's today, for the banner of every agency page; null when both do.
 * Served from the cached tables: one small query for the agency's day.
 */
export async function staleRates({ actor }: { actor: Actor }): Promise<RateCoverage | null> {
  return inTenant(scopeOf(actor), async (tx) => {
    const today = await agencyToday(tx, actor.tenantId);
    const coverage = rateCoverage(await loadRateTables(tx), today);
    return coverage.legal && coverage.ecb ? null : coverage;
  });
}
