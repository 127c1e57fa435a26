import { addDays, addMonths, dayNumber, dayOfNumber, isoWeekday } from '../dates/days';

// The numbers people read (DOMAIN.md "Numbers people read"), defined once: pure functions over cents and
// 'YYYY-MM-DD' days, no clock (callers pass `asOf`), and each definition's plain-language text, shown next to
// the number on every screen and in every export. The SQL that maintains the summary tables
// (summaries.ts) takes its thresholds and activity kinds from the constants below.

export type ReportLocale = 'fr' | 'en';

// ------------------------------------------------------------------------------------------------ buckets

export interface Band {
  key: string;
  /** Inclusive upper bound in days; null for the open-ended last band. */
  maxDays: number | null;
}

/** Age of the debt when it was placed: days from the oldest due date to the day of placement. */
export const AGE_BANDS: readonly Band[] = [
  { key: '0-90', maxDays: 90 },
  { key: '91-180', maxDays: 180 },
  { key: '181-365', maxDays: 365 },
  { key: '366-730', maxDays: 730 },
  { key: '730+', maxDays: null },
];

/** Portfolio aging: days past the claim's due date. A claim not yet due counts as 0–30. */
export const AGING_BUCKETS: readonly Band[] = [
  { key: '0-30', maxDays: 30 },
  { key: '31-60', maxDays: 60 },
  { key: '61-90', maxDays: 90 },
  { key: '91-180', maxDays: 180 },
  { key: '180+', maxDays: null },
];

/** Index of the band `days` falls in (days ≤ 0 fall in the first). */
export function bandIndex(bands: readonly Band[], days: number): number {
  for (let i = 0; i < bands.length; i++) {
    const max = bands[i]!.maxDays;
    if (max === null || days <= max) return i;
  }
  return bands.length - 1;
}

export function ageBandIndex(daysFromDueToPlacement: number): number {
  return bandIndex(AGE_BANDS, daysFromDueToPlacement);
}

export function agingBucketIndex(daysPastDue: number): number {
  return bandIndex(AGING_BUCKETS, daysPastDue);
}

// -------------------------------------------------------------------------------------------------- days

/** First day of the month of `day`: months are written 'YYYY-MM-01' everywhere. */
export function monthOf(day: string): string {
  dayNumber(day);
  return `${day.slice(0, 7)}-01`;
}

/** Whole months from `from` to `to` (both months or days; only year and month count). */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/** The months from `from` to `to`, inclusive, as 'YYYY-MM-01'. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

export type Grain = 'day' | 'week' | 'month';

/** Start of the day, ISO week (Monday) or month holding `day`. */
export function periodStart(day: string, grain: Grain): string {
  if (grain === 'day') return day;
  if (grain === 'week') return addDays(day, 1 - isoWeekday(day));
  return monthOf(day);
}

/** Last day of the period starting on `start`. */
export function periodEnd(start: string, grain: Grain): string {
  if (grain === 'day') return start;
  if (grain === 'week') return addDays(start, 6);
  return addDays(addMonths(start, 1), -1);
}

/** The periods of this grain overlapping [from, to], each clipped to the range. */
export function periodsIn(from: string, to: string, grain: Grain): { start: string; from: string; to: string }[] {
  const out: { start: string; from: string; to: string }[] = [];
  for (let start = periodStart(from, grain); start <= to; start = addDays(periodEnd(start, grain), 1)) {
    const end = periodEnd(start, grain);
    out.push({ start, from: start < from ? from : start, to: end > to ? to : end });
  }
  return out;
}

/** Monday to Friday. Public holidays are not deducted: a target is a pace, not a calendar. */
export function isWorkingDay(day: string): boolean {
  return isoWeekday(day) <= 5;
}

export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = dayNumber(from); d <= dayNumber(to); d++) if (isWorkingDay(dayOfNumber(d))) n++;
  return n;
}

// ----------------------------------------------------------------------------------------------- formulas

