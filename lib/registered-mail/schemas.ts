import { z } from 'zod';
import { frenchDay } from '../dates/days';
import { parseDay } from '../dates/parse-day';

/**
 * La Poste registered numbers: domestic ones are 13 characters, a digit and a letter for the service (1A, 1K, 2C…)
 * then 11 digits, printed "1A 123 456 7890 1"; international ones follow the UPU S10 form "RR123456789FR".
 */
export const TRACKING_NUMBER = /^(?:\d[A-Z]\d{11}|[A-Z]{2}\d{9}[A-Z]{2})$/;
/** How the number is printed or typed (spaces, dots, dashes, lower case) does not matter. */
export const normaliseTracking = (s: string) => s.replace(/[\s.\-\u00a0\u202f]+/g, '').toUpperCase();

/** What La Poste reports for a registered letter (document.delivery_outcome). */
export const DELIVERY_OUTCOMES = ['DELIVERED', 'UNCLAIMED', 'UNKNOWN_ADDRESS'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/**
 * The mailing house's file of registered letters: for each letter, its La Poste number, the day it was posted and,
 * later, the acknowledgement. The key is what the print run's manifest CSV already gives (letter_reference, with
 * file_reference as a check), so the mailing house can send the manifest back with the tracking column filled.
 *
 * Problems are catalogue keys under `reasons.tracking` (lib/i18n/message-ref) with their values in the issue's
 * `params`, so the page shows them in the reader's language and the API in English.
 */

export const TRACKING_FIELDS = [
  'letterReference',
  'fileReference',
  'trackingNumber',
  'sentOn',
  'firstPresentedOn',
  'acknowledgedOn',
  'outcome',
] as const;
export type TrackingField = (typeof TRACKING_FIELDS)[number];

/** Most lines a file may hold: a day's registered letters of a large agency, with room to spare. */
export const MAX_TRACKING_ROWS = 10_000;
/** A manifest of 10,000 lines with four address columns is about 3 MB. */
export const MAX_TRACKING_BYTES = 10 * 1024 * 1024;

// Header spellings, compared without case, accents, spaces or punctuation: the manifest's own names first.
const HEADERS: Record<TrackingField, string[]> = {
  letterReference: [
    'letter_reference',
    'reference_courrier',
    'ref_courrier',
    'reference_lettre',
    'reference_pli',
    'reference',
  ],
  fileReference: ['file_reference', 'reference_dossier', 'ref_dossier', 'dossier', 'file'],
  trackingNumber: [
    'tracking_number',
    'numero_recommande',
    'n_recommande',
    'no_recommande',
    'num_recommande',
    'numero_suivi',
    'numero_de_suivi',
    'tracking',
  ],
  sentOn: ['sent_on', 'deposit_date', 'posted_on', 'date_depot', 'date_de_depot', 'depose_le', 'date_envoi'],
  acknowledgedOn: [
    'acknowledged_on',
    'acknowledgement_date',
    'ack_date',
    'date_ar',
    'date_accuse_reception',
    'date_accuse_de_reception',
    'date_distribution',
    'date_de_distribution',
  ],
  // La Poste's first presentation (avisé or distributed): a formal notice takes effect from it (issue 14).
  firstPresentedOn: [
    'first_presented_on',
    'first_presentation',
    'date_premiere_presentation',
    'premiere_presentation',
    'date_presentation',
    'presented_on',
  ],
  outcome: ['outcome', 'delivery_outcome', 'statut', 'status', 'resultat', 'issue', 'etat'],
};

export const headerKey = (header: string) =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** Which column holds which field: the first header matching one of its spellings. */
export function trackingColumns(headers: string[]): Partial<Record<TrackingField, number>> {
  const keys = headers.map(headerKey);
  const columns: Partial<Record<TrackingField, number>> = {};
  for (const field of TRACKING_FIELDS) {
    for (const spelling of HEADERS[field]) {
      const index = keys.indexOf(headerKey(spelling));
      if (index >= 0 && !Object.values(columns).includes(index)) {
        columns[field] = index;
        break;
      }
    }
  }
  return columns;
}

// Outcome spellings, compared like headers; the enum names are accepted too.
const OUTCOMES: Record<DeliveryOutcome, string[]> = {
  DELIVERED: ['delivered', 'distributed', 'distribue', 'distribuee', 'remis', 'remise', 'pli distribue'],
  UNCLAIMED: [
    'unclaimed',
    'returned unclaimed',
    'not claimed',
    'non reclame',
    'pli avise non reclame',
    'pli avise et non reclame',
    'avise non reclame',
    'retour non reclame',
  ],
  UNKNOWN_ADDRESS: [
    'unknown address',
    'address unknown',
    'addressee unknown',
    'destinataire inconnu',
    'destinataire inconnu a l adresse',
    'inconnu a l adresse',
    'adresse inconnue',
    'npai',
    'n habite pas a l adresse indiquee',
  ],
};
const OUTCOME_BY_KEY = new Map<string, DeliveryOutcome>(
  (Object.entries(OUTCOMES) as [DeliveryOutcome, string[]][]).flatMap(([outcome, spellings]) =>
    [outcome, ...spellings].map((s) => [headerKey(s), outcome] as const),
  ),
);

type Ctx = z.RefinementCtx;
function problem(ctx: Ctx, key: string, params?: Record<string, string>, path?: TrackingField) {
  ctx.addIssue({
    code: 'custom',
    message: `tracking.${key}`,
    ...(params ? { params } : {}),
    ...(path ? { path: [path] } : {}),
  });
  return z.NEVER;
}

/** A text cell: blank is absent; a spreadsheet formula is refused, never stored or echoed back as one. */
function textCell(max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | undefined => {
      const value = raw?.trim() ?? '';
      if (value === '') return undefined;
      if (/^[=+\-@]/.test(value)) return problem(ctx, 'formula', { char: value[0]! });
      if (value.length > max) return problem(ctx, 'tooLong', { max: String(max) });
      return value;
    });
}

