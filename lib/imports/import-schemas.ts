import { z } from 'zod';
import { keyWith } from '../errors/keys';
import { optional } from '../forms/fields';
import { INTAKE_FIELDS } from './schemas';

const COLUMN = keyWith('errors.imports.column', { max: 500 });

/** Column index per intake field, as the mapping screen posts it ('' = not mapped). */
export const columnMappingSchema = z
  .record(
    z.enum(INTAKE_FIELDS, { error: 'errors.imports.unknownField' }),
    optional(z.coerce.number({ error: COLUMN }).int(COLUMN).min(0, COLUMN).max(500, COLUMN)),
  )
  .transform((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as ColumnMapping);

export type { ColumnMapping } from './columns';
import type { ColumnMapping } from './columns';

export const importRefSchema = z.object({ importId: z.uuid('errors.field.id') });

export const uploadSchema = z.object({
  creditorId: z.uuid('errors.field.creditorId'),
  fileName: z
    .string({ error: 'errors.imports.fileName' })
    .trim()
    .min(1, 'errors.imports.fileName')
    .max(255, 'errors.imports.fileNameLength')
    .regex(/\.(csv|tsv|txt|xlsx)$/i, 'errors.imports.fileType'),
});

export const MAX_IMPORT_BYTES = () => Number(process.env.IMPORT_MAX_BYTES ?? 50 * 1024 * 1024);