/** Recovery rate as a fraction (0.8 for 80 %); null when nothing was placed. */
export function recoveryRate(recoveredCents: number, placedCents: number): number | null {
  return placedCents > 0 ? recoveredCents / placedCents : null;
}

/** Kept ÷ (kept + broken); promises cancelled or still pending are not judged yet. */
export function promiseKeptRate(kept: number, broken: number): number | null {
  return kept + broken > 0 ? kept / (kept + broken) : null;
}

/** Actual ÷ target; null without a target (a target of 0 met by anything is "100 %"). */
export function targetAttainment(actual: number, target: number | null): number | null {
  if (target === null) return null;
  if (target === 0) return actual > 0 ? 1 : null;
  return actual / target;
}

export interface CohortInput {
  placed: { placedMonth: string; placedCents: number }[];
  recovered: { placedMonth: string; paidMonth: string; recoveredCents: number }[];
}

export interface CohortPoint {
  /** 0 = the month of placement itself. */
  monthsSince: number;
  cumulativeCents: number;
  rate: number | null;
}

export interface CohortCurve {
  placedMonth: string;
  placedCents: number;
  points: CohortPoint[];
}

/**
 * Liquidation curves: for each month of placement, the share of the principal placed that month recovered
 * by the end of month k after it, k = 0 … the months elapsed until `asOfMonth`. Money received before its
 * claims' month of placement (a payment dated back) counts in month 0.
 */
export function cohortCurves(input: CohortInput, asOfMonth: string): CohortCurve[] {
  const byMonth = new Map<string, Map<number, number>>();
  for (const r of input.recovered) {
    const k = Math.max(0, monthsBetween(r.placedMonth, r.paidMonth));
    const curve = byMonth.get(r.placedMonth) ?? new Map<number, number>();
    curve.set(k, (curve.get(k) ?? 0) + r.recoveredCents);
    byMonth.set(r.placedMonth, curve);
  }
  return [...input.placed]
    .sort((a, b) => (a.placedMonth < b.placedMonth ? -1 : 1))
    .map(({ placedMonth, placedCents }) => {
      const span = Math.max(0, monthsBetween(placedMonth, asOfMonth));
      const monthly = byMonth.get(placedMonth) ?? new Map<number, number>();
      const points: CohortPoint[] = [];
      let cumulative = 0;
      for (let k = 0; k <= span; k++) {
        cumulative += monthly.get(k) ?? 0;
        points.push({ monthsSince: k, cumulativeCents: cumulative, rate: recoveryRate(cumulative, placedCents) });
      }
      return { placedMonth, placedCents, points };
    });
}

// ---------------------------------------------------------------------------------------------- targets

export type TargetPeriodKind = 'DAY' | 'WEEK' | 'MONTH';
export type TargetMetricKind = 'CALLS' | 'LETTERS' | 'PROMISES_MADE' | 'PROMISES_KEPT' | 'COLLECTED';

export interface TargetRow {
  validFrom: string;
  period: TargetPeriodKind;
  /** A count, or cents for COLLECTED. */
  target: number;
}

/** What one working day of `day` is worth under a target set per day, week or month. */
function dailyShare(t: TargetRow, day: string): number {
  if (t.period === 'DAY') return t.target;
  if (t.period === 'WEEK') return t.target / 5;
  const start = monthOf(day);
  return t.target / workingDaysBetween(start, periodEnd(start, 'month'));
}

/**
 * The target for the span [from, to]: each working day takes its share of the target in force that day
 * (the latest valid_from on or before it), so a month's target over a whole month is exactly that target,
 * and over half a month about half. Null when no target was in force on any day of the span.
 */
export function targetOverSpan(targets: readonly TargetRow[], from: string, to: string): number | null {
  const sorted = [...targets].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  let total = 0;
  let any = false;
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    const day = dayOfNumber(d);
    if (!isWorkingDay(day)) continue;
    let inForce: TargetRow | undefined;
    for (const t of sorted) if (t.validFrom <= day) inForce = t;
    if (!inForce) continue;
    any = true;
    total += dailyShare(inForce, day);
  }
  return any ? Math.round(total) : null;
}

