import { z } from 'zod';
import { f } from '../history/fields';
import {
  FILE_CLOSED_OUTCOMES,
  ROUTE_CODES,
  STEP_KINDS,
  type DeadlineKind,
  type RouteCode,
  type StepKind,
} from '../judicial-codes/codes';

// The procedure catalogue, as data (France first): each route's steps, what each step takes, the deadlines it opens
// and meets, the documents it needs and its typical costs. A route of another country is a new row here; nothing
// else in lib/judicial names a route. Every step is stored as its kind and values (judicial_step) and shown as
// `judicial.steps.<KIND>` in messages/*.json; deadlines as `judicial.deadlines.<KIND>`, documents as
// `judicial.documents.<CODE>`, routes as `judicial.routes.<CODE>`.

/** The values each step kind takes (stored in judicial_step.details, checked by zod, rendered by kind). */
export const STEP_VALUES = {
  /** The manager approved the route: the procedure starts (lib/escalation/approve-escalation.ts). */
  STARTED: z.looseObject({}),
  // Injonction de payer (CPC 1405 s.)
  REQUEST_FILED: z.looseObject({ court: f.text(200).optional(), requestedCents: f.money().optional() }),
  ORDER_GRANTED: z.looseObject({ grantedCents: f.money().optional() }),
  // What the order refused, in the agent's words: the reason of the claims' corrections it brings.
  ORDER_PARTLY_GRANTED: z.looseObject({ grantedCents: f.money(), note: f.text(500).optional() }),
  ORDER_REFUSED: z.looseObject({}),
  ORDER_SERVED: z.looseObject({}),
  ORDER_LAPSED: z.looseObject({}),
  OPPOSITION_FILED: z.looseObject({}),
  NO_OPPOSITION: z.looseObject({}),
  // Petites créances (CPCE L125-1)
  OFFER_SENT: z.looseObject({}),
  AGREEMENT_REACHED: z.looseObject({ agreedCents: f.money().optional() }),
  OFFER_FAILED: z.looseObject({}),
  // Référé-provision, assignation au fond (and the trial after an opposition): dates only, the lawyer runs them.
  SUMMONS_SERVED: z.looseObject({}),
  HEARING_SET: z.looseObject({ hearingOn: f.day() }),
  DECISION_GRANTED: z.looseObject({ grantedCents: f.money().optional() }),
  DECISION_DISMISSED: z.looseObject({}),
  DECISION_SERVED: z.looseObject({}),
  APPEAL_FILED: z.looseObject({}),
  APPEAL_DECIDED: z.looseObject({ upheld: f.flag() }),
  // Mesures conservatoires (CPCE L511-1 s.)
  AUTHORISATION_REQUESTED: z.looseObject({}),
  AUTHORISATION_GRANTED: z.looseObject({}),
  MEASURE_EXECUTED: z.looseObject({}),
  MERITS_STARTED: z.looseObject({}),
  // Any route: after a title, enforcement; or the agency stops.
  ENFORCEMENT_STARTED: z.looseObject({}),
  ABANDONED: z.looseObject({ note: f.text(500).optional() }),
  // The file closed with the procedure running (lib/cases/end-court-procedures.ts): no route offers it to a person.
  FILE_CLOSED: z.looseObject({ status: f.label('judicial.outcomes', FILE_CLOSED_OUTCOMES) }),
} as const satisfies Record<StepKind, z.ZodObject>;

/**
 * Deadlines the other side holds (the debtor's opposition or answer, an appeal): their end is not the agency's
 * failure but its cue to act. Every other deadline is the creditor's to meet; past its day unmet, it has lapsed.
 */
export const WATCHED_DEADLINES: readonly DeadlineKind[] = ['OPPOSITION', 'OFFER_ANSWER', 'APPEAL'];

/** How long a deadline runs: months (CPC 641 al. 1) or days (641 al. 1 too: the day of the act does not count). */
export type Span = { months: number } | { days: number };

