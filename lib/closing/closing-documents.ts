import { env } from '../config/env';
import { balancesOn } from '../cases/file-ledger';
import type { LockedFile } from '../cases/file-store';
import type { Tx } from '../db/tenant';
import { timelineRenderer } from '../history/render';
import { translatorFor } from '../i18n/translate';
import type { Locale } from '../i18n/locales';
import { renderClosingReport, type ClosingReportData } from '../letters/closing-report';
import { formatDateLong } from '../letters/format';
import { renderIrrecoverabilityCertificate } from '../letters/irrecoverability-certificate';
import { derivedKey, storeBuffer } from '../storage/documents';
import { certifiesVat, splitVat, type ClosingReason } from './rules';

// The closing's documents (issue 16): the report to the creditor, and for an irrecoverable B2B claim the certificate
// of irrecoverability (CGI art. 272). Written in the closing's transaction from the file's records, stored as
// documents of the file (storage keys derived from the closing, so a retried transaction overwrites the same
// objects), and e-mailed to the creditor's users through the outbox with the report attached.

export interface ClosingRow {
  id: string;
  reason: ClosingReason;
  note: string | null;
  evidenceName: string | null;
  evidenceSha256: string | null;
  vatRateBps: number;
  owedCents: number;
  decidedBy: string | null;
}

/** The kind of action each timeline line counts as in the report (lines of other kinds are not actions). */
const ACTION_OF: Record<string, string> = {
  'contact.call': 'call',
  'contact.email': 'email',
  'email.sent': 'email',
  'sms.sent': 'sms',
  'contact.visit': 'visit',
  'letter.sent': 'letter',
  'plan.created': 'plan',
  'promise.kept': 'promise',
  'promise.broken': 'promise',
  'dispute.resolved': 'dispute',
  'debtor.located': 'search',
};
const ACTION_ORDER = ['letter', 'call', 'email', 'sms', 'visit', 'search', 'promise', 'plan', 'dispute'];

/** Judicial steps as the timeline holds them (the escalation today; procedures add their own kinds). */
const isJudicial = (kind: string) => kind.startsWith('escalation.') || kind.startsWith('procedure.');

const FRENCH_ACTIONS: Record<string, string> = {
  letter: 'courrier(s)',
  call: 'appel(s)',
  email: 'courriel(s)',
  sms: 'SMS',
  visit: 'visite(s)',
  search: 'recherche(s) d’adresse',
  promise: 'promesse(s) de paiement suivie(s)',
  plan: 'échéancier(s)',
  dispute: 'contestation(s) traitée(s)',
};

const day = (d: Date) => d.toISOString().slice(0, 10);

export interface ClosingDocuments {
  reportDocumentId: string;
  certificateDocumentId: string | null;
  /** Outbox e-mails to hand to the sender after COMMIT. */
  messageIds: string[];
}

