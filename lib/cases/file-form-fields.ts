import { z } from 'zod';
import { isCalendarDay } from '../dates/days';
import { catalogueKeys, keyWith } from '../errors/keys';
import { BOOLEAN_MESSAGE, given, optional, orRequired, requiredText } from '../forms/fields';

// The building blocks every form on a file shares (lib/cases and lib/activity alike): the file it acts on, the
// version it was read at, and the field messages they answer with (catalogue keys, `workspace.errors.*`). Forms post strings ('' for an empty field);
// JSON may send numbers, booleans and null. Blank means "not given" in both.

export const FILE_FORM_MESSAGES = {
  ...catalogueKeys('workspace.errors', [
    'required',
    'fileId',
    'id',
    'version',
    'boolean',
    'day',
    'future',
    'publishedBeforeEvent',
    'administratorIncomplete',
    'courtSeat',
    'eventKind',
    'nonPaymentReason',
    'otherNeedsNote',
    'solvency',
    'contactKind',
    'phone',
    'email',
    'postcode',
    'foreignPostcode',
    'country',
    'contactStatus',
    'notDebtorsPoint',
  ]),
  boolean: BOOLEAN_MESSAGE,
  text: (max: number) => keyWith('workspace.errors.textLength', { max }),
  maxText: (max: number) => keyWith('workspace.errors.maxLength', { max }),
};

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
