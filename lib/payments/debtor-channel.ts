import { chooseContact, USABLE_CONTACT } from '../cases/contact-choice';
import type { Tx } from '../db/tenant';

export interface DebtorChannel {
  channel: 'EMAIL' | 'POST' | 'NONE';
  /** The e-mail address, or the postal address on one line; null when nothing is usable. */
  recipient: string | null;
  contactPointId: string | null;
}

/**
 * How a document owed to the debtor (a receipt, a plan letter) reaches them: by e-mail when the file may use a usable
 * address the debtor did not opt out of (owed, not marketing, but an opt-out is respected to be safe); otherwise by
 * post when it has a usable postal address (the next print run takes the document); otherwise not at all, and the
 * agent sees it on the timeline.
 */
export async function debtorChannel(
  tx: Tx,
  file: { tenantId: string; debtorId: string; creditorId: string },
): Promise<DebtorChannel> {
  const contacts = await tx.contactPoint.findMany({
    where: { tenantId: file.tenantId, debtorId: file.debtorId, kind: { in: ['EMAIL', 'ADDRESS'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  const email = chooseContact(contacts, 'EMAIL', file.creditorId);
  if (email?.email && USABLE_CONTACT.includes(email.status) && !email.optedOutAt)
    return { channel: 'EMAIL', recipient: email.email, contactPointId: email.id };
  const address = chooseContact(contacts, 'ADDRESS', file.creditorId);
  if (address && USABLE_CONTACT.includes(address.status))
    return {
      channel: 'POST',
      recipient: [address.line1, address.postcode, address.city].filter(Boolean).join(' '),
      contactPointId: address.id,
    };
  return { channel: 'NONE', recipient: null, contactPointId: null };
}
