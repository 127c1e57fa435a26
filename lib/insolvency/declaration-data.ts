import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { ClaimDeclarationData, DeclaredClaim, SupportingDocument } from '../letters/claim-declaration';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { agencyIdentity, creditorParty, safeFileName } from '../payments/letter-parties';
import { coveredFiles } from './creditor-files';
import type { DeclaredAmounts } from './declared-amounts';
import { declarationCovering } from './filed-declaration';
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
 * The creditor's declaration to the mandataire judiciaire (C. com. L622-24, L622-25) that covers this file: every one
 * of the creditor's files against the debtor with something to declare, in one document (issue 14). As filed when it
 * was (the files it covered, its security, the power's day), else as a draft to file. Another agency's or creditor's
 * file is not found.
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
    const filed = await declarationCovering(tx, actor.tenantId, file.id, opening.id);
    // Filed: the files it covered. A draft: the creditor's files against the debtor that have something to declare.
    const candidates = await tx.caseFile.findMany({
      where: {
        tenantId: actor.tenantId,
        debtorId: file.debtorId,
        creditorId: file.creditorId,
        ...(filed ? { id: { in: filed.files.map((f) => f.fileId) } } : {}),
      },
      orderBy: { id: 'asc' },
    });
    const covered = await coveredFiles(tx, candidates, file.currency, opening.occurredOn);
    const head = candidates.find((c) => c.id === (filed?.fileId ?? file.id)) ?? file;
    const amounts = merged(covered.map((c) => c.amounts));
    const security: ClaimDeclarationData['security'] = {
      kind: filed?.security ?? 'NONE',
      detail: filed?.securityDetail ?? null,
    };
    const powerOn = filed ? dayOf(filed.powerOn) : null;
    const references = covered.length > 0 ? covered.map((c) => c.file.reference) : [file.reference];

    await recordAudit(tx, actor, {
      action: 'claim_declaration.printed',
      entity: 'case_file',
      entityId: file.id,
      ip,
      details: {
        companyEventId: opening.id,
        claims: amounts.due.length + amounts.toFallDue.length,
        files: covered.length,
      },
    });
    return {
      fileName: safeFileName(`declaration-creance-${head.reference}.pdf`),
      data: {
        reference: `DC-${head.reference}`,
        date: filed ? dayOf(filed.filedOn) : clock.today,
        agency,
        creditor,
        addressee: addresseeOf(opening, file.debtor.displayName),
        debtor: { name: file.debtor.displayName, siren: file.debtor.siren },
        file: { reference: references.join(', ') },
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

/** Several files' claims as one declaration's: each list in order of due date, then invoice. */
function merged(parts: DeclaredAmounts[]): DeclaredAmounts {
  const order = (a: DeclaredClaim, b: DeclaredClaim) =>
    a.dueOn.localeCompare(b.dueOn) || a.invoiceNumber.localeCompare(b.invoiceNumber);
  const due = parts.flatMap((p) => p.due).sort(order);
  const toFallDue = parts.flatMap((p) => p.toFallDue).sort(order);
  const sum = (claims: DeclaredClaim[]) => claims.reduce((t, c) => t + c.dueCents, 0);
  return { due, toFallDue, dueCents: sum(due), toFallDueCents: sum(toFallDue) };
}
