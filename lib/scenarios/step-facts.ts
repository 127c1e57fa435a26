import { chooseContact } from '../cases/contact-choice';
import { debtorWindow } from '../compliance/debtor-area';
import type { ContactKind, ContactStatus, FilePhase, FileStatus, MandateScope } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import type { ClaimRow } from '../interest/balances';
import type { InterestFreeze } from '../interest/rules';
import { contactCapsSchema, DEFAULT_CAPS, type ContactAttempt, type ContactCaps } from '../compliance/caps';
import {
  contactWindowSchema,
  DEFAULT_CONTACT_WINDOW,
  type ContactChannel,
  type ContactWindowConfig,
} from '../compliance/contact-window';

// Everything a step reads about a file, in ONE statement: the engine runs this for every due step, and
// each round trip through the query layer costs more than the letter it feeds (STACK-NOTES, Prisma 7).

export interface FactContact {
  id: string;
  kind: ContactKind;
  status: ContactStatus;
  line1: string | null;
  line2: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  optedOut: boolean;
  createdAt: string;
  statusChangedAt: string | null;
  suppliedByCreditorId: string | null;
}

export interface FactDocument {
  id: string;
  kind: 'REMINDER_LETTER' | 'REGISTERED_LETTER' | 'FORMAL_NOTICE' | 'PRE_JUDICIAL_WARNING';
  reference: string;
  createdAt: string;
  /** The day it was posted: null until its print run is posted (or La Poste's tracking gives the deposit). */
  sentOn: string | null;
  deadlineOn: string | null;
  deliveryOutcome: 'DELIVERED' | 'UNCLAIMED' | 'UNKNOWN_ADDRESS' | null;
}

export interface StepFacts {
  file: {
    id: string;
    reference: string;
    status: FileStatus;
    phase: FilePhase;
    nature: 'B2B' | 'CONSUMER' | 'CIVIL';
    currency: string;
    creditorId: string;
    debtorId: string;
    assigneeId: string | null;
    version: number;
    placedAt: string;
    formalNoticeOn: string | null;
    limitationOn: string | null;
  };
  debtor: { kind: 'PERSON' | 'COMPANY'; name: string; locale: string };
  contacts: FactContact[];
  /** limitationOn: the claim's last day (lib/compliance/limitation.ts); null while a suspension runs. */
  claims: (ClaimRow & { issuedOn: string; limitationOn: string | null })[];
  allocations: { claimId: string; part: 'INTEREST' | 'INDEMNITY' | 'PRINCIPAL'; cents: number; on: string }[];
  plan: { graceDays: number; late: boolean; nextDueOn: string | null } | null;
  /** A plan waits for its creditor's approval (CPCE R124-5): the file waits with it. */
  planAwaitingApproval: boolean;
  /** A doubtful bank credit names this file among its candidates: the file waits for an agent's decision. */
  bankCreditPending: boolean;
  /** Days the creditor waived interest (lib/payments/interest-waivers.ts). */
  frozen: InterestFreeze[];
  promiseDueOn: string | null;
  openDispute: boolean;
  insolvency: string[];
  /** The first opening judgment of collective proceedings against the debtor (C. com. L622-28), if any. */
  openingJudgmentOn: string | null;
  documents: FactDocument[];
  history: ContactAttempt[];
  agency: {
    name: string;
    legalName: string;
    siren: string | null;
    address: string;
    iban: string | null;
    timeZone: string;
    window: ContactWindowConfig;
    caps: ContactCaps;
  };
  /** The agency's contact window on the debtor's clock and calendar (lib/compliance/debtor-area.ts). */
  contactWindow: ContactWindowConfig;
  creditor: { name: string; address: string; postcode: string; city: string };
  /** Every mandate of the file's creditor: the guards act only while one is in force (CPCE R124-3). */
  mandates: { startsOn: string; endsOn: string | null; scope: MandateScope; emailFirstLetter: boolean }[];
}

