import { z } from 'zod';
import { LIMITATION_BASES } from '../compliance/limitation';
import { catalogueKeys } from '../errors/keys';
import { given, optional, orRequired } from '../forms/fields';
import { FILE_FORM_MESSAGES as M, day, text, uuid, version } from './file-form-fields';

export const LIMITATION_BASIS_MESSAGES = catalogueKeys('workspace.limitation.errors', [
  'claimId',
  'basis',
  'nothingChanged',
  'cancelled',
  'startsAfterToday',
]);

export const LIMITATION_REASON_MAX = 500;

/**
 * An agent sets the legal basis of one claim's limitation (lib/compliance/limitation.ts), which its nature alone
 * cannot tell: a carriage (L133-6), a residential lease (loi 89-462 art. 7-1), a consumer credit (R312-35), a
 * court decision (L111-4 CPCE). `startsOn`, when given, is the day the period runs from (the judgment's date for a
 * court title, the first unregularised incident for a credit); left out, it stays as it is.
 */
export const limitationBasisSchema = z
  .object({
    fileId: uuid(M.fileId),
    claimId: uuid(LIMITATION_BASIS_MESSAGES.claimId),
    expectedVersion: version,
    basis: given(
      z.enum(LIMITATION_BASES as [string, ...string[]], { error: orRequired(LIMITATION_BASIS_MESSAGES.basis) }),
    ),
    startsOn: optional(day()),
    reason: text(LIMITATION_REASON_MAX),
  })
  .strict();

export type LimitationBasisInput = z.input<typeof limitationBasisSchema>;
