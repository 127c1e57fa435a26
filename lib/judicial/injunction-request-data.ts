import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { balancesOn, loadLedger } from '../cases/file-ledger';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { formatDateLong } from '../letters/format';
import type { Exhibit, InjunctionRequestData, RequestClaim } from '../letters/injunction-request';
import { agencyIdentity, creditorParty, debtorAddressee, safeFileName } from '../payments/letter-parties';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

export const procedureRefSchema = z.object({ procedureId: z.uuid() }).strict();

/** A rate the amount needs is not in the tables yet: no estimate goes to a court. */
export const REQUEST_RATE_MISSING = 'judicial.errors.rateMissing';
/** Only an order to pay has a request to print. */
export const NOT_AN_INJUNCTION = 'judicial.errors.notAnInjunction';

// French only (the request goes to a French court): the words of each claim's basis and of its interest's.
const BASIS: Record<string, string> = {
  B2B: 'Factures de fournitures ou de prestations de services entre professionnels, demeurées impayées à leur échéance.',
  CONSUMER: 'Factures de biens ou de services fournis à un consommateur, demeurées impayées à leur échéance.',
  CIVIL: 'Créance civile constatée par les pièces produites, demeurée impayée à son échéance.',
};

function interestBasis(nature: string, contractRateBps: number | null): string {
  if (nature !== 'B2B') return 'intérêts au taux légal à compter de la mise en demeure (article 1231-6 du Code civil).';
  return contractRateBps !== null
    ? 'pénalités de retard prévues aux conditions générales de vente, au moins égales à trois fois le taux de ' +
        'l’intérêt légal (article L441-10 II du Code de commerce), exigibles sans rappel à compter de l’échéance.'
    : 'pénalités de retard au taux de la Banque centrale européenne majoré de 10 points (article L441-10 II du ' +
        'Code de commerce), exigibles sans rappel à compter de l’échéance.';
}

/**
 * The request for an order to pay of a file's running (or past) injunction procedure, with every mention CPC 1407
 * and 57 ask: the parties, the amount split into principal, interest and other sums per claim counted to today, the
 * basis of each claim, and the list of exhibits (the mandate, each invoice, the formal notice and the pre-judicial
 * warning as sent). Another agency's or creditor's procedure is not found.
 */
export async function injunctionRequestData({
  actor,
  procedureId,
  ip,
  now = new Date(),
}: {
  actor: Actor;
  procedureId: unknown;
  ip?: string;
  now?: Date;
}): Promise<{ fileName: string; data: InjunctionRequestData }> {
  authorize(actor, 'judicial.work');
  const ref = parseInput(procedureRefSchema, { procedureId });
  return inTenant(scopeOf(actor), async (tx) => {
    const procedure = await tx.judicialProcedure.findFirst({
      where: { tenantId: actor.tenantId, id: ref.procedureId },
    });
    if (!procedure) throw AppError.notFound();
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id: procedure.fileId },
      include: { debtor: { select: { siren: true } }, mandate: { select: { reference: true, startsOn: true } } },
    });
    if (!file) throw AppError.notFound();
    if (procedure.route !== 'INJONCTION_DE_PAYER') throw new AppError('CONFLICT', NOT_AN_INJUNCTION);
    const clock = await agencyClock(tx, actor.tenantId, now);
    const agency = await agencyIdentity(tx, actor.tenantId);
    const creditor = await creditorParty(tx, actor.tenantId, file.creditorId);
    const creditorRow = await tx.creditor.findFirstOrThrow({
      where: { tenantId: actor.tenantId, id: file.creditorId },
      select: { siren: true },
    });
    const { addressee } = await debtorAddressee(tx, file);

    const ledger = await loadLedger(tx, file);
    const owed = await balancesOn(tx, file, clock.today, ledger);
    const terms = await tx.claim.findMany({
      where: { tenantId: actor.tenantId, fileId: file.id },
      select: { id: true, nature: true, contractRateBps: true, issuedOn: true },
    });
    const termsOf = new Map(terms.map((t) => [t.id, t]));
    const claims: RequestClaim[] = [];
    for (const c of owed.claims) {
      if (c.totalDueCents <= 0) continue;
      if (c.charges.estimated) throw new AppError('CONFLICT', REQUEST_RATE_MISSING);
      const t = termsOf.get(c.claimId)!;
      claims.push({
        invoiceNumber: c.invoiceNumber,
        issuedOn: dayOf(t.issuedOn),
        dueOn: c.dueOn,
        principalCents: c.principalDueCents,
        interestCents: c.interestDueCents,
        otherCents: c.indemnityDueCents,
        basis: BASIS[t.nature]!,
        interestBasis: interestBasis(t.nature, t.contractRateBps),
      });
    }

    const letters = await tx.document.findMany({
      where: {
        tenantId: actor.tenantId,
        fileId: file.id,
        kind: { in: ['FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING'] },
        sentOn: { not: null },
      },
      select: { kind: true, reference: true, sentOn: true },
      orderBy: { sentOn: 'asc' },
    });
    const notice = letters.find((l) => l.kind === 'FORMAL_NOTICE');
    const exhibits: Exhibit[] = [
      {
        label: `Mandat de recouvrement n° ${file.mandate.reference} du ${formatDateLong(dayOf(file.mandate.startsOn), 'fr')}`,
      },
      ...claims.map((c) => ({ label: `Facture n° ${c.invoiceNumber} du ${formatDateLong(c.issuedOn, 'fr')}` })),
      // Between businesses the penalties rest on the terms of sale (L441-10 I: they must state them).
      ...(terms.some((t) => t.nature === 'B2B') ? [{ label: 'Conditions générales de vente du requérant' }] : []),
      ...letters.map((l) => ({
        label:
          `${l.kind === 'FORMAL_NOTICE' ? 'Mise en demeure' : 'Avertissement avant poursuites judiciaires'} ` +
          `réf. ${l.reference} du ${formatDateLong(dayOf(l.sentOn!), 'fr')}`,
      })),
      { label: `Décompte de la créance arrêté au ${formatDateLong(clock.today, 'fr')}` },
    ];

    const company = addressee.kind === 'COMPANY';
    await recordAudit(tx, actor, {
      action: 'injunction_request.printed',
      entity: 'judicial_procedure',
      entityId: procedure.id,
      ip,
      details: { claims: claims.length },
    });
    return {
      fileName: safeFileName(`requete-injonction-${file.reference}.pdf`),
      data: {
        reference: `IP-${file.reference}`,
        date: clock.today,
        agency,
        creditor: { ...creditor, siren: creditorRow.siren },
        debtor: { ...addressee, siren: file.debtor.siren },
        // CPC 1406: the court of the place where the debtor lives; between traders the tribunal de commerce.
        court: {
          name: company ? 'Tribunal de commerce' : 'Tribunal judiciaire',
          place: [addressee.address.postcode, addressee.address.city].filter(Boolean).join(' '),
        },
        file: { reference: file.reference },
        mandate: { reference: file.mandate.reference, startsOn: dayOf(file.mandate.startsOn) },
        currency: file.currency.trim(),
        claims,
        countedTo: clock.today,
        formalNotice: notice ? { reference: notice.reference, sentOn: dayOf(notice.sentOn!) } : null,
        exhibits,
      },
    };
  });
}
