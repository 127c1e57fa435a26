import { addDays } from '../dates/days';
import type { ChargePeriod } from './rules';

export interface AppliedRate {
  from: string;
  to: string;
  rateBps: number;
}

/**
 * The rates a letter must show, each with the days it applied: the periods of every claim of the file, those at
 * the same rate that touch or overlap merged into one span. Pure; days are 'YYYY-MM-DD', so string order is
 * calendar order.
 */
export function appliedRates(periods: readonly ChargePeriod[]): AppliedRate[] {
  const spans: AppliedRate[] = [];
  for (const p of [...periods].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))) {
    const last = spans.at(-1);
    if (last && last.rateBps === p.rateBps && p.from <= addDays(last.to, 1)) {
      if (p.to > last.to) last.to = p.to;
    } else {
      spans.push({ from: p.from, to: p.to, rateBps: p.rateBps });
    }
  }
  return spans;
}
