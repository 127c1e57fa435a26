import { z } from 'zod';
import { FilePhase, FileStatus } from '../db/generated/enums';
import { keyWith } from '../errors/keys';
import { optional } from '../forms/fields';

export const FILE_SORTS = ['recent', 'amount_desc', 'amount_asc', 'age_desc', 'age_asc'] as const;
export type FileSort = (typeof FILE_SORTS)[number];
export const MAX_PAGE_SIZE = 100;

/** "Must be one of …" with the values a query string may carry (they are codes, the same in every language). */
const oneOf = (values: readonly string[]) => keyWith('errors.field.oneOf', { values: values.join(', ') });

// What names, file references and invoice numbers are made of. Anything else (; = * ( ) % " < >) cannot
// match a file, so it is refused with a message rather than searched.
const SEARCH_TEXT = /^[\p{L}\p{M}\p{N} '’\-./&#_,°+]*$/u;

export const fileListQuerySchema = z
  .object({
    q: optional(
      z
        .string()
        .trim()
        .max(100, keyWith('errors.field.maxLength', { max: 100 }))
        .regex(SEARCH_TEXT, 'errors.field.search'),
    ),
    creditor: optional(z.string().uuid('errors.field.creditorId')),
    phase: optional(z.enum(FilePhase, { error: oneOf(Object.values(FilePhase)) })),
    status: optional(z.enum(FileStatus, { error: oneOf(Object.values(FileStatus)) })),
    sort: optional(z.enum(FILE_SORTS, { error: oneOf(FILE_SORTS) })).transform((v) => v ?? 'recent'),
    page: optional(
      z.coerce.number({ error: 'errors.field.number' }).int('errors.field.wholeNumber').min(1).max(100_000),
    ).transform((v) => v ?? 1),
    pageSize: optional(
      z.coerce.number({ error: 'errors.field.number' }).int('errors.field.wholeNumber').min(1).max(MAX_PAGE_SIZE),
    ).transform((v) => v ?? 25),
  })
  .strict();

export type FileListQuery = z.infer<typeof fileListQuerySchema>;

export const fileRefSchema = z.object({ id: z.string().uuid('errors.field.id') });

/** URLSearchParams or Next's searchParams object → a plain record (first value of repeated keys). */
export function searchParamsToObject(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) out[k] ??= v;
    return out;
  }
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) out[k] = value;
  }
  return out;
}
