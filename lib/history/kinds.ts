import { z } from 'zod';
import {
  ClaimNature,
  ClaimSecurity,
  CompanyEventKind,
  CourtSeat,
  ContactKind,
  ContactStatus,
  FileStatus,
  PaymentMethod,
  PlanFrequency,
  StepChannel,
  TaskKind,
} from '../db/generated/enums';
import { f } from './fields';
import { LIMITATION_BASES, type LimitationBasis } from '../compliance/limitation';
import { DATA_REQUESTS } from '../debtor-links/data-requests';
import { DEBTOR_DISPUTE_KINDS } from '../debtor-links/dispute-kinds';
import { ROUTE_CODES, SEND_BACK_REASONS, STEP_KINDS } from '../judicial-codes/codes';

// Every line of a file's timeline: a kind and its typed details. The message for kind `a.b` is `timeline.a.b`
// in messages/*.json; its ICU arguments are the fields below (and `has<Field>` for an optional one). Details may
// carry more than the message uses (ids for links and reports): the schemas are loose objects.

const values = <T extends Record<string, string>>(o: T) => Object.values(o) as [T[keyof T], ...T[keyof T][]];

/** Why the engine stops, pauses, postpones or skips (lib/scenarios/guards.ts GUARD_REASONS keeps the decision; the text is timeline.reasons), plus CONDITION_NOT_MET. */
export const ENGINE_REASONS = [
  'PAID',
  'FILE_CLOSED',
  'INSOLVENCY_PROCEEDINGS',
  'OVER_INDEBTEDNESS',
  'LIMITATION_EXPIRED',
  'JUDICIAL_PHASE',
  'MANDATE_NOT_IN_FORCE',
  'DISPUTE_OPEN',
  'FILE_SUSPENDED',
  'PLAN_AWAITING_APPROVAL',
  'BANK_CREDIT_PENDING',
  'PLAN_CURRENT',
  'PROMISE_PENDING',
  'NO_PRIOR_WARNING',
  'MANDATE_AMICABLE_ONLY',
  'WARNING_DEADLINE_PENDING',
  'LETTER_NOT_POSTED',
  'FIRST_LETTER_MISSING',
  'NO_VALID_ADDRESS',
  'ADDRESS_DO_NOT_CONTACT',
  'WARNING_RETURNED',
  'CONTACT_MISSING',
  'DO_NOT_CONTACT',
  'CONTACT_INVALID',
  'OPTED_OUT',
  'OUTSIDE_CONTACT_WINDOW',
  'WEEKLY_CAP_REACHED',
  'RATES_NOT_PUBLISHED',
  'CONDITION_NOT_MET',
  'SMS_TOO_LONG',
  'STEP_FAILED',
] as const;

export type EngineReason = (typeof ENGINE_REASONS)[number];

/** Why a file is closed (issue 16; lib/closing/rules.ts decides which may be chosen and where each leads). */
export const CLOSING_REASONS = [
  'PAID',
  'SETTLED',
  'PLAN_COMPLETED',
  'INSOLVENCY_NO_ASSETS',
  'DECEASED_NO_ESTATE',
  'UNTRACEABLE',
  'TIME_BARRED',
  'UNECONOMIC',
  'WITHDRAWN',
  'MANDATE_ENDED',
] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/**
 * Why a closed file goes back to work: a payment, the debtor found again, assets found (a liquidation closed for
 * lack of them may resume, C. com. L643-13), an estate after all (an heir accepted it), the debtor's acknowledgement
 * of a time-barred debt (a waiver of the limitation acquired, C. civ. 2250-2251). Which fits which closing:
 * lib/closing/rules.ts REOPENS_FOR.
 */
export const REOPEN_REASONS = [
  'NEW_PAYMENT',
  'DEBTOR_FOUND',
  'NEW_ASSETS',
  'ESTATE_FOUND',
  'DEBT_ACKNOWLEDGED',
] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

