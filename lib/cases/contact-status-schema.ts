import { z } from 'zod';
import { ContactStatus } from '../db/generated/enums';
import { FILE_FORM_MESSAGES as M, bool, text, uuid, version } from './file-form-fields';
import { given, orRequired } from '../forms/fields';

/** A contact point found valid, wrong, returned or off-limits; lifting do-not-contact must be said out loud. */
export const contactStatusSchema = z
  .object({
    fileId: uuid(M.fileId),
    expectedVersion: version,
    contactPointId: uuid(M.id),
    status: given(z.enum(ContactStatus, { error: orRequired(M.contactStatus) })),
    reason: text(500),
    liftDoNotContact: bool.transform((v) => v ?? false),
  })
  .strict();

export type ContactStatusChange = z.infer<typeof contactStatusSchema>;