// ---------------------------------------------------------------------------------------- activity kinds

/** Timeline kinds that count as agent activity (the demo history and the contact log write both spellings). */
export const ACTIVITY_KINDS = {
  calls: ['contact.call', 'call.logged'],
  letters: ['letter.sent'],
  emails: ['contact.email', 'email.sent'],
} as const;

/** The channels whose unit cost a manager sets (an escalation to court sends nothing and costs nothing here). */
export const COSTED_CHANNELS = [
  'SIMPLE_LETTER',
  'REGISTERED_LETTER',
  'FORMAL_NOTICE',
  'PRE_JUDICIAL_WARNING',
  'EMAIL',
  'SMS',
  'CALL_TASK',
  'VISIT_TASK',
] as const;
export type CostedChannel = (typeof COSTED_CHANNELS)[number];
export type ChannelCosts = Record<CostedChannel, number>;

/**
 * Unit cost of a scenario step per channel, in cents, for an agency that has not set its own (postage of a
 * letter, a registered letter with acknowledgement, an SMS through a gateway, an agent's time on a call or a
 * visit).
 */
export const DEFAULT_CHANNEL_COST_CENTS: Readonly<ChannelCosts> = {
  SIMPLE_LETTER: 150,
  REGISTERED_LETTER: 750,
  FORMAL_NOTICE: 750,
  PRE_JUDICIAL_WARNING: 750,
  EMAIL: 1,
  SMS: 8,
  CALL_TASK: 300,
  VISIT_TASK: 4000,
};

/** The agency's prices over the defaults; channels outside COSTED_CHANNELS (ESCALATE) cost nothing. */
export function channelCosts(overrides: Partial<Record<string, number>> = {}): ChannelCosts {
  const out = { ...DEFAULT_CHANNEL_COST_CENTS };
  for (const c of COSTED_CHANNELS) {
    const v = overrides[c];
    if (v !== undefined) out[c] = v;
  }
  return out;
}

/** Cost of `executed` steps on `channel`, in cents. */
export function stepCost(channel: string, executed: number, costs: ChannelCosts): number {
  return (COSTED_CHANNELS as readonly string[]).includes(channel) ? executed * costs[channel as CostedChannel] : 0;
}

/** Money recovered within this many days after a step counts for that step. */
export const STEP_ATTRIBUTION_DAYS = 30;

/**
 * Versions are compared on the same footing: the share of principal recovered within this many days of a file's
 * first step, over the files whose first step is at least that old. (Recovered "since the first step" favours
 * the older version, whose files have simply had more time.)
 */
export const VERSION_HORIZON_DAYS = 90;

/** Cost per euro recovered (cents per 100 cents); null when nothing was recovered. */
export function costPerEuro(costCents: number, recoveredCents: number): number | null {
  return recoveredCents > 0 ? costCents / (recoveredCents / 100) : null;
}

/** What it costs to recover €100, in cents (a cost per euro of 1.5 cents is €1.50 per €100); null likewise. */
export function costPer100(costCents: number, recoveredCents: number): number | null {
  const perEuro = costPerEuro(costCents, recoveredCents);
  return perEuro === null ? null : perEuro * 100;
}

// ------------------------------------------------------------------------------------------- definitions

export type DefinitionKey =
  | 'recoveryRate'
  | 'placed'
  | 'recovered'
  | 'collected'
  | 'cohort'
  | 'aging'
  | 'debtAge'
  | 'statuses'
  | 'promiseKeptRate'
  | 'targetAttainment'
  | 'agentActivity'
  | 'scenario';

