import { frenchDay } from '../dates/days';
import type { MessageRef } from '../i18n/message-ref';
// Pure rules about mandates: no I/O, no clock. Days are calendar days written YYYY-MM-DD, which compare
// correctly as strings.

export type MandateState = 'ACTIVE' | 'NOT_STARTED' | 'EXPIRED';

export interface MandatePeriod {
  startsOn: string;
  /** Last day the mandate is in force (inclusive); null for a mandate without an end date. */
  endsOn: string | null;
}

export function mandateState(mandate: MandatePeriod, today: string): MandateState {
  if (today < mandate.startsOn) return 'NOT_STARTED';
  if (mandate.endsOn !== null && today > mandate.endsOn) return 'EXPIRED';
  return 'ACTIVE';
}

/** The mandate files are placed under today: of those in force, the one that started last (a renewal). */
export function activeMandateFor<M extends MandatePeriod>(mandates: readonly M[], today: string): M | null {
  let best: M | null = null;
  for (const m of mandates) {
    if (mandateState(m, today) !== 'ACTIVE') continue;
    if (best === null || m.startsOn > best.startsOn) best = m;
  }
  return best;
}

export interface CreditorLabel {
  name: string;
  code: string;
}

/**
 * Why no file can be placed for this creditor today (CPCE R124-3: the agency acts only under a written
 * mandate in force), or null when a mandate is active. A mandate yet to start is named before an expired
 * one: it is the renewal the agency is waiting for.
 */
export function intakeRefusal(
  creditor: CreditorLabel,
  mandates: readonly (MandatePeriod & { reference: string })[],
  today: string,
): MessageRef | null {
  const who = { creditor: creditor.name, code: creditor.code };
  if (mandates.length === 0) return { key: 'mandate.none', values: who };
  if (activeMandateFor(mandates, today)) return null;
  const upcoming = mandates
    .filter((m) => mandateState(m, today) === 'NOT_STARTED')
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1))[0];
  if (upcoming) {
    return {
      key: 'mandate.notStarted',
      values: { ...who, mandate: upcoming.reference, day: frenchDay(upcoming.startsOn) },
    };
  }
  const lastEnded = mandates.reduce((a, b) => ((a.endsOn ?? '') >= (b.endsOn ?? '') ? a : b));
  return {
    key: 'mandate.expired',
    values: { ...who, mandate: lastEnded.reference, day: frenchDay(lastEnded.endsOn ?? '') },
  };
}
