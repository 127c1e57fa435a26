import { z } from 'zod';
import { CompanyEventKind, CourtSeat } from '../db/generated/enums';
import { isInsolvency } from './company-event-rules';
import type { AgencyClock } from '../dates/agency-clock';
import {
  FILE_FORM_MESSAGES as M,
  NOTE_MAX,
  SHORT_MAX,
  isRecord,
  notAfter,
  optionalText,
  uuid,
  version,
} from './file-form-fields';
import { given, optional, orRequired } from '../forms/fields';

const ADMINISTRATOR = [
  'administratorName',
  'administratorStreet',
  'administratorPostcode',
  'administratorCity',
] as const;

/**
 * A change in the debtor's legal life, as read in the BODACC or told by the debtor. The mandataire judiciaire (or
 * liquidator) the opening judgment appoints is given whole or not at all: the claim declaration is addressed to him.
 * The seat of the court that opened the proceedings is required with an opening judgment, and dropped from any other
 * event: the declaration period depends on it (R622-24 al. 2, 3).
 */
export function companyEventSchema(clock: Pick<AgencyClock, 'today'>) {
  return z
    .object({
      fileId: uuid(M.fileId),
      expectedVersion: version,
      kind: given(z.enum(CompanyEventKind, { error: orRequired(M.eventKind) })),
      occurredOn: given(notAfter(clock.today)),
      publishedOn: optional(notAfter(clock.today)).transform((v) => v ?? null),
      note: optionalText(NOTE_MAX),
      administratorName: optionalText(SHORT_MAX),
      administratorStreet: optionalText(SHORT_MAX),
      administratorPostcode: optionalText(20),
      administratorCity: optionalText(100),
      courtSeat: optional(z.enum(CourtSeat, { error: M.courtSeat })).transform((v) => v ?? null),
    })
    .strict()
    .refine(
      (v) => !(typeof v.publishedOn === 'string' && typeof v.occurredOn === 'string' && v.publishedOn < v.occurredOn),
      { path: ['publishedOn'], message: M.publishedBeforeEvent, when: isRecord },
    )
    .superRefine((v, ctx) => {
      const filled = ADMINISTRATOR.filter((k) => v[k] !== null);
      if (filled.length === 0 || filled.length === ADMINISTRATOR.length) return;
      for (const k of ADMINISTRATOR.filter((k) => v[k] === null))
        ctx.addIssue({ code: 'custom', path: [k], message: M.administratorIncomplete });
    })
    .superRefine((v, ctx) => {
      if (v.courtSeat === null && isInsolvency(v.kind))
        ctx.addIssue({ code: 'custom', path: ['courtSeat'], message: M.courtSeat });
    })
    .transform((v) => ({ ...v, courtSeat: isInsolvency(v.kind) ? v.courtSeat : null }));
}

export type CompanyEventInput = z.infer<ReturnType<typeof companyEventSchema>>;
