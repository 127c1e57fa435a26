import { addPointToFile } from '../cases/add-contact-point';
import { contactPointSchema, type NewContactPoint } from '../cases/contact-point-schema';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { withDebtorFile } from './debtor-file';
import type { DebtorSession } from './rules';
import { DEBTOR_PAGE_MESSAGES as M } from './schemas';

/** Where the debtor's own details come from, on the file's timeline and on the contact point. */
export const DEBTOR_PAGE_SOURCE = 'debtor (private page)';

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/**
 * A phone number and/or e-mail the debtor gives on their page: recorded as the debtor's, UNVERIFIED — the engine and
 * the agents use them once someone has checked them, as any contact point found. Both are checked before either is
 * written.
 */
export async function giveContact({
  session,
  input,
  ip,
  now = new Date(),
}: {
  session: DebtorSession;
  input: { phone?: unknown; email?: unknown };
  ip?: string;
  now?: Date;
}): Promise<{ contactPointIds: string[] }> {
  if (blank(input.phone) && blank(input.email)) throw AppError.invalid({ phone: M.contactMissing });
  return withDebtorFile(session, now, async (tx, file, clock) => {
    const parse = (kind: 'PHONE' | 'EMAIL', value: unknown) =>
      parseInput(contactPointSchema(clock), {
        fileId: file.id,
        expectedVersion: file.version,
        kind,
        ...(kind === 'PHONE' ? { phone: value } : { email: value }),
        source: DEBTOR_PAGE_SOURCE,
      });
    const found: NewContactPoint[] = [];
    if (!blank(input.phone)) found.push(parse('PHONE', input.phone));
    if (!blank(input.email)) found.push(parse('EMAIL', input.email));
    const contactPointIds: string[] = [];
    for (const point of found)
      contactPointIds.push((await addPointToFile(tx, file, point, { membershipId: null, ip })).contactPointId);
    return { contactPointIds };
  });
}
