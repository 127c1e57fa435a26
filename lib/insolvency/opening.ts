import { claimDeclarationDeadline, INSOLVENCY_KINDS } from '../cases/company-event-rules';
import { dayOf } from '../dates/days';
import type { CompanyEventKind } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { agencyWindow } from '../compliance/agency-window';

/** The opening judgment of collective proceedings a declaration answers, with the mandataire it appointed. */
export interface Opening {
  id: string;
  kind: CompanyEventKind;
  occurredOn: string;
  publishedOn: string | null;
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

/** The declaration deadline in the agency's calendar (R622-24, CPC 642), or null while the publication is unknown. */
export async function declarationDeadlineOf(
  tx: Tx,
  tenantId: string,
  opening: Pick<Opening, 'publishedOn'>,
  creditorInMetropolitanFrance: boolean,
): Promise<string | null> {
  if (!opening.publishedOn) return null;
  const { holidayRegion } = await agencyWindow(tx, tenantId);
  return claimDeclarationDeadline(opening.publishedOn, creditorInMetropolitanFrance, { region: holidayRegion });
}
