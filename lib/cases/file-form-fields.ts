import { z } from 'zod';
import { CompanyEventKind, ContactStatus } from '../db/generated/enums';
import { isCalendarDay } from '../dates/days';
import { BOOLEAN_MESSAGE, given, optional, orRequired, requiredText } from '../forms/fields';

// The building blocks every form on a file shares (lib/cases and lib/activity alike): the file it acts on, the
// version it was read at, and the field messages they answer with. Forms post strings ('' for an empty field);
// JSON may send numbers, booleans and null. Blank means "not given" in both.

export const FILE_FORM_MESSAGES = {
  required: 'required',
  fileId: 'must be a file id',
  id: 'must be an id',
  version: 'must be the version number the file was read at',
  boolean: BOOLEAN_MESSAGE,
  day: 'must be a date written YYYY-MM-DD',
  future: 'cannot be in the future',
  publishedBeforeEvent: 'must be on or after the date of the event',
  eventKind: `must be one of ${Object.values(CompanyEventKind).join(', ')}`,
  nonPaymentReason:
    'must be one of DISPUTE_QUALITY, FINANCIAL_DIFFICULTY, FORGOT, CONTESTS_AMOUNT, INSOLVENCY, UNREACHABLE, OTHER',
  otherNeedsNote: 'explain the reason when it is OTHER',
  solvency: 'must be SOLVENT, UNCERTAIN, INSOLVENT or UNKNOWN',
  contactKind: 'must be ADDRESS, PHONE or EMAIL',
  phone: 'must be a phone number, e.g. 06 12 34 56 78 or +33 6 12 34 56 78',
  email: 'must be an e-mail address',
  postcode: 'must be a 5-digit French postcode',
  foreignPostcode: 'must be 1 to 16 letters or digits',
  country: 'must be a 2-letter country code such as FR',
  contactStatus: `must be one of ${Object.values(ContactStatus).join(', ')}`,
  notDebtorsPoint: 'is not a contact point of this debtor',
  text: (max: number) => `must be 1 to ${max} characters`,
  maxText: (max: number) => `must be at most ${max} characters`,
} as const;

const M = FILE_FORM_MESSAGES;

export const NOTE_MAX = 2000;
export const SHORT_MAX = 200;

export const text = (max: number) => requiredText(max, M.text(max));
/** Optional free text; blank clears it (null). */
export const optionalText = (max: number) =>
  optional(
    z
      .string({ error: M.maxText(max) })
      .trim()
      .max(max, M.maxText(max)),
  ).transform((v) => v ?? null);

export const uuid = (message: string) => given(z.uuid({ error: orRequired(message) }));

/** A whole number from a JSON number or a form's digits. */
export const wholeNumber = (message: string, min: number, max: number) =>
  z.union([z.number(), z.string()], { error: orRequired(message) }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });

export const version = given(wholeNumber(M.version, 0, 2_147_483_647));

export { bool } from '../forms/fields';

export const day = (message: string = M.day) =>
  z
    .string({ error: orRequired(message) })
    .trim()
    .refine(isCalendarDay, message);

export const notAfter = (today: string) => day().refine((d) => d <= today, M.future);

export const isRecord = ({ value }: { value: unknown }) => typeof value === 'object' && value !== null;
