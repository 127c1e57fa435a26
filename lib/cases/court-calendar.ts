import { areaOf, type DebtorAddress } from '../compliance/debtor-area';
import type { HolidayRegion } from '../compliance/holidays';
import type { CourtSeat } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { agencyWindow } from '../compliance/agency-window';
import { territoryOf } from './court-seat';

// The calendar a court deadline is counted in (CPC 642: a period that would end on a Saturday, Sunday or public holiday
// runs to the next working day): the court's, not the agency's — the court that opened collective proceedings for a
// claim declaration, the court of the debtor's domicile for a judicial procedure. The one home of that lookup.

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

/**
 * The holidays of the court a judicial procedure goes before: the court of the debtor's domicile (CPC 42; 1406 for an
 * order to pay), read from its address as for proceedings — the seat of its territory, Alsace-Moselle for a
 * metropolitan address there — and `fallback`, the agency's own calendar, for a debtor with no French address. Pure.
 */
export function domicileCourtCalendar(address: DebtorAddress | null, fallback: HolidayRegion): HolidayRegion {
  const postcode = (address?.postcode ?? '').replace(/\s/g, '');
  const written = (address?.country ?? '').trim().toUpperCase();
  const country = written === '' || written === 'FRA' || written === 'FRANCE' ? 'FR' : written;
  if (!address || (country === 'FR' && !/^\d{5}$/.test(postcode))) return fallback;
  const territory = territoryOf({ postcode, country });
  return territory === 'ELSEWHERE' ? fallback : proceedingsCalendar(territory, { postcode, country });
}

/** The calendar of the court of a file's debtor's domicile, when a procedure starts (lib/judicial/start-procedure.ts). */
export async function procedureCourtCalendar(tx: Tx, tenantId: string, fileId: string): Promise<HolidayRegion> {
  const file = await tx.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId }, select: { debtorId: true } });
  const address = await debtorSeatAddress(tx, tenantId, file.debtorId);
  return domicileCourtCalendar(address, (await agencyWindow(tx, tenantId)).holidayRegion);
}