/** Plain-language definitions shown beside each number (fr first, en complete). */
export const DEFINITIONS: Record<DefinitionKey, Record<ReportLocale, string>> = {
  recoveryRate: {
    fr: 'Taux de recouvrement = principal recouvré ÷ principal confié. Principal confié : créances placées pendant les mois choisis. Principal recouvré : paiements reçus à ce jour sur ces créances, nets des annulations, imputés au principal (intérêts et indemnité de 40 € en sus, non comptés). Exemple : 10 000 € confiés, 8 000 € payés → 80 %.',
    en: 'Recovery rate = principal recovered ÷ principal placed. Principal placed: claims placed during the chosen months. Principal recovered: payments received to date on those claims, net of reversals, imputed to principal (interest and the €40 indemnity come on top and do not count). Example: €10,000 placed, €8,000 paid → 80 %.',
  },
  placed: {
    fr: 'Principal confié : montant des créances reçues du créancier, au mois de leur placement (une créance ajoutée plus tard à un dossier ouvert est placée le jour de son arrivée).',
    en: 'Principal placed: the amount of the claims received from the creditor, in their month of placement (a claim added later to an open file is placed the day it arrives).',
  },
  recovered: {
    fr: 'Principal recouvré : paiements nets des annulations, imputés au principal des créances.',
    en: 'Principal recovered: payments net of reversals, imputed to the principal of the claims.',
  },
  collected: {
    fr: 'Encaissé : tout ce qui a été imputé à la dette (principal, intérêts, indemnité), net des annulations ; un trop-perçu conservé pour le débiteur ne compte pas.',
    en: 'Collected: everything imputed to the debt (principal, interest, indemnity), net of reversals; an overpayment held for the debtor does not count.',
  },
  cohort: {
    fr: 'Courbe de liquidation : pour chaque mois de placement, part cumulée du principal confié ce mois-là recouvrée à la fin du mois 0 (le mois du placement), 1, 2…',
    en: 'Liquidation curve: for each month of placement, the cumulative share of the principal placed that month recovered by the end of month 0 (the month of placement), 1, 2…',
  },
  aging: {
    fr: 'Ancienneté du portefeuille : principal restant dû sur les dossiers ouverts, par jours écoulés depuis l’échéance de chaque créance (0–30, 31–60, 61–90, 91–180, plus de 180 jours) ; une créance pas encore échue compte dans 0–30.',
    en: 'Portfolio aging: principal still owed on open files, by days since each claim’s due date (0–30, 31–60, 61–90, 91–180, over 180 days); a claim not yet due counts as 0–30.',
  },
  debtAge: {
    fr: 'Âge de la dette au placement : jours entre l’échéance la plus ancienne et le placement (0–90, 91–180, 181–365, 366–730, plus de 730 jours).',
    en: 'Debt age at placement: days from the oldest due date to the placement (0–90, 91–180, 181–365, 366–730, over 730 days).',
  },
  statuses: {
    fr: 'Dossiers placés pendant les mois choisis, par phase et statut actuels.',
    en: 'Files placed during the chosen months, by their current phase and status.',
  },
  promiseKeptRate: {
    fr: 'Promesses tenues ÷ promesses arrivées à échéance (tenues + non tenues) sur la période ; les promesses annulées ou en cours ne comptent pas.',
    en: 'Promises kept ÷ promises that came due (kept + broken) in the period; promises cancelled or still pending do not count.',
  },
  targetAttainment: {
    fr: 'Atteinte = réalisé ÷ objectif. Un objectif fixé par jour, semaine ou mois est réparti sur les jours ouvrés (lundi–vendredi) de la période affichée.',
    en: 'Attainment = actual ÷ target. A target set per day, week or month is spread over the working days (Monday–Friday) of the period shown.',
  },
  agentActivity: {
    fr: 'Activité : appels et courriels consignés, lettres envoyées par l’agent ; promesses obtenues (jour de la promesse), tenues ou non (jour du constat) ; encaissé sur les paiements qu’il a enregistrés, au jour de réception.',
    en: 'Activity: calls and e-mails logged, letters sent by the agent; promises obtained (on the day made), kept or broken (on the day judged); collected on the payments they recorded, on the day received.',
  },
  scenario: {
    fr: 'Par version de scénario et étape : exécutions, coût estimé (exécutions × coût unitaire du canal fixé par l’agence), principal recouvré dans les 30 jours suivant l’étape ; par version : principal recouvré depuis la première étape de chaque dossier. Taux à 90 jours = principal recouvré dans les 90 jours suivant la première étape ÷ principal confié, sur les seuls dossiers dont la première étape date d’au moins 90 jours : il compare les versions à durée égale. Coût pour 100 € = coût ÷ principal recouvré × 100. Toutes périodes ; seul le filtre créancier s’applique.',
    en: 'Per scenario version and step: executions, estimated cost (executions × the unit cost the agency set for the channel), principal recovered within 30 days after the step; per version: principal recovered since each file’s first step. 90-day rate = principal recovered within 90 days after the first step ÷ principal placed, over the files whose first step is at least 90 days old: it compares versions over the same length of time. Cost per €100 = cost ÷ principal recovered × 100. All periods; only the creditor filter applies.',
  },
};

