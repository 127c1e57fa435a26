import { areaOf, type DebtorAddress } from '../compliance/debtor-area';
import type { HolidayRegion } from '../compliance/holidays';
import type { CourtSeat } from '../db/generated/enums';
import type { Tx } from '../db/tenant';

// The calendar a claim declaration deadline is counted in (CPC 642: a period that would end on a Saturday, Sunday or
// public holiday runs to the next working day): the court's, where the declaration is received, not the agency's.

/** Each overseas seat's holidays (lib/compliance/holidays.ts); the collectivities without their own list keep France's. */
const SEAT_CALENDAR: Record<CourtSeat, HolidayRegion> = {
  METROPOLE: 'FR',
  GUADELOUPE: 'FR_GUADELOUPE',
  MARTINIQUE: 'FR_MARTINIQUE',
  GUYANE: 'FR_GUYANE',
  REUNION: 'FR_REUNION',
  MAYOTTE: 'FR_MAYOTTE',
  SAINT_BARTHELEMY: 'FR_SAINT_BARTHELEMY',
  SAINT_MARTIN: 'FR_SAINT_MARTIN',
  SAINT_PIERRE_ET_MIQUELON: 'FR',
  WALLIS_ET_FUTUNA: 'FR',
  POLYNESIE_FRANCAISE: 'FR',
};

/**
 * The holidays of the court that opened the proceedings: its seat's, and for a metropolitan court Alsace-Moselle's when
 * the debtor's address lies in Bas-Rhin, Haut-Rhin or Moselle (the court of the debtor's seat opens them, R600-1; those
 * three departments keep Good Friday and 26 December, C. trav. L3134-13). Pure.
 */
export function proceedingsCalendar(seat: CourtSeat, debtorAddress: DebtorAddress | null): HolidayRegion {
  if (seat !== 'METROPOLE') return SEAT_CALENDAR[seat];
  return areaOf(debtorAddress)?.holidayRegion === 'FR_ALSACE_MOSELLE' ? 'FR_ALSACE_MOSELLE' : 'FR';
}

/** The debtor's postal address the court is read from: a valid one first, then the latest (as the migration did). */
export async function debtorSeatAddress(tx: Tx, tenantId: string, debtorId: string): Promise<DebtorAddress | null> {
  const address = await tx.contactPoint.findFirst({
    where: { tenantId, debtorId, kind: 'ADDRESS' },
    orderBy: [{ createdAt: 'desc' }],
    select: { postcode: true, country: true, status: true },
  });
  const valid = await tx.contactPoint.findFirst({
    where: { tenantId, debtorId, kind: 'ADDRESS', status: 'VALID' },
    orderBy: [{ createdAt: 'desc' }],
    select: { postcode: true, country: true },
  });
  return valid ?? address;
}
