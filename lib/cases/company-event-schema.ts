import { z } from 'zod';
import { CompanyEventKind } from '../db/generated/enums';
import type { AgencyClock } from '../dates/agency-clock';
import { FILE_FORM_MESSAGES as M, NOTE_MAX, isRecord, notAfter, optionalText, uuid, version } from './file-form-fields';
import { given, optional, orRequired } from '../forms/fields';

/** A change in the debtor's legal life, as read in the BODACC or told by the debtor. */
export function companyEventSchema(clock: Pick<AgencyClock, 'today'>) {
  return z
    .object({
      fileId: uuid(M.fileId),
      expectedVersion: version,
      kind: given(z.enum(CompanyEventKind, { error: orRequired(M.eventKind) })),
      occurredOn: given(notAfter(clock.today)),
      publishedOn: optional(notAfter(clock.today)).transform((v) => v ?? null),
      note: optionalText(NOTE_MAX),
    })
    .strict()
    .refine(
      (v) => !(typeof v.publishedOn === 'string' && typeof v.occurredOn === 'string' && v.publishedOn < v.occurredOn),
      { path: ['publishedOn'], message: M.publishedBeforeEvent, when: isRecord },
    );
}

export type CompanyEventInput = z.infer<ReturnType<typeof companyEventSchema>>;