export function definition(key: DefinitionKey, locale: ReportLocale): string {
  return DEFINITIONS[key][locale];
}

/** One row of judicial_fact, as the pipeline reads it. */
export interface JudicialFactRow {
  route: string;
  stage: string;
  outcome: string;
  procedures: number;
  titled: number;
  daysToTitle: number;
  costsCents: number;
  collectedCents: number;
  deadlinesAtRisk: number;
  deadlinesLapsed: number;
}

export interface RoutePipeline {
  route: string;
  procedures: number;
  /** Procedures per last step, running ones only. */
  stages: Record<string, number>;
  titled: number;
  /**
   * Titles among the procedures that reached an outcome (a title, a failure, a void order, given up, a file closed
   * irrecoverable; a file paid or withdrawn only after its title); null: none yet.
   */
  successRate: number | null;
  /** Average days from the start to an enforceable title; null without a title. */
  daysToTitle: number | null;
  costsCents: number;
  collectedCents: number;
  deadlinesAtRisk: number;
  deadlinesLapsed: number;
}

/** The pipeline per route, from the fact rows: counts by stage, success rate, time to title, costs against money. */
export function pipelineByRoute(rows: readonly JudicialFactRow[]): RoutePipeline[] {
  const byRoute = new Map<string, RoutePipeline & { decided: number }>();
  for (const r of rows) {
    const p =
      byRoute.get(r.route) ??
      byRoute
        .set(r.route, {
          route: r.route,
          procedures: 0,
          stages: {},
          titled: 0,
          successRate: null,
          daysToTitle: null,
          costsCents: 0,
          collectedCents: 0,
          deadlinesAtRisk: 0,
          deadlinesLapsed: 0,
          decided: 0,
        })
        .get(r.route)!;
    p.procedures += r.procedures;
    if (r.outcome === '' || r.outcome === 'TITLE') p.stages[r.stage] = (p.stages[r.stage] ?? 0) + r.procedures;
    // A procedure its file's closing ended (paid or withdrawn before any decision) reached no judicial outcome: it
    // counts among the decided only when it had obtained its title. An irrecoverable file ended it in failure.
    if (r.outcome === 'PAID' || r.outcome === 'WITHDRAWN') p.decided += r.titled;
    else if (r.outcome !== '' && r.outcome !== 'RELAYED') p.decided += r.procedures;
    p.titled += r.titled;
    p.daysToTitle = (p.daysToTitle ?? 0) + r.daysToTitle;
    p.costsCents += r.costsCents;
    p.collectedCents += r.collectedCents;
    p.deadlinesAtRisk += r.deadlinesAtRisk;
    p.deadlinesLapsed += r.deadlinesLapsed;
  }
  return [...byRoute.values()].map(({ decided, ...p }) => ({
    ...p,
    successRate: decided > 0 ? p.titled / decided : null,
    daysToTitle: p.titled > 0 ? Math.round((p.daysToTitle ?? 0) / p.titled) : null,
  }));
}
