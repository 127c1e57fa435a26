import QRCode from 'qrcode';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import type { DocumentKind, PaymentMethod } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { epcPayload } from '../letters/epc-qr';
import { formatRfReference, rfReference } from '../bank/creditor-reference';
import { activeMandateFor } from '../creditors/rules';
import { agencyIdentity } from '../payments/letter-parties';
import { amountsOfFile, type FileAmounts } from '../payments/file-amounts';
import { mandatePlanTerms } from '../payments/plan-terms';
import { canReach } from '../cases/transitions';
import { configuredProvider } from '../payment-provider/configured';
import { openFileOf } from './open-link';
import type { DebtorSession } from './rules';

/** Letters a debtor received and receipts: what the page lists for download. */
export const DEBTOR_DOCUMENT_KINDS: readonly DocumentKind[] = [
  'REMINDER_LETTER',
  'REGISTERED_LETTER',
  'FORMAL_NOTICE',
  'PRE_JUDICIAL_WARNING',
  'RECEIPT',
  'PLAN_LETTER',
];

/**
 * Everything the debtor's page shows, and nothing more: who writes and for whom, the sums from the same engine as
 * the agent's workspace, payments, letters, how to pay, and the requests the debtor made. No note, no agent's name,
 * no score, no other file — the page is built from this object alone.
 */
export interface DebtorPage {
  linkId: string;
  fileReference: string;
  debtorName: string;
  locale: 'fr' | 'en';
  agency: { name: string; legalName: string; siren: string | null; address: string };
  creditor: { name: string };
  mandate: { reference: string; since: string } | null;
  amounts: FileAmounts;
  payments: { on: string; amountCents: number; method: PaymentMethod; receiptNumber: string; reversal: boolean }[];
  documents: { id: string; kind: DocumentKind; reference: string; on: string }[];
  transfer: { holder: string; iban: string; bic: string | null; reference: string; qrSvg: string | null };
  open: { dispute: { on: string } | null; promise: { dueOn: string; amountCents: number } | null };
  suspended: boolean;
  /** What the creditor's mandate lets the agency accept at once; null when a plan exists or cannot be made. */
  planOffer: { maxMonths: number; minInstalmentCents: number } | null;
  plan: { status: 'ACTIVE' | 'AWAITING_APPROVAL'; instalments: { dueOn: string; amountCents: number }[] } | null;
  /** Card / SEPA direct debit through the provider (decision 0020): offered when the agency has its account there. */
  card: { available: boolean };
}

/** The link a session names, if it still opens a file; null otherwise (the page then asks again). */
export async function linkedFile(tx: Tx, session: DebtorSession, now: Date) {
  const link = await tx.debtorLink.findUnique({
    where: { tenantId_id: { tenantId: session.tenantId, id: session.linkId } },
  });
  if (!link || link.revokedAt || link.expiresAt <= now) return null;
  const file = await openFileOf(tx, { tenantId: link.tenantId, linkId: link.id, fileId: link.fileId });
  return file ? { link, file } : null;
}

