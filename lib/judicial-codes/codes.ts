// The codes of the judicial phase, plain lists with no dependency: the timeline (lib/history), the agenda's task notes
// (lib/tasks) and the judicial module itself name them, and the first two must not depend on the third (it writes
// through them). What each code means and does lives in lib/judicial/catalogue.ts; its words in messages/*.json.

export const ROUTE_CODES = [
  'INJONCTION_DE_PAYER',
  'PETITES_CREANCES',
  'REFERE_PROVISION',
  'ASSIGNATION_AU_FOND',
  'MESURES_CONSERVATOIRES',
] as const;
export type RouteCode = (typeof ROUTE_CODES)[number];

export const STEP_KINDS = [
  'STARTED',
  'REQUEST_FILED',
  'ORDER_GRANTED',
  'ORDER_PARTLY_GRANTED',
  'ORDER_REFUSED',
  'ORDER_SERVED',
  'ORDER_LAPSED',
  'OPPOSITION_FILED',
  'NO_OPPOSITION',
  'OFFER_SENT',
  'AGREEMENT_REACHED',
  'OFFER_FAILED',
  'SUMMONS_SERVED',
  'HEARING_SET',
  'DECISION_GRANTED',
  'DECISION_DISMISSED',
  'DECISION_SERVED',
  'APPEAL_FILED',
  'APPEAL_DECIDED',
  'AUTHORISATION_REQUESTED',
  'AUTHORISATION_GRANTED',
  'MEASURE_EXECUTED',
  'MERITS_STARTED',
  'ENFORCEMENT_STARTED',
  'ABANDONED',
  /** Written by the file store, never by a person: the file closed with the procedure running, which ends it. */
  'FILE_CLOSED',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const DEADLINE_KINDS = [
  /** CPC 1411: the order not served within six months of its date is void (non avenue). */
  'SERVICE',
  /** CPC 1416: opposition within one month of service. */
  'OPPOSITION',
  /** CPCE R125-3 (L125-1): the debtor's month to accept the commissaire de justice's offer. */
  'OFFER_ANSWER',
  /** CPC 490 (référé, 15 days) and 538 (one month): appeal from the service of the decision. */
  'APPEAL',
  /** CPCE R511-6: the authorisation lapses unless the measure is executed within three months. */
  'MEASURE_EXECUTION',
  /** CPCE R511-7: within one month of the measure, start a procedure to obtain a title, or it lapses. */
  'MERITS_ACTION',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Why a manager sends a file back to the amicable phase: codes shown as `escalation.sendBack.<CODE>`. */
export const SEND_BACK_REASONS = [
  'DEBTOR_REACHED',
  'PAYMENT_PROMISED',
  'NEW_ADDRESS',
  'COSTS_EXCEED_AMOUNT',
  'DISPUTE_TO_ANSWER',
  'MISSING_DOCUMENTS',
  'CREDITOR_REFUSED',
  'OTHER',
] as const;
export type SendBackReason = (typeof SEND_BACK_REASONS)[number];

/**
 * How a running procedure ends when its file closes, whatever closed it (a closing decision, the last payment, a
 * correction): the outcome is the closed status itself. lib/cases/file-store writes it; the codes sit here because
 * cases cannot depend on the judicial module (which depends on cases).
 */
export const FILE_CLOSED_OUTCOMES = ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'] as const;
export type FileClosedOutcome = (typeof FILE_CLOSED_OUTCOMES)[number];
