import type { ContactKind, ContactStatus } from '../db/generated/enums';

/** What choosing a contact point reads of it. */
export interface ContactCandidate {
  kind: ContactKind;
  status: ContactStatus;
  phone?: string | null;
  email?: string | null;
  optedOut?: boolean;
  createdAt: Date | string;
  /** When an agent (or returned mail) last set its status. */
  statusChangedAt?: Date | string | null;
  /** The creditor whose file brought it; null when the agency gathered it. */
  suppliedByCreditorId: string | null;
}

const STATUS_RANK: Record<ContactStatus, number> = {
  VALID: 0,
  UNVERIFIED: 1,
  // Still returned when nothing better exists, so the guard names why the step cannot use it.
  DO_NOT_CONTACT: 2,
  WRONG_NUMBER: 3,
  RETURNED_MAIL: 3,
};

const time = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : -Infinity);

/**
 * The one rule for which phone, e-mail or address a file of `creditorId` uses (letters, e-mails, SMS, calls, the
 * scenario engine). Returned even when unusable, so the caller can say why (do-not-contact, invalid, opted out).
 * - What another creditor supplied is used only once an agent has verified it: one creditor cannot steer the
 *   letters of another's files by importing an address for the same debtor.
 * - An unverified point never beats a verified one, and never overrides a point of its kind the debtor asked not
 *   to be contacted on, nor one marked returned or wrong after it was added (it is as stale as the marked one).
 * - Then: not opted out before opted out, the best status, the newest.
 */
export function chooseContact<C extends ContactCandidate>(
  contacts: readonly C[],
  kind: ContactKind,
  creditorId: string,
): C | null {
  const ofKind = contacts.filter(
    (c) =>
      c.kind === kind &&
      (kind !== 'PHONE' || c.phone) &&
      (kind !== 'EMAIL' || c.email) &&
      (c.status !== 'UNVERIFIED' || c.suppliedByCreditorId === null || c.suppliedByCreditorId === creditorId),
  );
  const doNotContact = ofKind.some((c) => c.status === 'DO_NOT_CONTACT');
  const lastMarkedBad = Math.max(
    ...ofKind
      .filter((c) => c.status === 'WRONG_NUMBER' || c.status === 'RETURNED_MAIL')
      .map((c) => time(c.statusChangedAt ?? c.createdAt)),
  );
  const candidates = ofKind.filter(
    (c) => c.status !== 'UNVERIFIED' || (!doNotContact && time(c.createdAt) > lastMarkedBad),
  );
  let best: C | null = null;
  for (const c of candidates) {
    if (!best || better(c, best)) best = c;
  }
  return best;
}

function better(a: ContactCandidate, b: ContactCandidate): boolean {
  if (Boolean(a.optedOut) !== Boolean(b.optedOut)) return !a.optedOut;
  if (STATUS_RANK[a.status] !== STATUS_RANK[b.status]) return STATUS_RANK[a.status] < STATUS_RANK[b.status];
  return time(a.createdAt) > time(b.createdAt);
}

/** Statuses a letter, an e-mail or a text may go to. */
export const USABLE_CONTACT: readonly ContactStatus[] = ['VALID', 'UNVERIFIED'];
