import { balancesOn, loadLedger } from '../cases/file-ledger';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { routeEstimates, type RouteEstimate } from '../judicial/rules';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

export interface QueueClaim {
  invoiceNumber: string;
  dueOn: string;
  principalDueCents: number;
  interestDueCents: number;
  indemnityDueCents: number;
  totalDueCents: number;
  limitationBasis: string;
  limitationOn: string | null;
}

export interface EscalationInQueue {
  id: string;
  createdAt: string;
  fileId: string;
  fileReference: string;
  fileVersion: number;
  debtorName: string;
  debtorKind: string;
  creditorName: string;
  currency: string;
  dossierDocumentId: string | null;
  mandate: { reference: string; scope: string; judicialCostsBy: string };
  /** What the file owes today, per claim and in total (lib/interest through the file's ledger). */
  claims: QueueClaim[];
  totals: { principalDueCents: number; interestDueCents: number; indemnityDueCents: number; totalDueCents: number };
  collectedCents: number;
  /** The amicable phase in figures: letters, calls, the debtor reached, promises broken. */
  history: { letters: number; calls: number; reached: number; promisesBroken: number; lastContactAt: string | null };
  /** Solvency signals: company events, mail returned, addresses known bad, what the agent noted. */
  signals: {
    events: { kind: string; occurredOn: string }[];
    returnedLetters: number;
    returnedAddresses: number;
    solvency: string | null;
    solvencyNote: string | null;
  };
  estimates: RouteEstimate[];
  route: string | null;
  agreement: string | null;
  agreementNote: string | null;
}

/**
 * The manager's escalation queue: every file waiting for a decision on court, oldest first, with what the decision
 * weighs (amounts per claim with their limitation dates, the amicable history, solvency signals, the mandate's
 * judicial scope, each route's expected cost against the amount).
 */
export async function escalationQueue({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  authorize(actor, 'escalations.approve');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const rows = await tx.$queryRaw<
      {
        id: string;
        created_at: Date;
        file_id: string;
        reference: string;
        version: number;
        debtor_id: string;
        debtor_name: string;
        debtor_kind: string;
        creditor_name: string;
        currency: string;
        formal_notice_on: string | null;
        collected_cents: bigint;
        last_contact_at: Date | null;
        dossier_document_id: string | null;
        mandate_reference: string;
        scope: string;
        judicial_costs_by: string;
        route: string | null;
        agreement: string | null;
        agreement_note: string | null;
      }[]
    >`
      SELECT e.id::text, e.created_at, f.id::text AS file_id, f.reference, f.version, d.id::text AS debtor_id,
             d.display_name AS debtor_name, d.kind::text AS debtor_kind, c.name AS creditor_name, f.currency,
             f.formal_notice_on::text, f.collected_cents, f.last_contact_at, e.dossier_document_id::text,
             m.reference AS mandate_reference, m.scope::text, m.judicial_costs_by, e.route, e.agreement,
             e.agreement_note
        FROM escalation e
        JOIN case_file f ON f.tenant_id = e.tenant_id AND f.id = e.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
        JOIN creditor c ON c.tenant_id = f.tenant_id AND c.id = f.creditor_id
        JOIN mandate m ON m.tenant_id = f.tenant_id AND m.id = f.mandate_id
       WHERE e.tenant_id = ${actor.tenantId}::uuid AND e.status = 'PENDING'
       ORDER BY e.created_at, e.id
       LIMIT 50`;
    const out: EscalationInQueue[] = [];
    for (const r of rows) {
      const file = { tenantId: actor.tenantId, id: r.file_id, formalNoticeOn: r.formal_notice_on };
      const ledger = await loadLedger(tx, file);
      const owed = await balancesOn(tx, file, clock.today, ledger);
      const limits = await tx.claim.findMany({
        where: { tenantId: actor.tenantId, fileId: r.file_id },
        select: { id: true, limitationBasis: true, limitationOn: true },
      });
      const limitOf = new Map(limits.map((l) => [l.id, l]));
      out.push({
        id: r.id,
        createdAt: r.created_at.toISOString(),
        fileId: r.file_id,
        fileReference: r.reference,
        fileVersion: r.version,
        debtorName: r.debtor_name,
        debtorKind: r.debtor_kind,
        creditorName: r.creditor_name,
        currency: r.currency.trim(),
        dossierDocumentId: r.dossier_document_id,
        mandate: { reference: r.mandate_reference, scope: r.scope, judicialCostsBy: r.judicial_costs_by },
        claims: owed.claims.map((c) => ({
          invoiceNumber: c.invoiceNumber,
          dueOn: c.dueOn,
          principalDueCents: c.principalDueCents,
          interestDueCents: c.interestDueCents,
          indemnityDueCents: c.indemnityDueCents,
          totalDueCents: c.totalDueCents,
          limitationBasis: limitOf.get(c.claimId)?.limitationBasis ?? 'COMMERCIAL',
          limitationOn: limitOf.get(c.claimId)?.limitationOn ? dayOf(limitOf.get(c.claimId)!.limitationOn!) : null,
        })),
        totals: owed.totals,
        collectedCents: Number(r.collected_cents),
        history: await historyOf(tx, actor.tenantId, r.file_id, r.last_contact_at),
        signals: await signalsOf(tx, actor.tenantId, r.file_id, r.debtor_id),
        estimates: routeEstimates(owed.totals.totalDueCents),
        route: r.route,
        agreement: r.agreement,
        agreementNote: r.agreement_note,
      });
    }
    return { today: clock.today, escalations: out };
  });
}

