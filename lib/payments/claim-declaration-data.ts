import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { claimDeclarationDeadline, INSOLVENCY_KINDS, livesInMetropolitanFrance } from '../cases/company-event-rules';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { ClaimDeclarationData, DeclaredClaim } from '../letters/claim-declaration';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { balancesOn, loadLedger } from '../cases/file-ledger';
import { agencyIdentity, creditorParty, safeFileName } from './letter-parties';

export const declarationRefSchema = z.object({ fileId: z.uuid() }).strict();

export interface ClaimDeclarationDocument {
  fileName: string;
  data: ClaimDeclarationData;
}

/** The proceedings as the declaration names them (C. com. L620-1, L631-1, L640-1). */
const PROCEEDINGS: Partial<Record<string, string>> = {
  SAFEGUARD: 'sauvegarde',
  RECEIVERSHIP: 'redressement judiciaire',
  LIQUIDATION: 'liquidation judiciaire',
};

/** A rate the declared amount needs is not in the tables yet (lib/interest/coverage.ts): no estimate is declared. */
export const RATE_MISSING = 'errors.claimDeclaration.rateMissing';

/** No collective proceedings are recorded against the file's debtor: there is nothing to declare. */
export const NO_PROCEEDINGS = 'errors.claimDeclaration.noProceedings';

/**
 * The declaration of a file's claims to the mandataire judiciaire (C. com. L622-24, L622-25): the claims born before
 * the first opening judgment, with what was owed on them on the judgment day — principal still due, interest and
 * the €40 indemnity stopped the day before (L622-28, lib/interest/balances.ts), payments received up to that day
 * deducted. Claims born on or after it are not declared (L622-17: paid at their due date). Another agency's or
 * creditor's file is not found.
 */
export async function claimDeclarationData({
  actor,
  fileId,
  ip,
}: {
  actor: Actor;
  fileId: unknown;
  ip?: string;
}): Promise<ClaimDeclarationDocument> {
  authorize(actor, 'files.work');
  const ref = parseInput(declarationRefSchema, { fileId });
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: ref.fileId,
        ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
      },
      include: { debtor: { select: { displayName: true, siren: true } } },
    });
    if (!file) throw AppError.notFound();
    const opening = await tx.companyEvent.findFirst({
      where: { tenantId: actor.tenantId, debtorId: file.debtorId, kind: { in: [...INSOLVENCY_KINDS] } },
      orderBy: [{ occurredOn: 'asc' }, { recordedAt: 'asc' }],
    });
    if (!opening) throw new AppError('CONFLICT', NO_PROCEEDINGS);
    const openedOn = dayOf(opening.occurredOn);
    const publishedOn = opening.publishedOn ? dayOf(opening.publishedOn) : null;
    const clock = await agencyClock(tx, actor.tenantId);
    const agency = await agencyIdentity(tx, actor.tenantId);
    const creditor = await creditorParty(tx, actor.tenantId, file.creditorId);

    // The amount « due au jour du jugement d'ouverture » (L622-25): payments received after it do not count here.
    const ledger = await loadLedger(tx, file);
    const before = { ...ledger, allocations: ledger.allocations.filter((a) => a.on <= openedOn) };
    const owed = await balancesOn(tx, file, openedOn, before);
    const issued = new Map(ledger.claims.map((c) => [c.id, c.issuedOn]));
    const due: DeclaredClaim[] = [];
    const toFallDue: DeclaredClaim[] = [];
    for (const c of owed.claims) {
      const issuedOn = issued.get(c.claimId) ?? c.dueOn;
      if (issuedOn >= openedOn || c.totalDueCents <= 0) continue;
      const line: DeclaredClaim = {
        invoiceNumber: c.invoiceNumber,
        issuedOn,
        dueOn: c.dueOn,
        principalCents: c.principalCents,
        interestCents: c.interestDueCents,
        indemnityCents: c.indemnityDueCents,
        dueCents: c.totalDueCents,
      };
      (c.dueOn <= openedOn ? due : toFallDue).push(line);
      // Like every document that states a sum (issue 14): never an amount priced on a rate not entered yet.
      if (c.charges.estimated) throw new AppError('CONFLICT', RATE_MISSING);
    }

    const reference = `DC-${file.reference}`;
    await recordAudit(tx, actor, {
      action: 'claim_declaration.printed',
      entity: 'case_file',
      entityId: file.id,
      ip,
      details: { companyEventId: opening.id, claims: due.length + toFallDue.length },
    });
    return {
      fileName: safeFileName(`declaration-creance-${file.reference}.pdf`),
      data: {
        reference,
        date: clock.today,
        agency,
        creditor,
        addressee: {
          kind: 'COMPANY',
          name: 'Mandataire judiciaire',
          attention: `Procédure de ${PROCEEDINGS[opening.kind]} — ${file.debtor.displayName}`,
          address: { lines: [], postcode: '', city: '' },
        },
        debtor: { name: file.debtor.displayName, siren: file.debtor.siren },
        file: { reference: file.reference },
        proceedings: {
          label: PROCEEDINGS[opening.kind]!,
          openedOn,
          publishedOn,
          deadline: publishedOn
            ? claimDeclarationDeadline(publishedOn, livesInMetropolitanFrance(creditor.address.postcode))
            : null,
        },
        currency: file.currency.trim(),
        due,
        toFallDue,
      },
    };
  });
}