interface Row {
  file: StepFacts['file'] | null;
  debtor: StepFacts['debtor'];
  contacts: FactContact[];
  claims: StepFacts['claims'];
  allocations: StepFacts['allocations'];
  plan: StepFacts['plan'];
  plan_awaiting_approval: boolean;
  bank_credit_pending: boolean;
  frozen: InterestFreeze[];
  promise_due_on: string | null;
  open_dispute: boolean;
  insolvency: string[] | null;
  opening_judgment_on: string | null;
  documents: FactDocument[];
  history: { channel: string; at: string }[];
  agency: {
    name: string;
    legalName: string;
    siren: string | null;
    address: string;
    iban: string | null;
    timeZone: string;
    window: unknown;
    caps: unknown;
  };
  creditor: StepFacts['creditor'];
  mandates: StepFacts['mandates'];
}

const HISTORY_CHANNEL: Record<string, ContactChannel | undefined> = {
  EMAIL: 'EMAIL',
  SMS: 'SMS',
  CALL_TASK: undefined, // a task is not a call: the call the agent makes is logged as contact.call
  VISIT_TASK: undefined,
  'contact.call': 'CALL',
  'contact.email': 'EMAIL',
  'contact.visit': 'VISIT',
  SIMPLE_LETTER: 'LETTER',
  REGISTERED_LETTER: 'LETTER',
  FORMAL_NOTICE: 'LETTER',
  PRE_JUDICIAL_WARNING: 'LETTER',
};

/** Stored settings that no longer parse fall back to the defaults rather than stopping every step. */
function parseOr<T>(parse: () => T, fallback: T): T {
  try {
    return parse();
  } catch {
    return fallback;
  }
}

