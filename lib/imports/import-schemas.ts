import { z } from 'zod';
import { optional } from '../forms/fields';
import { INTAKE_FIELDS } from './schemas';

/** Column index per intake field, as the mapping screen posts it ('' = not mapped). */
export const columnMappingSchema = z
  .record(z.enum(INTAKE_FIELDS, { error: 'unknown field' }), optional(z.coerce.number().int().min(0).max(500)))
  .transform((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as ColumnMapping);

export type { ColumnMapping } from './columns';
import type { ColumnMapping } from './columns';

export const importRefSchema = z.object({ importId: z.uuid('must be an import id') });

export const uploadSchema = z.object({
  creditorId: z.uuid('choose a creditor'),
  fileName: z
    .string()
    .trim()
    .min(1, 'the file has no name')
    .max(255, 'file name too long')
    .regex(/\.(csv|tsv|txt|xlsx)$/i, 'only .csv, .tsv, .txt and .xlsx files are accepted'),
});

export const MAX_IMPORT_BYTES = () => Number(process.env.IMPORT_MAX_BYTES ?? 50 * 1024 * 1024);