const CHANNELS = values(StepChannel);
const reason = () => f.label('timeline.reasons', ENGINE_REASONS);
const channel = () => f.label('timeline.channels', CHANNELS);
const currency = () => f.text(3).optional();
const deliveryOutcome = () => f.label('timeline.deliveryOutcomes', ['DELIVERED', 'UNCLAIMED', 'UNKNOWN_ADDRESS']);
const claimsPlaced = z.looseObject({
  creditorName: f.text(200),
  claims: f.count(),
  principalCents: f.money(),
  currency: currency(),
});
const message = z.looseObject({
  recipient: f.text(320).optional(),
  subject: f.text(500).nullish(),
  step: f.step().optional(),
  /** An e-mail that is the R124-4 letter: the letter it carries as its attachment (lib/scenarios/step/effects.ts). */
  letterReference: f.text(100).optional(),
});
const delivered = z.looseObject({ recipient: f.text(320).optional(), subject: f.text(500).nullish() });
const refused = z.looseObject({ recipient: f.text(320).optional(), cause: f.code(['DO_NOT_CONTACT', 'OPTED_OUT']) });
const contact = z.looseObject({
  contact: f.text(500).nullish(),
  answeredBy: f.label('timeline.answeredBy', ['DEBTOR', 'THIRD_PARTY', 'VOICEMAIL', 'NOBODY']).nullish(),
  outcome: f.code(['NONE', 'PROMISE', 'CALLBACK', 'DISPUTE', 'REFUSAL', 'WRONG_PARTY']),
  amountCents: f.money().optional(),
  dueOn: f.day().optional(),
  callbackAt: f.instant().optional(),
  note: f.text().nullish(),
  currency: currency(),
});
const nature = () => f.label('scenarios.natures', values(ClaimNature));
const limitationBasis = () =>
  f.label('workspace.claims.basis', LIMITATION_BASES as [LimitationBasis, ...LimitationBasis[]]);
const penaltyBasis = () => f.label('mandates.form.penaltyBases', ['NONE', 'THREE_TIMES_LEGAL', 'FIXED']);
const route = () => f.label('judicial.routes', ROUTE_CODES);
const sendBackReason = () => f.label('escalation.sendBack', SEND_BACK_REASONS);
const promise = z.looseObject({ amountCents: f.money(), dueOn: f.day(), currency: currency() });