export async function loadStepFacts(tx: RawTx, tenantId: string, fileId: string, now: Date): Promise<StepFacts | null> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const [row] = await tx.$queryRaw<Row[]>`
    WITH f AS (
      SELECT * FROM case_file WHERE tenant_id = ${tenantId}::uuid AND id = ${fileId}::uuid
    )
    SELECT
      json_build_object('id', f.id, 'reference', f.reference, 'status', f.status, 'phase', f.phase,
        'nature', f.nature, 'currency', f.currency, 'creditorId', f.creditor_id, 'debtorId', f.debtor_id,
        'assigneeId', f.assignee_id, 'version', f.version, 'placedAt', f.placed_at,
        'formalNoticeOn', f.formal_notice_on, 'limitationOn', f.limitation_on) AS file,
      (SELECT json_build_object('kind', d.kind, 'name', d.display_name, 'locale', d.locale)
         FROM debtor d WHERE d.tenant_id = f.tenant_id AND d.id = f.debtor_id) AS debtor,
      (SELECT coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind, 'status', c.status,
                'line1', c.line1, 'line2', c.line2, 'postcode', c.postcode, 'city', c.city, 'country', c.country,
                'phone', c.phone, 'email', c.email, 'optedOut', c.opted_out_at IS NOT NULL,
                'createdAt', c.created_at, 'statusChangedAt', c.status_changed_at,
                'suppliedByCreditorId', c.supplied_by_creditor_id)
                ORDER BY c.created_at DESC, c.id), '[]'::json)
         FROM contact_point c WHERE c.tenant_id = f.tenant_id AND c.debtor_id = f.debtor_id) AS contacts,
      (SELECT coalesce(json_agg(json_build_object('id', c.id, 'invoiceNumber', c.invoice_number,
                'issuedOn', c.issued_on, 'dueOn', c.due_on, 'principalCents', c.principal_cents,
                'nature', c.nature, 'contractRateBps', c.contract_rate_bps,
                'creditorIsPrivateIndividual', c.creditor_is_private_individual, 'limitationOn', c.limitation_on)
                ORDER BY c.due_on, c.invoice_number), '[]'::json)
         FROM claim c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id AND c.cancelled_at IS NULL) AS claims,
      (SELECT coalesce(json_agg(json_build_object('claimId', a.claim_id, 'part', a.part, 'cents', a.amount_cents,
                'on', p.received_on)), '[]'::json)
         FROM allocation a JOIN payment p ON p.tenant_id = a.tenant_id AND p.id = a.payment_id
        WHERE a.tenant_id = f.tenant_id AND a.file_id = f.id AND a.claim_id IS NOT NULL) AS allocations,
      (SELECT json_build_object('graceDays', pp.grace_days,
                'late', coalesce(bool_or(pi.status IN ('LATE', 'MISSED')), false),
                'nextDueOn', min(pi.due_on) FILTER (WHERE pi.status IN ('DUE', 'LATE')))
         FROM payment_plan pp
         LEFT JOIN plan_instalment pi ON pi.tenant_id = pp.tenant_id AND pi.plan_id = pp.id
        WHERE pp.tenant_id = f.tenant_id AND pp.file_id = f.id AND pp.status = 'ACTIVE'
        GROUP BY pp.id, pp.grace_days) AS plan,
      EXISTS (SELECT 1 FROM payment_plan pp WHERE pp.tenant_id = f.tenant_id AND pp.file_id = f.id
                 AND pp.status = 'AWAITING_APPROVAL') AS plan_awaiting_approval,
      -- A count, not EXISTS: for EXISTS the planner bets on meeting a match early and scans every open credit of
      -- the agency; counting lets it use bank_entry_doubtful_candidates_idx (migration 20261208110000; the plans
      -- before and after: docs/evidence/money/bank-credit-guard-explain.txt). A file has a few doubtful credits at most.
      (SELECT count(*) FROM bank_entry b WHERE b.tenant_id = f.tenant_id AND b.status = 'DOUBTFUL'
          AND b.match -> 'candidates' @> jsonb_build_array(jsonb_build_object('fileId', f.id::text))) > 0
        AS bank_credit_pending,
      (SELECT coalesce(json_agg(json_build_object('from', w.from_on, 'to', w.until_on)), '[]'::json)
         FROM interest_waiver w WHERE w.tenant_id = f.tenant_id AND w.file_id = f.id) AS frozen,
      (SELECT min(due_on)::text FROM promise
        WHERE tenant_id = f.tenant_id AND file_id = f.id AND status = 'PENDING') AS promise_due_on,
      EXISTS (SELECT 1 FROM dispute WHERE tenant_id = f.tenant_id AND file_id = f.id AND status = 'OPEN')
        AS open_dispute,
      (SELECT array_agg(DISTINCT e.kind::text) FROM company_event e
        WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id
          AND e.kind IN ('SAFEGUARD', 'RECEIVERSHIP', 'LIQUIDATION', 'OVER_INDEBTEDNESS')) AS insolvency,
      (SELECT min(e.occurred_on)::text FROM company_event e
        WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id
          AND e.kind IN ('SAFEGUARD', 'RECEIVERSHIP', 'LIQUIDATION')) AS opening_judgment_on,
      (SELECT coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'reference', d.reference,
                'createdAt', d.created_at, 'sentOn', d.sent_on, 'deadlineOn', d.deadline_on,
                'deliveryOutcome', d.delivery_outcome)
                ORDER BY d.created_at, d.id), '[]'::json)
         FROM document d WHERE d.tenant_id = f.tenant_id AND d.file_id = f.id AND d.kind NOT IN ('DOSSIER', 'RECEIPT', 'PLAN_LETTER')) AS documents,
      (SELECT coalesce(json_agg(json_build_object('channel', h.channel, 'at', h.at)), '[]'::json) FROM (
          SELECT se.channel::text AS channel, se.executed_at AS at
            FROM case_file f2
            JOIN step_execution se ON se.tenant_id = f2.tenant_id AND se.file_id = f2.id
           WHERE f2.tenant_id = f.tenant_id AND f2.debtor_id = f.debtor_id
             AND se.status = 'DONE' AND se.executed_at > ${since}
          UNION ALL
          SELECT a.kind, a.occurred_at
            FROM case_file f2
            JOIN activity a ON a.tenant_id = f2.tenant_id AND a.file_id = f2.id
           WHERE f2.tenant_id = f.tenant_id AND f2.debtor_id = f.debtor_id
             AND a.kind IN ('contact.call', 'contact.email', 'contact.visit') AND a.occurred_at > ${since}
        ) h) AS history,
      (SELECT json_build_object('name', ag.name, 'legalName', ag.legal_name, 'siren', ag.siren,
                'address', ag.address, 'iban', ag.creditor_funds_iban, 'timeZone', ag.time_zone,
                'window', ag.contact_window, 'caps', ag.channel_caps)
         FROM agency ag WHERE ag.id = f.tenant_id) AS agency,
      (SELECT json_build_object('name', cr.name, 'address', cr.address, 'postcode', cr.postcode, 'city', cr.city)
         FROM creditor cr WHERE cr.tenant_id = f.tenant_id AND cr.id = f.creditor_id) AS creditor,
      (SELECT coalesce(json_agg(json_build_object('startsOn', m.starts_on, 'endsOn', m.ends_on, 'scope', m.scope,
                                                  'emailFirstLetter', m.email_first_letter)),
                       '[]'::json)
         FROM mandate m WHERE m.tenant_id = f.tenant_id AND m.creditor_id = f.creditor_id) AS mandates
    FROM f`;
  if (!row?.file) return null;
  const timeZone = row.agency.timeZone;
  const window = row.agency.window
    ? parseOr(() => contactWindowSchema.parse({ timeZone, ...(row.agency.window as object) }), {
        ...DEFAULT_CONTACT_WINDOW,
        timeZone,
      })
    : { ...DEFAULT_CONTACT_WINDOW, timeZone };
  const caps = row.agency.caps
    ? parseOr(() => contactCapsSchema.parse(row.agency.caps), { ...DEFAULT_CAPS })
    : { ...DEFAULT_CAPS };
  return {
    file: { ...row.file, version: Number(row.file.version) },
    debtor: row.debtor,
    contacts: row.contacts,
    claims: row.claims.map((c) => ({ ...c, principalCents: Number(c.principalCents) })),
    allocations: row.allocations.map((a) => ({ ...a, cents: Number(a.cents) })),
    plan: row.plan,
    planAwaitingApproval: row.plan_awaiting_approval,
    bankCreditPending: row.bank_credit_pending,
    frozen: row.frozen,
    promiseDueOn: row.promise_due_on,
    openDispute: row.open_dispute,
    insolvency: row.insolvency ?? [],
    openingJudgmentOn: row.opening_judgment_on,
    documents: row.documents,
    history: row.history.flatMap((h) => {
      const channel = HISTORY_CHANNEL[h.channel];
      return channel ? [{ channel, at: new Date(h.at) }] : [];
    }),
    agency: { ...row.agency, window, caps },
    contactWindow: debtorWindow(window, chooseContact(row.contacts, 'ADDRESS', row.file.creditorId)),
    creditor: row.creditor,
    mandates: row.mandates,
  };
}

/**
 * The contact point a channel would use for this file (lib/cases/contact-choice.ts). Returned even when
 * unusable, so the guard says why (do-not-contact, invalid, opted out).
 */
export function contactFor(
  facts: { contacts: readonly FactContact[]; file: { creditorId: string } },
  channel: ContactChannel,
): FactContact | null {
  const kind: ContactKind =
    channel === 'EMAIL' ? 'EMAIL' : channel === 'SMS' || channel === 'CALL' ? 'PHONE' : 'ADDRESS';
  return chooseContact(facts.contacts, kind, facts.file.creditorId);
}