export async function writeClosingDocuments(
  tx: Tx,
  {
    file,
    closing,
    today,
    timeZone,
    now,
    mail = true,
  }: { file: LockedFile; closing: ClosingRow; today: string; timeZone: string; now: Date; mail?: boolean },
): Promise<ClosingDocuments> {
  const tenantId = file.tenantId;
  const [head] = await tx.$queryRaw<
    {
      agencyName: string;
      legalName: string;
      agencyAddress: string;
      agencySiren: string | null;
      creditorName: string;
      creditorSiren: string | null;
      creditorAddress: string;
      debtorName: string;
      debtorKind: 'PERSON' | 'COMPANY';
      debtorSiren: string | null;
      collected: bigint;
      deciderName: string | null;
    }[]
  >`
    SELECT a.name AS "agencyName", a.legal_name AS "legalName", a.address AS "agencyAddress", a.siren AS "agencySiren",
           c.name AS "creditorName", c.siren AS "creditorSiren",
           concat_ws(', ', c.address, concat_ws(' ', c.postcode, c.city)) AS "creditorAddress",
           d.display_name AS "debtorName", d.kind::text AS "debtorKind", d.siren AS "debtorSiren",
           f.collected_cents AS collected, i.name AS "deciderName"
      FROM case_file f
      JOIN agency a ON a.id = f.tenant_id
      JOIN creditor c ON c.tenant_id = f.tenant_id AND c.id = f.creditor_id
      JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
      LEFT JOIN membership m ON m.tenant_id = f.tenant_id AND m.id = ${closing.decidedBy}::uuid
      LEFT JOIN identity i ON i.id = m.identity_id
     WHERE f.tenant_id = ${tenantId}::uuid AND f.id = ${file.id}::uuid`;
  const [address] = await tx.$queryRaw<{ line: string }[]>`
    SELECT concat_ws(', ', line1, concat_ws(' ', postcode, city)) AS line FROM contact_point
     WHERE tenant_id = ${tenantId}::uuid AND debtor_id = ${file.debtorId}::uuid AND kind = 'ADDRESS'
     ORDER BY (status = 'VALID') DESC, created_at DESC LIMIT 1`;
  const claims = await tx.$queryRaw<
    { id: string; invoiceNumber: string; issuedOn: string; dueOn: string; principal: bigint }[]
  >`
    SELECT id::text, invoice_number AS "invoiceNumber", issued_on::text AS "issuedOn", due_on::text AS "dueOn",
           principal_cents AS principal
      FROM claim WHERE tenant_id = ${tenantId}::uuid AND file_id = ${file.id}::uuid
     ORDER BY due_on, invoice_number`;
  const balances = await balancesOn(tx, file, today);
  const dueOf = new Map(balances.claims.map((b) => [b.claimId, b.principalDueCents]));
  const payments = await tx.$queryRaw<{ on: string; amount: bigint; reversal: boolean }[]>`
    SELECT received_on::text AS "on", amount_cents AS amount, reverses_id IS NOT NULL AS reversal
      FROM payment WHERE tenant_id = ${tenantId}::uuid AND file_id = ${file.id}::uuid
     ORDER BY received_on, recorded_at`;
  const [commission] = await tx.$queryRaw<{ cents: bigint | null }[]>`
    SELECT sum(l.amount_cents)::bigint AS cents
      FROM journal_line l JOIN journal_entry e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
     WHERE l.tenant_id = ${tenantId}::uuid AND e.file_id = ${file.id}::uuid AND l.account = 'COMMISSION_RECEIVABLE'
       AND e.kind IN ('COMMISSION', 'COMMISSION_REVERSAL')`;
  const costs = await fileCosts(tx, tenantId, file.id);
  const letters = await tx.$queryRaw<{ on: string; kind: string; reference: string }[]>`
    SELECT coalesce(sent_on, created_at::date)::text AS "on", kind::text, reference FROM document
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${file.id}::uuid
       AND kind IN ('REMINDER_LETTER', 'REGISTERED_LETTER', 'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING')
     ORDER BY created_at`;
  const lines = await tx.$queryRaw<{ kind: string; details: unknown; at: Date }[]>`
    SELECT kind, details, occurred_at AS at FROM activity
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${file.id}::uuid ORDER BY occurred_at`;

  const counts = new Map<string, number>();
  for (const l of lines) {
    const action = ACTION_OF[l.kind];
    if (action) counts.set(action, (counts.get(action) ?? 0) + 1);
  }
  const actions = ACTION_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
  // The report is the creditor's: French, the language of the mandate (the portal shows the same file in either).
  const locale: Locale = 'fr';
  const render = timelineRenderer(locale, timeZone);
  const h = head!;
  const placedOn = day(file.placedAt);
  const report: ClosingReportData = {
    locale,
    date: today,
    agency: { name: h.agencyName, legalName: h.legalName, address: h.agencyAddress },
    creditor: { name: h.creditorName, address: h.creditorAddress },
    debtor: { name: h.debtorName, kind: h.debtorKind },
    file: { reference: file.reference, placedOn },
    currency: file.currency.trim(),
    closing: {
      reason: closing.reason,
      decidedOn: today,
      decidedBy: h.deciderName,
      note: closing.note,
      evidenceName: closing.evidenceName,
      owedCents: closing.owedCents,
    },
    claims: claims.map((c) => ({
      invoiceNumber: c.invoiceNumber,
      dueOn: c.dueOn,
      principalCents: Number(c.principal),
      principalDueCents: dueOf.get(c.id) ?? 0,
    })),
    placedCents: claims.reduce((s, c) => s + Number(c.principal), 0),
    payments: payments.map((p) => ({ on: p.on, amountCents: (p.reversal ? -1 : 1) * Number(p.amount) })),
    collectedCents: Number(h.collected),
    costs: [
      ...(commission?.cents ? [{ kind: 'COMMISSION' as const, amountCents: Number(commission.cents) }] : []),
      ...costs.map((c) => ({ kind: 'COST' as const, label: c.label, amountCents: c.amountCents })),
    ],
    actions,
    letters,
    procedures: lines.filter((l) => isJudicial(l.kind)).map((l) => ({ on: day(l.at), summary: render(l) })),
  };

  const reportId = await storeDocument(tx, file, {
    kind: 'CLOSING_REPORT',
    key: `closing-report:${closing.id}`,
    reference: `RC-${file.reference}`,
    pdf: await renderClosingReport(report),
    now,
  });

  let certificateId: string | null = null;
  if (certifiesVat(closing.reason, file.nature)) {
    const invoices = claims
      .map((c) => ({ c, unpaid: dueOf.get(c.id) ?? 0 }))
      .filter(({ unpaid }) => unpaid > 0)
      .map(({ c, unpaid }) => ({
        invoiceNumber: c.invoiceNumber,
        issuedOn: c.issuedOn,
        unpaidCents: unpaid,
        ...splitVat(unpaid, closing.vatRateBps),
      }));
    certificateId = await storeDocument(tx, file, {
      kind: 'IRRECOVERABILITY_CERTIFICATE',
      key: `closing-certificate:${closing.id}`,
      reference: `AI-${file.reference}`,
      pdf: await renderIrrecoverabilityCertificate({
        date: today,
        agency: { name: h.agencyName, legalName: h.legalName, address: h.agencyAddress, siren: h.agencySiren },
        creditor: { name: h.creditorName, address: h.creditorAddress, siren: h.creditorSiren },
        debtor: { name: h.debtorName, siren: h.debtorSiren, address: address?.line ?? '' },
        file: { reference: file.reference, placedOn },
        currency: file.currency.trim(),
        vatRateBps: closing.vatRateBps,
        invoices,
        reason: closing.reason,
        decidedOn: today,
        note: closing.note,
        evidence:
          closing.evidenceName && closing.evidenceSha256
            ? { name: closing.evidenceName, sha256: closing.evidenceSha256 }
            : null,
        steps:
          actions.map((a) => `${a.count} ${FRENCH_ACTIONS[a.kind] ?? a.kind}`).join(', ') ||
          'aucune action possible (débiteur sans adresse ni contact)',
      }),
      now,
    });
  }

  // A bulk closing does not e-mail the creditor a report per file: it asked for the closing, the reports wait in
  // its portal.
  const messageIds = !mail
    ? []
    : await queueReportMails(tx, {
        tenantId,
        file,
        closingId: closing.id,
        reportId,
        hasCertificate: certificateId !== null,
        agencyName: h.agencyName,
        debtorName: h.debtorName,
        reason: closing.reason,
        today,
        now,
      });
  return { reportDocumentId: reportId, certificateDocumentId: certificateId, messageIds };
}