export const TIMELINE_KINDS = {
  'file.placed': claimsPlaced,
  'claims.added': claimsPlaced,
  'file.assigned': z.looseObject({ assigneeName: f.text(200), via: f.code(['assignment', 'rebalance']) }),
  'file.status_changed': z.looseObject({
    statusFrom: f.label('status', values(FileStatus)),
    statusTo: f.label('status', values(FileStatus)),
  }),
  'info.updated': z.looseObject({
    changed: f.labels('timeline.infoFields', [
      'nonPaymentReason',
      'nonPaymentNote',
      'solvency',
      'solvencyNote',
      'employer',
      'bank',
    ]),
  }),
  'company.event': z.looseObject({
    kind: f.label('workspace.eventKinds', values(CompanyEventKind)),
    occurredOn: f.day(),
    publishedOn: f.day().nullish(),
    declarationDeadline: f.day().nullish(),
    /** The mandataire judiciaire the judgment appointed. */
    administrator: f.text(200).nullish(),
    /** Where the court that opened the proceedings sits (R622-24 al. 2, 3); only on an opening judgment. */
    courtSeat: f.label('insolvency.courtSeat', values(CourtSeat)).nullish(),
    suspends: f.flag(),
  }),
  /** The file's claims declared to the mandataire judiciaire (lib/insolvency/file-claim-declaration.ts). */
  'declaration.filed': z.looseObject({
    filedOn: f.day(),
    declaredCents: f.money(),
    toFallDueCents: f.money(),
    security: f.label('insolvency.security', values(ClaimSecurity)),
    deadline: f.day().nullish(),
    late: f.flag(),
    currency: currency(),
    /** A declaration common to several of the creditor's files (issue 14): how many, and its whole amount. */
    files: f.count().optional(),
    totalCents: f.money().optional(),
  }),
  /** A supplementary or corrective declaration linked to the first (lib/insolvency/file-linked-declaration.ts). */
  'declaration.amended': z.looseObject({
    kind: f.code(['SUPPLEMENTARY', 'CORRECTIVE']),
    filedOn: f.day(),
    firstFiledOn: f.day(),
    declaredCents: f.money(),
    late: f.flag(),
    reliefOn: f.day().nullish(),
    currency: currency(),
  }),
  /** Admitted in full or in part, contested or rejected (lib/insolvency/decide-claim-declaration.ts). */
  'declaration.decided': z.looseObject({
    outcome: f.code(['ADMITTED', 'PART_ADMITTED', 'CONTESTED', 'REJECTED']),
    decidedOn: f.day(),
    declaredCents: f.money(),
    admittedCents: f.money().optional(),
    currency: currency(),
  }),
  'debtor.located': z.looseObject({
    kind: f.label('contactKind', values(ContactKind)),
    value: f.text(500),
    source: f.text(200),
    foundOn: f.day(),
  }),
  'contact_point.status': z.looseObject({
    contactKind: f.label('contactKind', values(ContactKind)).optional(),
    value: f.text(500),
    statusTo: f.label('timeline.contactStatus', values(ContactStatus)),
    liftedDoNotContact: f.flag(),
    reason: f.text().nullish(),
    letterReference: f.text(100).optional(),
  }),
  'contact.call': contact,
  'contact.email': contact,
  'contact.visit': contact,
  'contact.note': contact,
  'promise.cancelled': promise.extend({ reason: f.text().nullish() }),
  'promise.kept': promise,
  'promise.broken': promise.extend({ receivedCents: f.money() }),
  /** An interruption or suspension of the claims' limitation recorded by an agent (lib/cases/note-limitation-event.ts). */
  'limitation.recorded': z.looseObject({
    event: f.code([
      'WRITTEN_ACKNOWLEDGMENT',
      'COURT_ACTION',
      'SUSPENSION',
      'SUSPENSION_END',
      'PAYMENT_INCIDENT',
      'INCIDENT_REGULARISED',
    ]),
    on: f.day(),
    endsOn: f.day().nullish(),
    claims: f.count(),
    note: f.text(500).nullish(),
  }),
  /** An agent's choice of one claim's limitation basis (lib/cases/set-limitation-basis.ts): before → after. */
  'limitation.basis_changed': z.looseObject({
    invoiceNumber: f.text(64),
    basis: limitationBasis(),
    wasBasis: limitationBasis(),
    startsOn: f.day().optional(),
    wasStartsOn: f.day().optional(),
    limitationOn: f.day().nullable(),
    wasLimitationOn: f.day().nullable(),
    reason: f.text(500),
  }),
  /** An agent's correction of one claim: each changed field with its value before (`was…`); the reason typed. */
  'claim.corrected': z.looseObject({
    invoiceNumber: f.text(64),
    reason: f.text(500),
    principalCents: f.money().optional(),
    wasPrincipalCents: f.money().optional(),
    dueOn: f.day().optional(),
    wasDueOn: f.day().optional(),
    nature: nature().optional(),
    wasNature: nature().optional(),
    penaltyBasis: penaltyBasis().optional(),
    wasPenaltyBasis: penaltyBasis().optional(),
    /** The rate of a FIXED penalty basis, in percent with two decimals ("12.50"). */
    contractRatePercent: f.text(8).optional(),
    wasContractRatePercent: f.text(8).optional(),
    creditorIsPrivateIndividual: f.flag().optional(),
    currency: currency(),
  }),
  /** A claim cancelled by a credit note (or withdrawn after an upheld dispute): its principal goes to 0. */
  'claim.cancelled': z.looseObject({
    invoiceNumber: f.text(64),
    reason: f.text(500),
    principalCents: f.money(),
    currency: currency(),
  }),
  'dispute.resolved': z.looseObject({ decision: f.code(['UPHELD', 'REJECTED']), resolution: f.text() }),
  'task.created': z.looseObject({ channel: channel(), step: f.step().optional() }),
  'task.completed': z.looseObject({
    taskKind: f.label('workspace.taskKinds', values(TaskKind)),
    note: f.text().nullish(),
  }),
  'letter.sent': z.looseObject({
    channel: channel(),
    reference: f.text(100).optional(),
    step: f.step().optional(),
    dueCents: f.money().optional(),
    currency: currency(),
    deadlineOn: f.day().nullish(),
  }),
  'letter.returned': z.looseObject({ reference: f.text(100), addressKnown: f.flag() }),
  /** Its print run was posted: the letter's date, from which its deadline counts (lib/print-runs/mark-posted.ts). */
  'letter.posted': z.looseObject({ reference: f.text(100), sentOn: f.day() }),
  /** A value absent is unchanged, null is cleared; `was…` is the value replaced by hand or cleared. */
  'letter.tracking': z.looseObject({
    reference: f.text(100),
    trackingNumber: f.text(100).nullish(),
    wasTrackingNumber: f.text(100).optional(),
    sentOn: f.day().nullish(),
    wasSentOn: f.day().optional(),
    firstPresentedOn: f.day().nullish(),
    wasFirstPresentedOn: f.day().optional(),
    acknowledgedOn: f.day().nullish(),
    wasAcknowledgedOn: f.day().optional(),
    deliveryOutcome: deliveryOutcome().nullish(),
    wasDeliveryOutcome: deliveryOutcome().optional(),
    source: f.code(['hand', 'import']),
    returnedAddressKept: f.flag().optional(),
  }),
  'email.queued': message,
  'sms.queued': message,
  'email.sent': delivered,
  'sms.sent': delivered,
  'email.cancelled': refused,
  'sms.cancelled': refused,
  'email.failed': delivered,
  'sms.failed': delivered,
  'escalation.requested': z.looseObject({
    step: f.step().optional(),
    dueCents: f.money().optional(),
    currency: currency(),
  }),
  'escalation.approved': z.looseObject({ note: f.text().nullish(), route: route().optional() }),
  'escalation.rejected': z.looseObject({ note: f.text().nullish(), reason: sendBackReason().optional() }),
  /** The creditor advances the costs under its mandate: its agreement is asked in the portal (issue 16). */
  'escalation.agreement_requested': z.looseObject({ route: route() }),
  'escalation.agreement_accepted': z.looseObject({
    route: route(),
    deciderName: f.text(200),
    note: f.text().nullish(),
  }),
  'escalation.agreement_refused': z.looseObject({ route: route(), deciderName: f.text(200), note: f.text().nullish() }),
  /** A step of the file's procedure (lib/judicial/record-procedure-step.ts); its values are on the procedure. */
  'judicial.step': z.looseObject({ route: route(), step: f.label('judicial.stepNames', STEP_KINDS), on: f.day() }),
  /** Costs a court awarded, added as a claim of their own. */
  'judicial.costs_awarded': z.looseObject({
    origin: f.label('judicial.claimOrigins', ['COURT_COSTS', 'ARTICLE_700']),
    amountCents: f.money(),
    currency: currency(),
  }),
  'scenario.started': z.looseObject({
    scenarioName: f.text(200),
    run: f.count(),
    firstRunAt: f.instant().optional(),
  }),
  'scenario.stopped': z.looseObject({ reason: reason(), step: f.step().optional() }),
  'scenario.paused': z.looseObject({ reason: reason().optional(), note: f.text().nullish() }),
  'scenario.resumed': z.looseObject({
    reason: reason().optional(),
    step: f.step().optional(),
    nextRunAt: f.instant().optional(),
  }),
  'scenario.step_postponed': z.looseObject({ reason: reason(), step: f.step(), until: f.instant() }),
  'scenario.step_skipped': z.looseObject({ reason: reason(), channel: channel(), step: f.step() }),
  /** Never the error's text: that stays in the worker's log (staff only). */
  'scenario.step_failed': z.looseObject({ step: f.step(), failures: f.count(), paused: f.flag() }),
  'scenario.completed': z.looseObject({}),
  'payment.recorded': z.looseObject({
    amountCents: f.money(),
    receivedOn: f.day(),
    method: f.label('timeline.methods', values(PaymentMethod)),
    receiptNumber: f.text(100).optional(),
    creditCents: f.money(),
    remainingCents: f.money().optional(),
    currency: currency(),
    /** Collected by a partner (commissaire de justice, lawyer) and passed on to the agency. */
    partner: f.flag().optional(),
    /** A dividend of collective proceedings (lib/insolvency/record-dividend.ts), paid by the mandataire. */
    dividend: f.flag().optional(),
  }),
  /** The receipt (R124-6) went to the debtor with the payment: by e-mail, by post, or not (no usable contact). */
  'receipt.issued': z.looseObject({
    receiptNumber: f.text(100),
    channel: f.code(['EMAIL', 'POST', 'NONE']),
    recipient: f.text(320).nullish(),
  }),
  /** Commission the creditor will not pay, given up by a manager (lib/remittances/write-off-commission.ts). */
  'commission.written_off': z.looseObject({ amountCents: f.money(), reason: f.text(500), currency: currency() }),
  /** A debtor's overpayment paid back by an approved refund run (lib/remittances/approve-payout.ts). */
  'credit.refunded': z.looseObject({ amountCents: f.money(), runNumber: f.count(), currency: currency() }),
  'payment.reversed': z.looseObject({
    amountCents: f.money(),
    reversedReceiptNumber: f.text(100).optional(),
    receiptNumber: f.text(100).optional(),
    reason: f.text(),
    creditReducedCents: f.money().optional(),
    /** Credit a refund had already paid out: owed back by the debtor (lib/accounting/post-payment.ts). */
    refundToRecoverCents: f.money().optional(),
    reopened: f.flag().optional(),
    remainingCents: f.money().optional(),
    currency: currency(),
  }),
  'plan.created': z.looseObject({
    totalCents: f.money(),
    instalmentCount: f.count(),
    frequency: f.label('timeline.frequencies', values(PlanFrequency)),
    firstAmountCents: f.money(),
    lastAmountCents: f.money(),
    firstDueOn: f.day(),
    lastDueOn: f.day(),
    downPaymentCents: f.money(),
    graceDays: f.count(),
    currency: currency(),
    // Issue 14: how the plan treats interest (absent on plans made before), and from when it is frozen.
    interestMode: f.code(['FROZEN', 'INCLUDED']).optional(),
    interestCents: f.money().optional(),
    interestFrozenFrom: f.day().optional(),
  }),
  // A plan beyond the mandate's limits, waiting for the creditor (CPCE R124-5), then its decision.
  'plan.proposed': z.looseObject({
    totalCents: f.money(),
    instalmentCount: f.count(),
    firstAmountCents: f.money(),
    lastDueOn: f.day(),
    reasons: f.labels('timeline.planApprovalReasons', ['TOO_LONG', 'BELOW_MINIMUM']),
    currency: currency(),
  }),
  'plan.accepted': z.looseObject({
    deciderName: f.text(200),
    interestFrozenFrom: f.day().optional(),
    note: f.text(500).optional(),
  }),
  'plan.refused': z.looseObject({ deciderName: f.text(200), note: f.text(500).optional() }),
  /** The letter confirming a plan in force went to the debtor: by e-mail, by post, or not (lib/payments/issue-plan-letter.ts). */
  'plan.letter_issued': z.looseObject({
    reference: f.text(100),
    channel: f.code(['EMAIL', 'POST', 'NONE']),
    recipient: f.text(320).nullish(),
  }),
  /** The plan's letter waits: its interest rests on a rate the tables do not hold yet (decision 0009). */
  'plan.letter_waiting': z.looseObject({ reason: f.label('timeline.reasons', ['RATES_NOT_PUBLISHED']) }),
  'plan.instalment_late': z.looseObject({
    seq: f.count(),
    dueOn: f.day(),
    unpaidCents: f.money(),
    breaksOn: f.day().optional(),
    currency: currency(),
  }),
  'plan.broken': z.looseObject({
    missedCount: f.count().optional(),
    unpaidCents: f.money().optional(),
    graceDays: f.count().optional(),
    reversedReceiptNumber: f.text(100).optional(),
    currency: currency(),
    /** A plan with interest frozen: the day interest runs again. */
    interestResumesOn: f.day().optional(),
  }),
  'plan.completed': z.looseObject({ remainingCents: f.money(), currency: currency() }),
  'plan.cancelled': z.looseObject({ reason: f.text(), interestResumesOn: f.day().optional() }),
  /** An agent withdrew a plan still awaiting the creditor's approval (lib/payments/withdraw-plan.ts). */
  'plan.withdrawn': z.looseObject({ reason: f.text(500) }),
  /** An agent's closing above the agency's threshold, waiting for a manager (lib/closing/close-file.ts). */
  'closing.requested': z.looseObject({
    reason: f.label('closing.reasons', CLOSING_REASONS),
    owedCents: f.money(),
    currency: currency(),
    note: f.text().nullish(),
  }),
  /** The file closed for its reason; what it still owed is written off unless it closed paid. */
  'closing.decided': z.looseObject({
    reason: f.label('closing.reasons', CLOSING_REASONS),
    owedCents: f.money(),
    currency: currency(),
    note: f.text().nullish(),
    evidenceName: f.text(300).nullish(),
    approvedBy: f.text(200).nullish(),
    bulk: f.flag().optional(),
  }),
  'closing.refused': z.looseObject({
    reason: f.label('closing.reasons', CLOSING_REASONS),
    deciderName: f.text(200),
    note: f.text().nullish(),
  }),
  /** The closing report reached a creditor user by e-mail (the outbox, when it sent it). */
  'closing.report_emailed': z.looseObject({ recipient: f.text(320) }),
  'file.reopened': z.looseObject({
    reason: f.label('closing.reopenReasons', REOPEN_REASONS),
    statusFrom: f.label('status', values(FileStatus)),
    note: f.text(),
  }),
  /** The file's pack went to a partner (lib/partners/hand-over-file.ts); then the outbox's e-mail. */
  'handover.sent': z.looseObject({
    partnerName: f.text(200),
    partnerKind: f.label('partners.kinds', ['COMMISSAIRE_DE_JUSTICE', 'LAWYER']),
    entries: f.count(),
    recipient: f.text(320),
  }),
  'handover.emailed': z.looseObject({ recipient: f.text(320) }),
  'partner.report': z.looseObject({
    partnerName: f.text(200),
    reference: f.text(100).nullish(),
    receivedOn: f.day(),
    note: f.text().nullish(),
  }),
  'partner.invoice': z.looseObject({
    partnerName: f.text(200),
    reference: f.text(100).nullish(),
    receivedOn: f.day(),
    amountCents: f.money(),
    currency: currency(),
    note: f.text().nullish(),
  }),
  /** A creditor user was e-mailed that a plan awaits its approval (R124-5), when the outbox sent it. */
  'plan.creditor_emailed': z.looseObject({ recipient: f.text(320) }),
  /** The debtor on their private page (issue 17, lib/debtor-page): no staff member, the address in the audit log. */
  'debtor.page_opened': z.looseObject({}),
  /** A one-time code went to the debtor's own contact, asked from the page (lib/debtor-page/one-time-code.ts). */
  'debtor.code_sent': z.looseObject({ channel: f.code(['EMAIL', 'SMS']), recipient: f.text(320) }),
  'debtor.disputed': z.looseObject({
    disputeKind: f.label('debtorPage.disputeKinds', DEBTOR_DISPUTE_KINDS),
    text: f.text().nullish(),
    /** How many documents the debtor attached (absent on disputes opened before attachments). */
    attachments: f.count().optional(),
  }),
  'debtor.promised': promise,
  'debtor.callback_requested': z.looseObject({ callbackAt: f.instant() }),
  /** An agent gave the debtor their private page's link (lib/debtor-page/agent-link.ts). */
  'debtor_link.given': z.looseObject({}),
  /** A debtor asked for their personal data or its correction (lib/debtor-page/request-personal-data.ts). */
  'debtor.data_requested': z.looseObject({
    request: f.label('timeline.dataRequests', DATA_REQUESTS),
    deadline: f.day(),
  }),
} as const satisfies Record<string, z.ZodObject>;