const trackingCell = textCell(40).transform((value, ctx): string | undefined => {
  if (value === undefined) return undefined;
  const number = normaliseTracking(value);
  return TRACKING_NUMBER.test(number) ? number : problem(ctx, 'badNumber', { value });
});

const dayCell = textCell(40).transform((value, ctx): string | undefined => {
  if (value === undefined) return undefined;
  return parseDay(value) ?? problem(ctx, 'badDate', { value });
});

const outcomeCell = textCell(80).transform((value, ctx): DeliveryOutcome | undefined => {
  if (value === undefined) return undefined;
  return OUTCOME_BY_KEY.get(headerKey(value)) ?? problem(ctx, 'badOutcome', { value });
});

/** One line of the file, as the text of its cells; what needs the database or the clock is checked afterwards. */
export const trackingRowSchema = z
  .object({
    letterReference: textCell(80),
    fileReference: textCell(80),
    trackingNumber: trackingCell,
    sentOn: dayCell,
    firstPresentedOn: dayCell,
    acknowledgedOn: dayCell,
    outcome: outcomeCell,
  })
  .superRefine((row, ctx) => {
    if (!row.letterReference && !row.trackingNumber) problem(ctx, 'keyMissing', undefined, 'letterReference');
    if (row.acknowledgedOn && row.sentOn && row.acknowledgedOn < row.sentOn)
      problem(ctx, 'ackBeforeDeposit', { date: frenchDay(row.sentOn) }, 'acknowledgedOn');
    if (row.firstPresentedOn && row.sentOn && row.firstPresentedOn < row.sentOn)
      problem(ctx, 'presentedBeforeDeposit', { date: frenchDay(row.sentOn) }, 'firstPresentedOn');
    if (row.acknowledgedOn && row.outcome === 'UNKNOWN_ADDRESS')
      problem(ctx, 'ackUnknownAddress', undefined, 'acknowledgedOn');
  });
export type TrackingRow = z.infer<typeof trackingRowSchema>;

/**
 * A cell of the hand-entry form: absent leaves the recorded value alone, a value records it, null or a blank
 * clears it (a number typed on the wrong letter must be removable so the right letter can take it). The text
 * goes through the same cell as the file's, so both say the same thing about a bad value.
 */
function handCell<T>(cell: z.ZodType<T | undefined, string | undefined>) {
  return z
    .string('tracking.notText')
    .nullable()
    .optional()
    .transform((raw, ctx): T | null | undefined => {
      if (raw === undefined) return undefined;
      if (raw === null || raw.trim() === '') return null;
      const parsed = cell.safeParse(raw);
      if (parsed.success) return parsed.data ?? null;
      for (const i of parsed.error.issues) {
        const params = (i as { params?: Record<string, string> }).params;
        ctx.addIssue({ code: 'custom', message: i.message, ...(params ? { params } : {}) });
      }
      return z.NEVER;
    });
}

/** One registered letter entered or corrected by hand (the file page's form, or the API). */
export const registeredMailEntrySchema = z
  .object({
    documentId: z.uuid('tracking.unknownDocument'),
    trackingNumber: handCell(trackingCell),
    sentOn: handCell(dayCell),
    firstPresentedOn: handCell(dayCell),
    acknowledgedOn: handCell(dayCell),
    deliveryOutcome: handCell(outcomeCell),
  })
  .superRefine((entry, ctx) => {
    const { documentId: _id, ...values } = entry;
    if (Object.values(values).every((v) => v === undefined)) problem(ctx, 'nothingGiven', undefined, 'trackingNumber');
  });
export type RegisteredMailEntry = z.infer<typeof registeredMailEntrySchema>;
