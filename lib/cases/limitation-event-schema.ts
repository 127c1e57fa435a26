import { z } from 'zod';
import type { AgencyClock } from '../dates/agency-clock';
import { catalogueKeys } from '../errors/keys';
import { optional, given, orRequired } from '../forms/fields';
import { FILE_FORM_MESSAGES as M, notAfter, optionalText, uuid, version } from './file-form-fields';

/**
 * What an agent records against a file's limitation periods (lib/compliance/limitation.ts): a written
 * acknowledgment (C. civ. 2240), a court action (2241), a mediation or the small-claims procedure starting
 * (SUSPENSION, 2238; `endsOn` when already over) or ending (SUSPENSION_END, the suspensions still open end that
 * day), and for consumer credit a payment incident or the regularisation of the oldest one (C. conso. R312-35).
 * Payments and plans are recorded by their own use-cases. No claim named: every claim of the file.
 */
export const LIMITATION_NOTE_KINDS = [
  'WRITTEN_ACKNOWLEDGMENT',
  'COURT_ACTION',
  'SUSPENSION',
  'SUSPENSION_END',
  'PAYMENT_INCIDENT',
  'INCIDENT_REGULARISED',
] as const;
export type LimitationNoteKind = (typeof LIMITATION_NOTE_KINDS)[number];

export const LIMITATION_EVENT_MESSAGES = catalogueKeys('workspace.limitation.errors', [
  'kind',
  'endsBeforeStart',
  'endsOnlySuspension',
  'claimIds',
  'noSuspension',
]);

export function limitationEventSchema(clock: Pick<AgencyClock, 'today'>) {
  return z
    .object({
      fileId: uuid(M.fileId),
      expectedVersion: version,
      kind: given(z.enum(LIMITATION_NOTE_KINDS, { error: orRequired(LIMITATION_EVENT_MESSAGES.kind) })),
      on: given(notAfter(clock.today)),
      endsOn: optional(notAfter(clock.today)).transform((v) => v ?? null),
      claimIds: z
        .array(z.uuid({ error: LIMITATION_EVENT_MESSAGES.claimIds }))
        .max(500)
        .optional(),
      note: optionalText(500),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.endsOn !== null && v.kind !== 'SUSPENSION')
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: LIMITATION_EVENT_MESSAGES.endsOnlySuspension });
      if (v.endsOn !== null && v.endsOn < v.on)
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: LIMITATION_EVENT_MESSAGES.endsBeforeStart });
    });
}
export type LimitationEventInput = z.infer<ReturnType<typeof limitationEventSchema>>;
