import { addDays, addMonths, daysBetween } from '../dates/days';

/**
 * Limitation (prescription) per claim: the last day a claim can still be pursued, from its legal basis and what
 * happened since (acknowledgments, mediation, court action). Pure: no clock, no I/O; days are 'YYYY-MM-DD'.
 *
 * A term counts in days and is acquired once its last day has passed (C. civ. 2228-2229); a term in years ends on
 * the day bearing the same number, or the month's last day when there is none (CPC 641: 29 February → 28).
 */

export type LimitationBasis =
  'CONSUMER' | 'COMMERCIAL' | 'CIVIL' | 'TRANSPORT' | 'RESIDENTIAL_RENT' | 'CONSUMER_CREDIT' | 'COURT_TITLE';

export const LIMITATION_BASES: readonly LimitationBasis[] = [
  'CONSUMER',
  'COMMERCIAL',
  'CIVIL',
  'TRANSPORT',
  'RESIDENTIAL_RENT',
  'CONSUMER_CREDIT',
  'COURT_TITLE',
];

export interface BasisRule {
  years: number;
  /** The article that sets the period, printed next to the date on the file page. */
  article: string;
  /**
   * A forclusion, not a prescription: C. civ. 2220 keeps it out of the Code civil's prescription title, so no
   * acknowledgment, payment or mediation interrupts or suspends it; only a court action does (C. civ. 2241 al. 1:
   * « La demande en justice, même en référé, interrompt le délai de prescription ainsi que le délai de forclusion »).
   */
  forclusion: boolean;
}

export const LIMITATION_RULES: Record<LimitationBasis, BasisRule> = {
  // C. conso. L218-2: « L'action des professionnels, pour les biens ou les services qu'ils fournissent aux
  // consommateurs, se prescrit par deux ans. »
  CONSUMER: { years: 2, article: 'C. conso. L218-2', forclusion: false },
  // C. com. L110-4: obligations born of trade between traders, or between traders and non-traders, 5 years.
  COMMERCIAL: { years: 5, article: 'C. com. L110-4', forclusion: false },
  // C. civ. 2224: personal or movable actions, 5 years from when the holder knew or should have known the facts.
  CIVIL: { years: 5, article: 'C. civ. 2224', forclusion: false },
  // C. com. L133-6 al. 2: every action the contract of carriage gives rise to, against the carrier or the shipper
  // or consignee, within one year (counted from delivery; the claim's due date stands in for it).
  TRANSPORT: { years: 1, article: 'C. com. L133-6', forclusion: false },
  // Loi n° 89-462 du 6 juillet 1989 art. 7-1: « Toutes actions dérivant d'un contrat de bail sont prescrites par
  // trois ans » (residential lease; it prevails over L218-2 even for a professional landlord, Civ. 3e 26 Jan 2017).
  RESIDENTIAL_RENT: { years: 3, article: 'Loi 89-462 art. 7-1', forclusion: false },
  // C. conso. R312-35 al. 1: actions for payment after a borrower's default « doivent être formées dans les deux ans
  // de l'événement qui leur a donné naissance à peine de forclusion » (the first unregularised payment incident, the
  // non-payment after termination…). Al. 2 moves the start after a rescheduling: see limitationOf.
  CONSUMER_CREDIT: { years: 2, article: 'C. conso. R312-35', forclusion: true },
  // CPCE L111-4: a court decision (titles 1° to 3° of L111-3) can be enforced for ten years; the 20-year ceiling of
  // C. civ. 2232 does not apply to it (L111-4 al. 2).
  COURT_TITLE: { years: 10, article: 'CPCE L111-4', forclusion: false },
};

/**
 * The basis a claim takes when nobody chose one: from its nature. A business claim is commercial (L110-4), a
 * consumer one L218-2, a civil one (e.g. a private landlord or lender) C. civ. 2224. Transport, rent, consumer
 * credit and court titles are set by an agent: the nature alone cannot tell them.
 */
export function defaultBasis(nature: 'B2B' | 'CONSUMER' | 'CIVIL'): LimitationBasis {
  return nature === 'B2B' ? 'COMMERCIAL' : nature;
}