/** Costs recorded on the file and charged to the creditor (partners' fees, court costs), when there are any. */
async function fileCosts(tx: Tx, tenantId: string, fileId: string): Promise<{ label: string; amountCents: number }[]> {
  const rows = await tx.$queryRaw<{ label: string; cents: bigint }[]>`
    SELECT label, amount_cents AS cents FROM file_cost
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid ORDER BY incurred_on, created_at`;
  return rows.map((r) => ({ label: r.label, amountCents: Number(r.cents) }));
}

async function storeDocument(
  tx: Tx,
  file: LockedFile,
  d: {
    kind: 'CLOSING_REPORT' | 'IRRECOVERABILITY_CERTIFICATE';
    key: string;
    reference: string;
    pdf: Buffer;
    now: Date;
  },
): Promise<string> {
  const storageKey = derivedKey(file.tenantId, 'documents', d.key);
  const stored = await storeBuffer(storageKey, d.pdf);
  const row = await tx.document.create({
    data: {
      tenantId: file.tenantId,
      fileId: file.id,
      kind: d.kind,
      locale: 'fr',
      storageKey,
      sha256: stored.sha256,
      reference: d.reference,
      executionKey: d.key,
      createdAt: d.now,
    },
    select: { id: true },
  });
  return row.id;
}

/** One e-mail per active user of the file's creditor, in the user's language, the report attached. */
async function queueReportMails(
  tx: Tx,
  m: {
    tenantId: string;
    file: LockedFile;
    closingId: string;
    reportId: string;
    hasCertificate: boolean;
    agencyName: string;
    debtorName: string;
    reason: ClosingReason;
    today: string;
    now: Date;
  },
): Promise<string[]> {
  const users = await tx.$queryRaw<{ membershipId: string; email: string; locale: string }[]>`
    SELECT mb.id::text AS "membershipId", i.email, i.locale
      FROM membership mb JOIN identity i ON i.id = mb.identity_id
     WHERE mb.tenant_id = ${m.tenantId}::uuid AND mb.role = 'CREDITOR' AND mb.active
       AND mb.creditor_id = ${m.file.creditorId}::uuid
     ORDER BY i.email`;
  const link = new URL(`/portal/files/${m.file.id}`, env.NEXTAUTH_URL).toString();
  const ids: string[] = [];
  for (const user of users) {
    const locale: Locale = user.locale === 'en' ? 'en' : 'fr';
    const t = translatorFor(locale, 'emails');
    const values = {
      agency: m.agencyName,
      reference: m.file.reference,
      debtor: m.debtorName,
      reason: translatorFor(locale, 'closing')(`reasons.${m.reason}`),
      date: formatDateLong(m.today, locale),
      certificate: m.hasCertificate ? 'yes' : 'no',
      link,
    };
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO outbound_message (tenant_id, file_id, channel, recipient, locale, subject, body, execution_key,
                                    audience, document_id, created_at)
      VALUES (${m.tenantId}::uuid, ${m.file.id}::uuid, 'EMAIL', ${user.email}, ${locale},
              ${t('closingReport.subject', values)}, ${t('closingReport.body', values)},
              ${`closing-report:${m.closingId}:${user.membershipId}`}, 'CREDITOR', ${m.reportId}::uuid, ${m.now})
      RETURNING id::text`;
    ids.push(row!.id);
  }
  return ids;
}
