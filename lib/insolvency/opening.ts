import { claimDeclarationDeadline, INSOLVENCY_KINDS } from '../cases/company-event-rules';
import { declarationPeriodExtended, type ResidenceAddress } from '../cases/court-seat';
import type { HolidayRegion } from '../compliance/holidays';
import { dayOf } from '../dates/days';
import type { CompanyEventKind, CourtSeat } from '../db/generated/enums';
import type { Tx } from '../db/tenant';

/** The opening judgment of collective proceedings a declaration answers, with the mandataire it appointed. */
export interface Opening {
  id: string;
  kind: CompanyEventKind;
  occurredOn: string;
  publishedOn: string | null;
  /** Where the court that opened the proceedings sits (R622-24 al. 2, 3). */
  courtSeat: CourtSeat;
  /** The court's calendar the deadline is counted in (CPC 642, decision 0021). */
  holidayRegion: HolidayRegion;
  administrator: { name: string; street: string; postcode: string; city: string } | null;
}

/**
 * The first opening judgment recorded against the debtor: a conversion to liquidation opens nothing new for claims
 * born before it (C. com. L622-28, L631-14, L641-3), so the declaration answers the first one.
 */
export async function openingOf(tx: Tx, tenantId: string, debtorId: string): Promise<Opening | null> {
  const e = await tx.companyEvent.findFirst({
    where: { tenantId, debtorId, kind: { in: [...INSOLVENCY_KINDS] } },
    orderBy: [{ occurredOn: 'asc' }, { recordedAt: 'asc' }],
  });
  if (!e) return null;
  // The mandataire may be named on a later event (the conversion's liquidator, or the same judgment recorded again).
  const named = await tx.companyEvent.findFirst({
    where: { tenantId, debtorId, kind: { in: [...INSOLVENCY_KINDS] }, administratorName: { not: null } },
    orderBy: [{ occurredOn: 'desc' }, { recordedAt: 'desc' }],
  });
  return {
    id: e.id,
    kind: e.kind,
    occurredOn: dayOf(e.occurredOn),
    publishedOn: e.publishedOn ? dayOf(e.publishedOn) : null,
    // The database requires a seat on every opening judgment (company_event_court_seat).
    courtSeat: e.courtSeat!,
    // Recorded with the seat (company_event_holiday_region).
    holidayRegion: e.holidayRegion as HolidayRegion,
    administrator: named
      ? {
          name: named.administratorName!,
          street: named.administratorStreet!,
          postcode: named.administratorPostcode!,
          city: named.administratorCity!,
        }
      : null,
  };
}

/**
 * The declaration deadline in the court's calendar (R622-24, CPC 642), or null while the publication is unknown; the
 * period is extended when the creditor does not live where the court sits (`extended`).
 */
export function declarationDeadlineOf(
  opening: Pick<Opening, 'publishedOn' | 'courtSeat' | 'holidayRegion'>,
  creditor: ResidenceAddress,
): { deadline: string | null; extended: boolean } {
  const extended = declarationPeriodExtended(opening.courtSeat, creditor);
  if (!opening.publishedOn) return { deadline: null, extended };
  return {
    deadline: claimDeclarationDeadline(opening.publishedOn, extended, { region: opening.holidayRegion }),
    extended,
  };
}