/**
 * What can happen to a running period, recorded per claim (limitation_event):
 * - PAYMENT, PLAN_AGREED, WRITTEN_ACKNOWLEDGMENT: the debtor acknowledges the debt, which interrupts the
 *   prescription (C. civ. 2240); the interruption erases the time run and starts a new period of the same
 *   length from that day (C. civ. 2231).
 * - COURT_ACTION: a claim brought before a court, even in summary proceedings, interrupts prescription and
 *   forclusion alike (C. civ. 2241).
 * - SUSPENSION: mediation or conciliation agreed after the dispute arose, or the debtor's agreement to the
 *   small-claims procedure of CPCE L125-1 (C. civ. 2238 al. 1). The period stops running without erasing what
 *   already ran (C. civ. 2230), and runs again from the end for what was left, « pour une durée qui ne peut être
 *   inférieure à six mois » (2238 al. 2 and 3). `endsOn` null: still under way, so no end date can be known.
 * - PAYMENT_INCIDENT: an instalment left unpaid (a broken plan's, or the credit's own, recorded by an agent): for
 *   consumer credit, the first one after the first rescheduling is the new start of the forclusion (R312-35 al. 2),
 *   and a later one becomes the start once those before it are regularised. It means nothing to a prescription.
 * - INCIDENT_REGULARISED: the oldest unregularised incident was made good (the arrears paid) that day: the
 *   forclusion then runs from the next unregularised incident, or not at all while there is none (R312-35 al. 1:
 *   « le premier incident de paiement non régularisé »). It means nothing to a prescription.
 */
export type LimitationEventKind =
  | 'PAYMENT'
  | 'PLAN_AGREED'
  | 'WRITTEN_ACKNOWLEDGMENT'
  | 'COURT_ACTION'
  | 'SUSPENSION'
  | 'PAYMENT_INCIDENT'
  | 'INCIDENT_REGULARISED';

export const LIMITATION_EVENT_KINDS: readonly LimitationEventKind[] = [
  'PAYMENT',
  'PLAN_AGREED',
  'WRITTEN_ACKNOWLEDGMENT',
  'COURT_ACTION',
  'SUSPENSION',
  'PAYMENT_INCIDENT',
  'INCIDENT_REGULARISED',
];

export interface LimitationEvent {
  kind: LimitationEventKind;
  on: string;
  /** SUSPENSION only: the day it ended (the parties or the mediator declared it over); null while under way. */
  endsOn?: string | null;
}

export interface Limitation {
  /** Last day the claim can be pursued; null while a suspension is under way (the date is not known yet). */
  on: string | null;
  /** The interruption the current period runs from, if any. */
  interruptedOn: string | null;
  /** Start of a suspension still under way. */
  suspendedSince: string | null;
  /**
   * Consumer credit only: the first rescheduling of the unpaid instalments, when no unregularised incident has
   * followed it yet. The forclusion does not run meanwhile (R312-35 al. 2), so `on` is null.
   */
  rescheduledOn: string | null;
  /**
   * Consumer credit only: every incident was regularised (the last on this day) and none has followed: the
   * forclusion does not run, so `on` is null. Absent otherwise.
   */
  regularisedOn?: string;
}

const addYears = (day: string, years: number) => addMonths(day, 12 * years);
/** C. civ. 2238 al. 2-3: after mediation or the small-claims procedure, at least six more months. */
const AFTER_SUSPENSION_MONTHS = 6;
/** C. civ. 2232: interruptions and suspensions never carry a prescription past 20 years from the right's birth. */
const CEILING_YEARS = 20;

const ACKNOWLEDGMENTS: readonly LimitationEventKind[] = ['PAYMENT', 'PLAN_AGREED', 'WRITTEN_ACKNOWLEDGMENT'];

/**
 * The claim's limitation date: `years` after `startsOn`, moved by each event in the order they happened. An event
 * after the period ended changes nothing: a time-barred debt is not revived by a payment (C. civ. 2249 only keeps
 * the payment from being reclaimed).
 *
 * Consumer credit (a forclusion) moves only two ways. A court action interrupts it (C. civ. 2241). And R312-35 al. 2:
 * « Lorsque les modalités de règlement des échéances impayées ont fait l'objet d'un réaménagement ou d'un
 * rééchelonnement, le point de départ du délai de forclusion est le premier incident non régularisé intervenu après
 * le premier aménagement ou rééchelonnement conclu entre les intéressés » — so the first plan agreed before the
 * forclusion was acquired stops the clock, and the two years start again from the first unregularised incident
 * after it (a plan instalment missed past its grace period, PAYMENT_INCIDENT). A second plan changes nothing: the
 * text names the first. While the first plan is honoured no date can be known (`rescheduledOn`).
 *
 * R312-35 al. 1 runs the forclusion from « le premier incident de paiement non régularisé »: the claim's start is
 * its first incident, later ones (PAYMENT_INCIDENT) queue behind it, and a regularisation (INCIDENT_REGULARISED)
 * makes good the oldest, so the start moves to the next one still unregularised — or nowhere while none is left.
 */
