import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import type { CaseFile } from '../db/generated/client';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { ClaimDeclarationData, DeclaredClaim, SupportingDocument } from '../letters/claim-declaration';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { balancesOn, loadLedger } from '../cases/file-ledger';
import { agencyIdentity, creditorParty, safeFileName } from '../payments/letter-parties';
import { DECLARATION_MESSAGES as M } from './messages';
import { declarationDeadlineOf, openingOf, type Opening } from './opening';

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

/** Kept for callers that name the refusals: the catalogue keys of lib/insolvency/messages.ts. */
export const RATE_MISSING = M.rateMissing;
export const NO_PROCEEDINGS = M.noProceedings;

export interface DeclaredAmounts {
  /** Due on or before the judgment day. */
  due: DeclaredClaim[];
  /** Born before the judgment, falling due after it (« sommes à échoir »). */
  toFallDue: DeclaredClaim[];
  dueCents: number;
  toFallDueCents: number;
}

/**
 * What a file's claims born before the opening judgment amounted to on the judgment day (L622-25): principal still
 * due, interest and the €40 indemnity stopped there (L622-28, lib/interest/balances.ts), payments received up to that
 * day deducted. Claims born on or after it are not declared (L622-17: paid at their due date). Never an amount priced
 * on a rate not entered yet.
 */
export async function declaredAmounts(
  tx: Tx,
  file: Pick<CaseFile, 'tenantId' | 'id'> & { formalNoticeOn: Date | string | null },
  openedOn: string,
): Promise<DeclaredAmounts> {
  const ledger = await loadLedger(tx, file);
  const before = { ...ledger, allocations: ledger.allocations.filter((a) => a.on <= openedOn) };
  const owed = await balancesOn(tx, file, openedOn, before);
  const issued = new Map(ledger.claims.map((c) => [c.id, c.issuedOn]));
  const due: DeclaredClaim[] = [];
  const toFallDue: DeclaredClaim[] = [];
  for (const c of owed.claims) {
    const issuedOn = issued.get(c.claimId) ?? c.dueOn;
    if (issuedOn >= openedOn || c.totalDueCents <= 0) continue;
    if (c.charges.estimated) throw new AppError('CONFLICT', M.rateMissing);
    (c.dueOn <= openedOn ? due : toFallDue).push({
      invoiceNumber: c.invoiceNumber,
      issuedOn,
      dueOn: c.dueOn,
      principalCents: c.principalCents,
      interestCents: c.interestDueCents,
      indemnityCents: c.indemnityDueCents,
      dueCents: c.totalDueCents,
    });
  }
  const sum = (claims: DeclaredClaim[]) => claims.reduce((t, c) => t + c.dueCents, 0);
  return { due, toFallDue, dueCents: sum(due), toFallDueCents: sum(toFallDue) };
}

/** The mandataire judiciaire as the event names him, or a blank addressee the agent completes by hand. */
function addresseeOf(opening: Opening, debtorName: string): ClaimDeclarationData['addressee'] {
  const attention = `Procédure de ${PROCEEDINGS[opening.kind]} — ${debtorName}`;
  const a = opening.administrator;
  if (!a)
    return {
      kind: 'COMPANY',
      name: 'Mandataire judiciaire',
      attention,
      address: { lines: [], postcode: '', city: '' },
    };
  return {
    kind: 'COMPANY',
    name: a.name,
    attention: `Mandataire judiciaire — ${attention}`,
    address: { lines: [a.street], postcode: a.postcode, city: a.city },
  };
}

/** The bordereau of documents joined to the declaration (R622-23): the power, each invoice, the security's deed. */
function documentsOf(
  amounts: DeclaredAmounts,
  powerOn: string | null,
  security: ClaimDeclarationData['security'],
): SupportingDocument[] {
  return [
    { kind: 'POWER', on: powerOn },
    ...[...amounts.due, ...amounts.toFallDue].map((c) => ({
      kind: 'INVOICE' as const,
      on: c.issuedOn,
      reference: c.invoiceNumber,
    })),
    ...(security.kind === 'NONE' ? [] : [{ kind: 'SECURITY' as const, on: null, reference: security.detail }]),
  ];
}

/**
 * The declaration of a file's claims to the mandataire judiciaire (C. com. L622-24, L622-25), as filed when it was
 * (its security, the power's day), else as a draft to file. Another agency's or creditor's file is not found.
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
    const opening = await openingOf(tx, actor.tenantId, file.debtorId);
    if (!opening) throw new AppError('CONFLICT', M.noProceedings);
    const clock = await agencyClock(tx, actor.tenantId);
    const agency = await agencyIdentity(tx, actor.tenantId);
    const creditor = await creditorParty(tx, actor.tenantId, file.creditorId);
    const filed = await tx.claimDeclaration.findUnique({
      where: {
        tenantId_fileId_companyEventId: { tenantId: actor.tenantId, fileId: file.id, companyEventId: opening.id },
      },
    });
    const amounts = await declaredAmounts(tx, file, opening.occurredOn);
    const security: ClaimDeclarationData['security'] = {
      kind: filed?.security ?? 'NONE',
      detail: filed?.securityDetail ?? null,
    };
    const powerOn = filed ? dayOf(filed.powerOn) : null;

    await recordAudit(tx, actor, {
      action: 'claim_declaration.printed',
      entity: 'case_file',
      entityId: file.id,
      ip,
      details: { companyEventId: opening.id, claims: amounts.due.length + amounts.toFallDue.length },
    });
    return {
      fileName: safeFileName(`declaration-creance-${file.reference}.pdf`),
      data: {
        reference: `DC-${file.reference}`,
        date: filed ? dayOf(filed.filedOn) : clock.today,
        agency,
        creditor,
        addressee: addresseeOf(opening, file.debtor.displayName),
        debtor: { name: file.debtor.displayName, siren: file.debtor.siren },
        file: { reference: file.reference },
        proceedings: {
          label: PROCEEDINGS[opening.kind]!,
          openedOn: opening.occurredOn,
          publishedOn: opening.publishedOn,
          deadline: (await declarationDeadlineOf(tx, actor.tenantId, opening, creditor.address.postcode)).deadline,
        },
        mandatary: { powerOn },
        security,
        documents: documentsOf(amounts, powerOn, security),
        currency: file.currency.trim(),
        due: amounts.due,
        toFallDue: amounts.toFallDue,
      },
    };
  });
}