export type TimelineKind = keyof typeof TIMELINE_KINDS;
export const TIMELINE_KIND_NAMES = Object.keys(TIMELINE_KINDS) as TimelineKind[];

export type DetailsOf<K extends TimelineKind> = z.input<(typeof TIMELINE_KINDS)[K]>;

/** One timeline line as stored: a kind and the values its message needs. */
export type TimelineEntry = { [K in TimelineKind]: { kind: K; details: DetailsOf<K> } }[TimelineKind];

export function isTimelineKind(kind: string): kind is TimelineKind {
  return Object.hasOwn(TIMELINE_KINDS, kind);
}

/** Builds an entry; the details are checked against the kind's schema when it is written (record.ts). */
export function entry<K extends TimelineKind>(kind: K, details: DetailsOf<K>): TimelineEntry {
  return { kind, details } as TimelineEntry;
}

/** Checks an entry before it is stored: a line the renderer could not show is a bug at the writer, not a page error. */
export function checkEntry(e: TimelineEntry): { kind: TimelineKind; details: Record<string, unknown> } {
  const parsed = TIMELINE_KINDS[e.kind].safeParse(e.details);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Timeline entry ${e.kind} has invalid details — ${problems}`);
  }
  return { kind: e.kind, details: parsed.data as Record<string, unknown> };
}
