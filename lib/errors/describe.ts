import { createTranslator } from 'next-intl';
import { z } from 'zod';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };
import type { Locale } from '../i18n/locales';
import {
  AppError,
  codeRef,
  ERROR_STATUS,
  type ErrorCode,
  type ErrorRef,
  type ErrorValue,
  type FieldErrors,
} from './app-error';
import { zodFieldRefs } from './zod';
import { logger } from '../log/logger';

// THE mapper (docs/architecture.md, "errors are catalogue keys"): an AppError carries catalogue references;
// this renders them in one language. Route handlers answer in English with the references beside the text
// (toErrorBody); server actions answer in the reader's language (./reader). Nothing here reads English text back.

/** A reference as a reader gets it: values already in their language, so a screen can use them (the stale banner). */
export interface ShownRef {
  key: string;
  values?: Record<string, string | number>;
}

export interface ShownError {
  /** The stable machine code (API clients branch on it). */
  code: ErrorCode;
  message: string;
  /** Field path → message, in the same language; `_` is about the whole request. */
  fields?: FieldErrors;
  ref: ShownRef;
  fieldRefs?: Record<string, ShownRef>;
}

export interface ErrorBody {
  error: ShownError;
}

type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has(key: string): boolean };

const TRANSLATORS = {
  en: createTranslator({ locale: 'en', messages: en }) as unknown as Translate,
  fr: createTranslator({ locale: 'fr', messages: fr }) as unknown as Translate,
};

/** Whether the catalogue holds a message at this path (both catalogues hold the same keys: a unit test checks). */
export function isCatalogueKey(key: string): boolean {
  return TRANSLATORS.en.has(key) && typeof lookup(en, key) === 'string';
}

function lookup(messages: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

function valueIn(value: ErrorValue, locale: Locale): string | number {
  if (typeof value !== 'object') return value;
  return 'key' in value ? TRANSLATORS[locale](value.key) : value[locale];
}

function shown(reference: ErrorRef, locale: Locale): ShownRef {
  if (!reference.values) return { key: reference.key };
  const values = Object.fromEntries(Object.entries(reference.values).map(([name, v]) => [name, valueIn(v, locale)]));
  return { key: reference.key, values };
}

/**
 * A reference in one language. A key the catalogue lacks (a bug: tests/unit/no-message-lookup.test.ts refuses
 * text where a key goes, tests/unit/error-mapper.test.ts keys missing from a catalogue) reads as the generic
 * "invalid value", never as the key or text it holds.
 */
export function renderErrorRef(reference: ErrorRef, locale: Locale): string {
  const t = TRANSLATORS[locale];
  const { key, values } = shown(reference, locale);
  return isCatalogueKey(key) ? t(key, values) : t('errors.field.invalid');
}

function describeAppError(error: AppError, locale: Locale): ShownError {
  const fieldRefs = error.fieldRefs;
  return {
    code: error.code,
    message: renderErrorRef(error.ref, locale),
    ref: shown(error.ref, locale),
    ...(fieldRefs
      ? {
          fields: Object.fromEntries(Object.entries(fieldRefs).map(([f, r]) => [f, renderErrorRef(r, locale)])),
          fieldRefs: Object.fromEntries(Object.entries(fieldRefs).map(([f, r]) => [f, shown(r, locale)])),
        }
      : {}),
  };
}

/** Any failure → its HTTP status and body in `locale`. Unknown failures say nothing of internals (the log keeps them). */
export function describeError(error: unknown, locale: Locale): { status: number; body: ErrorBody } {
  if (error instanceof z.ZodError) error = AppError.invalid(zodFieldRefs(error));
  if (error instanceof AppError) return { status: error.status, body: { error: describeAppError(error, locale) } };
  logger.error({ err: error }, 'unexpected error');
  const internal = new AppError('INTERNAL', codeRef('INTERNAL'));
  return { status: ERROR_STATUS.INTERNAL, body: { error: describeAppError(internal, locale) } };
}

/** The API's answer: English text for people reading the response, the references for programs. */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  return describeError(error, 'en');
}
