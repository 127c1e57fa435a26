import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { ClaimDeclarationData, DeclaredClaim, SupportingDocument } from '../letters/claim-declaration';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { agencyIdentity, creditorParty, safeFileName } from '../payments/letter-parties';
import { coveredFiles, type CoveredFile } from './creditor-files';
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
    const document = await declarationLetter(tx, {
      tenantId: actor.tenantId,
      creditorId: file.creditorId,
      debtor: file.debtor,
      opening,
      head,
      covered: covered.length > 0 ? covered : [{ file, amounts: NOTHING }],
      filing: filed
        ? {
            filedOn: dayOf(filed.filedOn),
            powerOn: dayOf(filed.powerOn),
            security: { kind: filed.security, detail: filed.securityDetail },
          }
        : { filedOn: clock.today, powerOn: null, security: { kind: 'NONE', detail: null } },
    });
    await recordAudit(tx, actor, {
      action: 'claim_declaration.printed',
      entity: 'case_file',
      entityId: file.id,
      ip,
      details: {
        companyEventId: opening.id,
        claims: document.data.due.length + document.data.toFallDue.length,
        files: covered.length,
      },
    });
    return document;
  });
}

const NOTHING: DeclaredAmounts = { due: [], toFallDue: [], dueCents: 0, toFallDueCents: 0 };

/**
 * The letter of one creditor's declaration: the claims of every file it covers, headed by the file it is filed
 * from, dated the day it is filed (or today for a draft), with the power's day and the security it invokes. The
 * one builder of the letter, for the draft, the download and the copy stored when it is filed.
 */
export async function declarationLetter(
  tx: Tx,
  d: {
    tenantId: string;
    creditorId: string;
    debtor: { displayName: string; siren: string | null };
    opening: Opening;
    head: { reference: string; currency: string };
    covered: readonly CoveredFile[];
    filing: { filedOn: string; powerOn: string | null; security: ClaimDeclarationData['security'] };
    /** A linked declaration (decision 0021): what it amends, and its own reference's suffix (C1, R1…). */
    amends?: { data: NonNullable<ClaimDeclarationData['amends']>; suffix: string };
  },
): Promise<ClaimDeclarationDocument> {
  const agency = await agencyIdentity(tx, d.tenantId);
  const creditor = await creditorParty(tx, d.tenantId, d.creditorId);
  const amounts = merged(d.covered.map((c) => c.amounts));
  const { powerOn, security } = d.filing;
  const reference = `DC-${d.head.reference}${d.amends ? `-${d.amends.suffix}` : ''}`;
  return {
    fileName: safeFileName(`declaration-creance-${reference.slice(3)}.pdf`),
    data: {
      reference,
      date: d.filing.filedOn,
      agency,
      creditor,
      addressee: addresseeOf(d.opening, d.debtor.displayName),
      debtor: { name: d.debtor.displayName, siren: d.debtor.siren },
      file: { reference: d.covered.map((c) => c.file.reference).join(', ') },
      proceedings: {
        label: PROCEEDINGS[d.opening.kind]!,
        openedOn: d.opening.occurredOn,
        publishedOn: d.opening.publishedOn,
        deadline: declarationDeadlineOf(d.opening, {
          postcode: creditor.address.postcode,
          country: creditor.address.country ?? 'FR',
        }).deadline,
      },
      mandatary: { powerOn },
      security,
      documents: documentsOf(amounts, powerOn, security),
      currency: d.head.currency.trim(),
      due: amounts.due,
      toFallDue: amounts.toFallDue,
      ...(d.amends ? { amends: d.amends.data } : {}),
    },
  };
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