async function historyOf(tx: Tx, tenantId: string, fileId: string, lastContactAt: Date | null) {
  const [h] = await tx.$queryRaw<{ letters: number; calls: number; reached: number; broken: number }[]>`
    SELECT count(*) FILTER (WHERE kind = 'letter.sent')::int AS letters,
           count(*) FILTER (WHERE kind = 'contact.call')::int AS calls,
           count(*) FILTER (WHERE kind LIKE 'contact.%' AND details->>'answeredBy' = 'DEBTOR')::int AS reached,
           count(*) FILTER (WHERE kind = 'promise.broken')::int AS broken
      FROM activity WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid`;
  return {
    letters: h?.letters ?? 0,
    calls: h?.calls ?? 0,
    reached: h?.reached ?? 0,
    promisesBroken: h?.broken ?? 0,
    lastContactAt: lastContactAt?.toISOString() ?? null,
  };
}

async function signalsOf(tx: Tx, tenantId: string, fileId: string, debtorId: string) {
  const events = await tx.companyEvent.findMany({
    where: { tenantId, debtorId },
    select: { kind: true, occurredOn: true },
    orderBy: { occurredOn: 'desc' },
    take: 10,
  });
  const [mail] = await tx.$queryRaw<{ letters: number; addresses: number }[]>`
    SELECT (SELECT count(*) FROM document WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid
               AND delivery_outcome = 'UNKNOWN_ADDRESS')::int AS letters,
           (SELECT count(*) FROM contact_point WHERE tenant_id = ${tenantId}::uuid AND debtor_id = ${debtorId}::uuid
               AND status = 'RETURNED_MAIL')::int AS addresses`;
  const info = await tx.fileInfo.findFirst({
    where: { tenantId, fileId },
    select: { solvency: true, solvencyNote: true },
  });
  return {
    events: events.map((e) => ({ kind: e.kind, occurredOn: dayOf(e.occurredOn) })),
    returnedLetters: mail?.letters ?? 0,
    returnedAddresses: mail?.addresses ?? 0,
    solvency: info?.solvency ?? null,
    solvencyNote: info?.solvencyNote ?? null,
  };
}

export interface AgreementAsked {
  id: string;
  fileId: string;
  fileReference: string;
  debtorName: string;
  route: string;
  currency: string;
  totalDueCents: number;
  estimate: RouteEstimate | null;
  askedAt: string;
}

/** The creditor's portal: the escalations whose court costs it advances, waiting for its agreement. */
export async function agreementsAsked({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  authorize(actor, 'escalations.agree');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const rows = await tx.$queryRaw<
      {
        id: string;
        file_id: string;
        reference: string;
        debtor_name: string;
        route: string;
        currency: string;
        formal_notice_on: string | null;
        asked_at: Date;
      }[]
    >`
      SELECT e.id::text, f.id::text AS file_id, f.reference, d.display_name AS debtor_name, e.route, f.currency,
             f.formal_notice_on::text, e.agreement_requested_at AS asked_at
        FROM escalation e
        JOIN case_file f ON f.tenant_id = e.tenant_id AND f.id = e.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE e.tenant_id = ${actor.tenantId}::uuid AND e.status = 'PENDING' AND e.agreement = 'REQUESTED'
         AND (${actor.creditorId}::uuid IS NULL OR f.creditor_id = ${actor.creditorId}::uuid)
       ORDER BY e.agreement_requested_at, e.id
       LIMIT 200`;
    const out: AgreementAsked[] = [];
    for (const r of rows) {
      const owed = await balancesOn(
        tx,
        { tenantId: actor.tenantId, id: r.file_id, formalNoticeOn: r.formal_notice_on },
        clock.today,
      );
      out.push({
        id: r.id,
        fileId: r.file_id,
        fileReference: r.reference,
        debtorName: r.debtor_name,
        route: r.route,
        currency: r.currency.trim(),
        totalDueCents: owed.totals.totalDueCents,
        estimate: routeEstimates(owed.totals.totalDueCents).find((e) => e.route === r.route) ?? null,
        askedAt: r.asked_at.toISOString(),
      });
    }
    return out;
  });
}