export function limitationOf(basis: LimitationBasis, startsOn: string, events: readonly LimitationEvent[]): Limitation {
  const rule = LIMITATION_RULES[basis];
  const ceiling = addYears(startsOn, CEILING_YEARS);
  // Days are YYYY-MM-DD, so string order is calendar order. Suspensions first on a tie: an acknowledgment the
  // same day then starts its full new period. An incident before a regularisation the same day: the arrears it
  // made good included that day's.
  const rank = (e: LimitationEvent) => (e.kind === 'SUSPENSION' ? 0 : e.kind === 'INCIDENT_REGULARISED' ? 2 : 1);
  const sorted = [...events].sort((a, b) => (a.on === b.on ? rank(a) - rank(b) : a.on < b.on ? -1 : 1));
  let end = addYears(startsOn, rule.years);
  let interruptedOn: string | null = null;
  // A court action (2241) is outside the 2232 ceiling (2232 al. 2), and so is a court title (L111-4 al. 2).
  let capped = basis !== 'COURT_TITLE';
  // R312-35 al. 2: the first rescheduling; `waiting` while no incident has followed it (the clock stands still).
  let rescheduledOn: string | null = null;
  let waiting = false;
  // R312-35 al. 1: the unregularised incidents, oldest first; the forclusion runs from the oldest. Once a court
  // action interrupted it, incidents and their regularisation no longer move it.
  let incidents: string[] = [startsOn];
  let regularisedOn: string | null = null;
  let sued = false;
  const runFrom = (day: string) => {
    end = addYears(day, rule.years);
    interruptedOn = day;
  };
  for (const event of sorted) {
    const running = !waiting && (!rule.forclusion || sued || incidents.length > 0);
    if (event.on < startsOn || (event.on > end && running)) continue;
    if (event.kind === 'COURT_ACTION') {
      runFrom(event.on);
      capped = false;
      waiting = false;
      sued = true;
    } else if (rule.forclusion) {
      // C. civ. 2220: nothing else stops a forclusion, but R312-35 moves its start.
      if (event.kind === 'PLAN_AGREED' && rescheduledOn === null) {
        rescheduledOn = event.on;
        waiting = true;
        incidents = [];
      } else if (event.kind === 'PAYMENT_INCIDENT' && !sued && (rescheduledOn === null || event.on > rescheduledOn)) {
        incidents.push(event.on);
        waiting = false;
        if (incidents.length === 1) runFrom(event.on);
      } else if (event.kind === 'INCIDENT_REGULARISED' && !sued && !waiting && incidents.length > 0) {
        incidents.shift();
        regularisedOn = event.on;
        if (incidents.length > 0) runFrom(incidents[0]!);
      }
    } else if (ACKNOWLEDGMENTS.includes(event.kind)) {
      runFrom(event.on);
    } else if (event.kind === 'SUSPENSION') {
      if (!event.endsOn) return { on: null, interruptedOn, suspendedSince: event.on, rescheduledOn: null };
      const left = daysBetween(event.on, end);
      const resumed = addDays(event.endsOn, left);
      const floor = addMonths(event.endsOn, AFTER_SUSPENSION_MONTHS);
      end = resumed > floor ? resumed : floor;
    }
  }
  if (waiting) return { on: null, interruptedOn, suspendedSince: null, rescheduledOn };
  if (rule.forclusion && !sued && incidents.length === 0)
    return { on: null, interruptedOn, suspendedSince: null, rescheduledOn: null, regularisedOn: regularisedOn! };
  if (capped && end > ceiling) end = ceiling;
  return { on: end, interruptedOn, suspendedSince: null, rescheduledOn: null };
}

/** A claim is time-barred on `today` once its last day has passed (C. civ. 2229). Unknown (suspended): not barred. */
export function isTimeBarred(limitationOn: string | null, today: string): boolean {
  return limitationOn !== null && today > limitationOn;
}
