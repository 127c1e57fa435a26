import type { Locale } from '../i18n/locales';

/** Domain errors thrown by use-cases; one table maps each code to an HTTP status (ARCHITECTURE.md rule 7). */
export const ERROR_STATUS = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field path → message, as the reader reads it (the mapper's output; see ./describe). */
export type FieldErrors = Record<string, string>;

/**
 * A value some messages need already written in each language, because only the thrower can write it (a
 * history line, "an automatic job"): the mapper picks the reader's.
 */
export type Localised = Readonly<Record<Locale, string>>;

/** A value that is itself a catalogue entry (a field's name, `imports.fields.amount`): the mapper renders it too. */
export interface CatalogueValue {
  readonly key: string;
}

export type ErrorValue = string | number | Localised | CatalogueValue;

/**
 * The message as a catalogue key — a path from the root of messages/*.json, e.g. `payments.errors.amount`
 * (stored references under `reasons` are thrown as `reasons.<key>`) — with its values. The mapper
 * (./describe) renders it in the reader's language; nothing matches on the English text.
 */
export interface ErrorRef {
  key: string;
  values?: Record<string, ErrorValue>;
}

/** Field path (e.g. "outcome.amountCents") → what is wrong with it (a key alone is a reference without values). */
export type FieldRefs = Record<string, ErrorRef | string>;

/** A catalogue key for every code, for errors with nothing more to say (and unknown failures: INTERNAL). */
export const codeRef = (code: ErrorCode): ErrorRef => ({ key: `errors.codes.${code}` });

export const ref = (key: string, values?: Record<string, ErrorValue>): ErrorRef => (values ? { key, values } : { key });

export class AppError extends Error {
  readonly ref: ErrorRef;
  readonly fieldRefs?: Record<string, ErrorRef>;

  /**
   * `new AppError(code, ref, fieldRefs?)`: a catalogue reference (a key alone is a reference without values).
   * `message` is for logs and the command line only — keys and values, "errors.codes.INVALID — amount:
   * payments.errors.amount"; people read the mapper's rendering (./describe).
   */
  constructor(
    readonly code: ErrorCode,
    reference: ErrorRef | string,
    fieldRefs?: FieldRefs,
  ) {
    const r = typeof reference === 'string' ? { key: reference } : reference;
    const fields = Object.entries(fieldRefs ?? {}).map(([field, f]): [string, ErrorRef] => [
      field,
      typeof f === 'string' ? { key: f } : f,
    ]);
    const logged = (x: ErrorRef) => (x.values ? `${x.key} ${JSON.stringify(x.values)}` : x.key);
    super(fields.length > 0 ? `${logged(r)} — ${fields.map(([f, x]) => `${f}: ${logged(x)}`).join('; ')}` : logged(r));
    this.name = 'AppError';
    this.ref = r;
    if (fields.length > 0) this.fieldRefs = Object.fromEntries(fields);
  }

  /** Field path → catalogue key of what is wrong with it (values aside): what tests and branches compare. */
  get fields(): Record<string, string> | undefined {
    return this.fieldRefs && Object.fromEntries(Object.entries(this.fieldRefs).map(([f, r]) => [f, r.key]));
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** A thing that does not exist, or that the actor may not see (the same answer: no leak of existence). */
  static notFound(): AppError {
    return new AppError('NOT_FOUND', codeRef('NOT_FOUND'));
  }

  /** Input that does not fit, field by field: the top line is the generic "correct the fields marked". */
  static invalid(fields: FieldRefs, reference: ErrorRef = codeRef('INVALID')): AppError {
    return new AppError('INVALID', reference, fields);
  }

  /** Input that does not fit the whole request, not one field. */
  static refused(code: ErrorCode, key: string, values?: Record<string, ErrorValue>): AppError {
    return new AppError(code, ref(key, values));
  }
}
