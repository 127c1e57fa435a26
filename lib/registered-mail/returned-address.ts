import { lockFilesById, saveFile, type FileAudit } from '../cases/file-store';
import { contactPointValue } from '../cases/contact-point-line';
import type { TimelineEntry } from '../history/kinds';
import { isClosed } from '../cases/rules';
import type { ContactStatus } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import type { PostalAddress } from '../letters/types';
import type { Actor } from '../tenancy/actor';
import { refreshFiles } from '../workqueue/refresh';
import { taskNote } from '../tasks/notes';
import { openTask } from '../tasks/open-task';

/**
 * A registered letter La Poste brings back "destinataire inconnu à l'adresse" (NPAI) is proof the debtor does not
 * live there: the address it was sent to becomes RETURNED_MAIL, which the scenario guards read as an invalid
 * contact point (lib/scenarios/guards.ts, CONTACT_INVALID), so no further letter goes there. The file gets a
 * timeline line for each address marked and a task to find the debtor's new address, which puts it in the
 * agent's work queue (TASK_DUE).
 *
 * Which address: the letter keeps what it printed (document.letter_data, the debtor's address block); no column
 * records the contact point's id, so the debtor's address points with the same lines, postcode and city are the
 * ones marked. Only VALID or UNVERIFIED points change: one already returned needs nothing, and do-not-contact is
 * the debtor's objection, never overwritten as a side effect. Called only when the outcome is newly recorded,
 * so the same file imported twice marks nothing twice.
 */

export interface ReturnedLetter {
  id: string;
  fileId: string;
  reference: string;
}

interface AddressPoint {
  id: string;
  debtor_id: string;
  line1: string | null;
  line2: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  status: ContactStatus;
}

const USABLE: readonly ContactStatus[] = ['VALID', 'UNVERIFIED'];

// Compared without case, accents, punctuation or spacing: the letter prints what the contact point holds, but a
// point edited since by a space or a capital is still the same address.
const norm = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const countryOf = (c: string | null | undefined) => {
  const n = norm(c);
  return n === '' || n === 'france' ? 'fr' : n;
};
function addressKey(
  lines: (string | null | undefined)[],
  postcode?: string | null,
  city?: string | null,
  country?: string | null,
) {
  return [
    lines.map(norm).filter(Boolean).join(' '),
    norm(postcode).replace(/ /g, ''),
    norm(city),
    countryOf(country),
  ].join('|');
}

export async function invalidateReturnedAddresses(
  tx: Tx,
  actor: Pick<Actor, 'tenantId' | 'membershipId'>,
  letters: ReturnedLetter[],
  clock: { now: Date; today: string },
): Promise<void> {
  const tenantId = actor.tenantId;
  // Files before contact points, in id order: the order setContactStatus and the engine take them in.
  const files = new Map(
    (await lockFilesById(tx, tenantId, [...new Set(letters.map((l) => l.fileId))])).map((f) => [f.id, f]),
  );
  const sent = await tx.$queryRaw<{ id: string; address: Partial<PostalAddress> | null }[]>`
    SELECT id, letter_data #> '{data,debtor,address}' AS address
      FROM document WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${letters.map((l) => l.id)}::uuid[])`;
  const sentTo = new Map(sent.map((d) => [d.id, d.address]));
  const debtorIds = [...new Set([...files.values()].map((f) => f.debtorId))];
  const points = await tx.$queryRaw<AddressPoint[]>`
    SELECT id, debtor_id, line1, line2, postcode, city, country, status
      FROM contact_point
     WHERE tenant_id = ${tenantId}::uuid AND kind = 'ADDRESS' AND debtor_id = ANY(${debtorIds}::uuid[])
     ORDER BY id
       FOR UPDATE`;

  const marked = new Set<string>();
  const touched = new Set<string>();
  // What each file records, saved once per file after the addresses are marked.
  const events = new Map<string, { lines: TimelineEntry[]; audit: FileAudit[] }>();
  const eventOf = (fileId: string) => {
    let event = events.get(fileId);
    if (!event) events.set(fileId, (event = { lines: [], audit: [] }));
    return event;
  };
  for (const letter of letters) {
    const file = files.get(letter.fileId);
    if (!file) continue;
    const address = sentTo.get(letter.id);
    const printed = address?.lines?.length
      ? addressKey(address.lines, address.postcode, address.city, address.country)
      : null;
    const matching = printed
      ? points.filter(
          (p) =>
            p.debtor_id === file.debtorId && addressKey([p.line1, p.line2], p.postcode, p.city, p.country) === printed,
        )
      : [];
    const newly = matching.filter((p) => USABLE.includes(p.status) && !marked.has(p.id));

    const event = eventOf(file.id);
    for (const point of newly) {
      marked.add(point.id);
      const value = contactPointValue({ ...point, kind: 'ADDRESS', phone: null, email: null });
      event.audit.push({
        action: 'contact_point.status_changed',
        entity: 'contact_point',
        entityId: point.id,
        line: event.lines.length,
        details: { from: point.status, to: 'RETURNED_MAIL', documentId: letter.id },
      });
      event.lines.push({
        kind: 'contact_point.status',
        details: {
          contactPointId: point.id,
          contactKind: 'ADDRESS',
          value,
          statusFrom: point.status,
          statusTo: 'RETURNED_MAIL',
          letterReference: letter.reference,
          documentId: letter.id,
          liftedDoNotContact: false,
        },
      });
    }
    // An address already marked (by another letter, or by hand) needs nothing more; one not found needs a person.
    if (newly.length === 0 && matching.length > 0) continue;
    if (matching.length === 0)
      event.lines.push({
        kind: 'letter.returned',
        details: { documentId: letter.id, reference: letter.reference, addressKnown: printed !== null },
      });
    if (!isClosed(file.status) && !touched.has(file.id))
      await openTask(tx, {
        tenantId,
        fileId: file.id,
        kind: 'REVIEW',
        dueAt: clock.now,
        assigneeId: file.assigneeId ?? actor.membershipId,
        createdBy: actor.membershipId,
        ref: taskNote('letter.returned', { reference: letter.reference }),
      });
    touched.add(file.id);
  }

  if (marked.size > 0)
    await tx.$executeRaw`
      UPDATE contact_point SET status = 'RETURNED_MAIL', status_changed_at = ${clock.now}
       WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${[...marked]}::uuid[])`;
  for (const id of touched)
    await saveFile(tx, files.get(id)!, {}, { by: { membershipId: actor.membershipId }, ...eventOf(id) });
  await refreshFiles(tx, tenantId, [...touched], clock.today);
}