export async function debtorPage(session: DebtorSession, now = new Date()): Promise<DebtorPage | null> {
  return inTenant({ tenantId: session.tenantId }, async (tx) => {
    const found = await linkedFile(tx, session, now);
    if (!found) return null;
    const { tenantId } = session;
    const file = await tx.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: found.file.id } } });
    const clock = await agencyClock(tx, tenantId);
    const [agency, identity, creditor, debtor, mandates, payments, documents, dispute, promise] = await Promise.all([
      tx.agency.findUniqueOrThrow({ where: { id: tenantId } }),
      agencyIdentity(tx, tenantId),
      tx.creditor.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.creditorId } } }),
      tx.debtor.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.debtorId } } }),
      tx.mandate.findMany({ where: { tenantId, creditorId: file.creditorId } }),
      tx.payment.findMany({
        where: { tenantId, fileId: file.id },
        orderBy: [{ receivedOn: 'asc' }, { recordedAt: 'asc' }],
      }),
      tx.document.findMany({
        where: { tenantId, fileId: file.id, kind: { in: [...DEBTOR_DOCUMENT_KINDS] } },
        orderBy: { createdAt: 'asc' },
      }),
      tx.dispute.findFirst({ where: { tenantId, fileId: file.id, status: 'OPEN' }, orderBy: { openedAt: 'desc' } }),
      tx.paymentPromise.findFirst({
        where: { tenantId, fileId: file.id, status: 'PENDING' },
        orderBy: { dueOn: 'asc' },
      }),
    ]);
    const amounts = await amountsOfFile(tx, file, clock.today);
    const plan = await tx.paymentPlan.findFirst({
      where: { tenantId, fileId: file.id, status: { in: ['ACTIVE', 'AWAITING_APPROVAL'] } },
      include: { instalments: { orderBy: { seq: 'asc' } } },
    });
    const terms = await mandatePlanTerms(tx, file);
    const planOffer =
      !plan && canReach(file.status, 'PAYMENT_PLAN') && amounts.totals.dueCents > 0
        ? { maxMonths: terms.maxMonths, minInstalmentCents: terms.minInstalmentCents }
        : null;
    const mandate = activeMandateFor(
      mandates.map((m) => ({ ...m, startsOn: dayOf(m.startsOn), endsOn: m.endsOn && dayOf(m.endsOn) })),
      clock.today,
    );
    const rf = rfReference(file.reference);
    const holder = identity.accountHolder ?? identity.legalName;
    // A QR code pre-fills an amount: never one resting on a rate carried forward (decision 0009).
    const qrSvg =
      amounts.totals.dueCents > 0 && !amounts.estimated
        ? await QRCode.toString(
            epcPayload({
              beneficiaryName: holder,
              iban: identity.iban,
              bic: identity.bic,
              amountCents: amounts.totals.dueCents,
              creditorReference: rf,
            }),
            { type: 'svg', errorCorrectionLevel: 'M', margin: 1 },
          )
        : null;
    return {
      linkId: found.link.id,
      fileReference: file.reference,
      debtorName: debtor.displayName,
      locale: debtor.locale === 'en' ? 'en' : 'fr',
      agency: { name: agency.name, legalName: agency.legalName, siren: agency.siren, address: agency.address },
      creditor: { name: creditor.name },
      mandate: mandate && { reference: mandate.reference, since: mandate.startsOn },
      amounts,
      payments: payments.map((p) => ({
        on: dayOf(p.receivedOn),
        amountCents: Number(p.amountCents),
        method: p.method,
        receiptNumber: p.receiptNumber,
        reversal: p.reversesId !== null,
      })),
      documents: documents
        .filter((d) => d.kind === 'RECEIPT' || d.sentOn !== null)
        .map((d) => ({ id: d.id, kind: d.kind, reference: d.reference, on: dayOf(d.sentOn ?? d.createdAt) })),
      transfer: { holder, iban: identity.iban, bic: identity.bic ?? null, reference: formatRfReference(rf), qrSvg },
      open: {
        dispute: dispute && { on: dayOf(dispute.openedAt) },
        promise: promise && { dueOn: dayOf(promise.dueOn), amountCents: Number(promise.amountCents) },
      },
      suspended: file.status === 'SUSPENDED',
      planOffer,
      card: {
        available:
          configuredProvider() !== null &&
          agency.stripeAccountId !== null &&
          file.currency === 'EUR' &&
          file.status !== 'SUSPENDED' &&
          amounts.totals.dueCents >= 100,
      },
      plan: plan && {
        status: plan.status as 'ACTIVE' | 'AWAITING_APPROVAL',
        instalments: plan.instalments.map((i) => ({ dueOn: dayOf(i.dueOn), amountCents: Number(i.amountCents) })),
      },
    };
  });
}