/**
 * How a procedure ends: a title, a failure, a void order, given up, or relayed by a procedure on the merits; or, when
 * its file closes while it runs, the closed status (FILE_CLOSED_OUTCOMES: paid, irrecoverable, withdrawn).
 */
export type Outcome = 'TITLE' | 'FAILED' | 'LAPSED' | 'ABANDONED' | 'RELAYED';

export interface StepRule {
  kind: StepKind;
  /** The stages (last step kinds) it may follow. */
  after: readonly StepKind[];
  /** Deadlines it opens, counted from the step's day (or from the end of another deadline it opens). */
  opens?: readonly { kind: DeadlineKind; span: Span; fromEndOf?: DeadlineKind }[];
  /** Deadlines it meets (closes). */
  meets?: readonly DeadlineKind[];
  /** It may only be recorded once this open deadline has run out (no opposition: the month is over). */
  afterExpiryOf?: DeadlineKind;
  /** It may only be recorded once this open deadline has run out unmet: a void order. */
  onlyIfLapsed?: DeadlineKind;
  /** Recording it ends the procedure. */
  ends?: Outcome;
  /** It gives the creditor an enforceable title from its day (or the day after the deadline it waited for). */
  title?: boolean;
  /** It brings the claims before a court: limitation interrupted (C. civ. 2241). */
  courtAction?: boolean;
  /** A decision that may award costs (dépens, article 700), entered with it. */
  awardsCosts?: boolean;
}

export interface RouteCosts {
  /** Court fees (greffe), typical, in cents. */
  courtCents: number;
  /** Commissaire de justice's fees (service, offer, enforcement), typical, in cents. */
  bailiffCents: number;
  /** A lawyer's fees, typical, in cents (0 where none is needed). */
  lawyerCents: number;
}

export interface RouteRule {
  code: RouteCode;
  country: 'FR';
  /** The article that founds it, printed next to its name. */
  article: string;
  /** Ceiling of the amount claimed (principal and interest), in cents, where the law sets one. */
  maxCents?: number;
  /** Typical costs for the estimate the manager weighs against the amount: figures the agency records as costs. */
  costs: RouteCosts;
  /** Typical months to a title, for the estimate. */
  typicalMonths: number;
  documents: readonly DocumentCode[];
  steps: readonly StepRule[];
}

export const DOCUMENT_CODES = [
  'REQUEST',
  'EXHIBIT_LIST',
  'INVOICES',
  'CONTRACT',
  'FORMAL_NOTICE',
  'DOSSIER',
  'SUMMONS',
  'DECISION',
] as const;
export type DocumentCode = (typeof DOCUMENT_CODES)[number];

const ABANDON: StepRule = {
  kind: 'ABANDONED',
  after: STEP_KINDS.filter((k) => k !== 'ABANDONED' && k !== 'FILE_CLOSED'),
  ends: 'ABANDONED',
};
const ENFORCE = (after: readonly StepKind[]): StepRule => ({ kind: 'ENFORCEMENT_STARTED', after });

// A trial (after an opposition, a summons on the merits or in référé): hearing dates, the decision, its service,
// appeals. `appeal` is the appeal period from service (CPC 538: one month; 490: fifteen days in référé).
function trial(start: StepKind, appeal: Span): StepRule[] {
  const pending: StepKind[] = [start, 'HEARING_SET'];
  return [
    { kind: 'HEARING_SET', after: pending },
    { kind: 'DECISION_GRANTED', after: pending, awardsCosts: true },
    { kind: 'DECISION_DISMISSED', after: pending, ends: 'FAILED' },
    // First-instance decisions are provisionally enforceable (CPC 514, référé CPC 489) once served.
    {
      kind: 'DECISION_SERVED',
      after: ['DECISION_GRANTED'],
      opens: [{ kind: 'APPEAL', span: appeal }],
      title: true,
    },
    { kind: 'APPEAL_FILED', after: ['DECISION_SERVED'], meets: ['APPEAL'] },
    { kind: 'APPEAL_DECIDED', after: ['APPEAL_FILED'], awardsCosts: true },
  ];
}

/** A route a lawyer runs by summons before a court: the summons interrupts limitation, then the trial. */
function summonsRoute(
  code: RouteCode,
  article: string,
  lawyerCents: number,
  typicalMonths: number,
  appeal: Span,
): RouteRule {
  return {
    code,
    country: 'FR',
    article,
    costs: { courtCents: 0, bailiffCents: 12_000, lawyerCents },
    typicalMonths,
    documents: ['SUMMONS', 'EXHIBIT_LIST', 'INVOICES', 'CONTRACT', 'FORMAL_NOTICE'],
    steps: [
      { kind: 'SUMMONS_SERVED', after: ['STARTED'], courtAction: true },
      ...trial('SUMMONS_SERVED', appeal),
      ENFORCE(['DECISION_SERVED', 'APPEAL_DECIDED']),
      ABANDON,
    ],
  };
}

export const ROUTES: Record<RouteCode, RouteRule> = {
  INJONCTION_DE_PAYER: {
    code: 'INJONCTION_DE_PAYER',
    country: 'FR',
    article: 'CPC 1405-1425',
    // No fee at the tribunal judiciaire; €33.47 at the tribunal de commerce's greffe; service about €100.
    costs: { courtCents: 3_347, bailiffCents: 10_000, lawyerCents: 0 },
    typicalMonths: 4,
    documents: ['REQUEST', 'EXHIBIT_LIST', 'INVOICES', 'CONTRACT', 'FORMAL_NOTICE'],
    steps: [
      { kind: 'REQUEST_FILED', after: ['STARTED'], courtAction: true },
      // CPC 1409: the judge grants, refuses, or grants part of the sum; CPC 1410 (since 1 March 2022): the order is
      // handed over already bearing the executory formula, so no request to affix it follows.
      {
        kind: 'ORDER_GRANTED',
        after: ['REQUEST_FILED'],
        opens: [{ kind: 'SERVICE', span: { months: 6 } }],
        awardsCosts: true,
      },
      {
        kind: 'ORDER_PARTLY_GRANTED',
        after: ['REQUEST_FILED'],
        opens: [{ kind: 'SERVICE', span: { months: 6 } }],
        awardsCosts: true,
      },
      // CPC 1409 al. 2: no appeal from a refusal; the creditor may sue by the ordinary route (a new procedure).
      { kind: 'ORDER_REFUSED', after: ['REQUEST_FILED'], ends: 'FAILED' },
      // CPC 1411: served within six months; CPC 1416: opposition within one month of service. When the service
      // did not reach the debtor in person, 1416 al. 2 keeps opposition open until the first enforcement measure:
      // the month counted here is then the earliest day the commissaire de justice can act.
      {
        kind: 'ORDER_SERVED',
        after: ['ORDER_GRANTED', 'ORDER_PARTLY_GRANTED'],
        meets: ['SERVICE'],
        opens: [{ kind: 'OPPOSITION', span: { months: 1 } }],
      },
      {
        kind: 'ORDER_LAPSED',
        after: ['ORDER_GRANTED', 'ORDER_PARTLY_GRANTED'],
        onlyIfLapsed: 'SERVICE',
        ends: 'LAPSED',
      },
      // CPC 1417-1420: the opposition brings the claim before the court, which rules on it (a trial).
      { kind: 'OPPOSITION_FILED', after: ['ORDER_SERVED'], meets: ['OPPOSITION'] },
      ...trial('OPPOSITION_FILED', { months: 1 }),
      // CPC 1422: without opposition within the month, the order has every effect of a judgment after hearing both
      // parties: enforceable from the day after the month ran out (the greffe's certificate of non-opposition).
      {
        kind: 'NO_OPPOSITION',
        after: ['ORDER_SERVED'],
        afterExpiryOf: 'OPPOSITION',
        meets: ['OPPOSITION'],
        title: true,
      },
      ENFORCE(['NO_OPPOSITION', 'DECISION_SERVED', 'APPEAL_DECIDED']),
      ABANDON,
    ],
  },
  PETITES_CREANCES: {
    code: 'PETITES_CREANCES',
    country: 'FR',
    article: 'CPCE L125-1, R125-1 s.',
    // L125-1 and R125-1: claims of at most €5,000, principal and interest.
    maxCents: 500_000,
    costs: { courtCents: 0, bailiffCents: 15_000, lawyerCents: 0 },
    typicalMonths: 2,
    documents: ['INVOICES', 'CONTRACT', 'FORMAL_NOTICE', 'DOSSIER'],
    steps: [
      // R125-3: the offer by registered letter or electronically; the debtor has one month to answer.
      { kind: 'OFFER_SENT', after: ['STARTED'], opens: [{ kind: 'OFFER_ANSWER', span: { months: 1 } }] },
      // L125-1 al. 3: the agreement the commissaire de justice records gets the executory formula (a title).
      { kind: 'AGREEMENT_REACHED', after: ['OFFER_SENT'], meets: ['OFFER_ANSWER'], title: true },
      // Refusal or silence: the commissaire de justice certifies the failure; a court route remains open.
      { kind: 'OFFER_FAILED', after: ['OFFER_SENT'], meets: ['OFFER_ANSWER'], ends: 'FAILED' },
      ENFORCE(['AGREEMENT_REACHED']),
      ABANDON,
    ],
  },
  // CPC 835 al. 2: a provision when the obligation is not seriously disputable; CPC 490: 15 days to appeal.
  REFERE_PROVISION: summonsRoute('REFERE_PROVISION', 'CPC 835 al. 2', 120_000, 3, { days: 15 }),
  // CPC 538: one month to appeal a judgment on the merits.
  ASSIGNATION_AU_FOND: summonsRoute('ASSIGNATION_AU_FOND', 'CPC 54 s., 750 s.', 250_000, 12, { months: 1 }),
  MESURES_CONSERVATOIRES: {
    code: 'MESURES_CONSERVATOIRES',
    country: 'FR',
    article: 'CPCE L511-1 s., R511-1 s.',
    costs: { courtCents: 0, bailiffCents: 25_000, lawyerCents: 80_000 },
    typicalMonths: 1,
    documents: ['REQUEST', 'EXHIBIT_LIST', 'INVOICES', 'CONTRACT'],
    steps: [
      { kind: 'AUTHORISATION_REQUESTED', after: ['STARTED'] },
      {
        kind: 'AUTHORISATION_GRANTED',
        after: ['AUTHORISATION_REQUESTED'],
        opens: [{ kind: 'MEASURE_EXECUTION', span: { months: 3 } }],
      },
      { kind: 'DECISION_DISMISSED', after: ['AUTHORISATION_REQUESTED'], ends: 'FAILED' },
      {
        kind: 'MEASURE_EXECUTED',
        after: ['AUTHORISATION_GRANTED'],
        meets: ['MEASURE_EXECUTION'],
        opens: [{ kind: 'MERITS_ACTION', span: { months: 1 } }],
      },
      // The measure secures the claim; a procedure to obtain a title relays it (the next one on the file).
      { kind: 'MERITS_STARTED', after: ['MEASURE_EXECUTED'], meets: ['MERITS_ACTION'], ends: 'RELAYED' },
      ABANDON,
    ],
  },
};

export function isRouteCode(code: string): code is RouteCode {
  return (ROUTE_CODES as readonly string[]).includes(code);
}

/** The rule of a step on a route, or null when the route has no such step. */
export function stepRule(route: RouteCode, kind: string): StepRule | null {
  return ROUTES[route].steps.find((s) => s.kind === kind) ?? null;
}

/** The steps that may follow a stage on a route (what the procedure's form offers). */
export function nextSteps(route: RouteCode, stage: string): StepRule[] {
  return ROUTES[route].steps.filter((s) => (s.after as readonly string[]).includes(stage));
}

/** What the route is expected to cost, in total, against the amount at stake. */
export function expectedCostCents(route: RouteCode): number {
  const c = ROUTES[route].costs;
  return c.courtCents + c.bailiffCents + c.lawyerCents;
}
