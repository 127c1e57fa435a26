import { agencyClock } from '../dates/agency-clock';
import { lockFile, refuse, saveFile, type LockedFile } from './file-store';
import { contactPointSchema, type NewContactPoint, type NewContactValue } from './contact-point-schema';
import { contactPointValue } from './contact-point-line';
import type { Prisma } from '../db/generated/client';
import { inTenant, type Tx } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';

export interface AddContactPointOptions {
  actor: Actor;
  /** contactPointSchema: the new phone, e-mail or address, its source and the day it was found. */
  input: unknown;
  ip?: string;
}

/** The same number, e-mail or street address already on the debtor's record. */
function sameValue(debtorId: string, tenantId: string, value: NewContactValue): Prisma.ContactPointWhereInput {
  const base = { tenantId, debtorId, kind: value.kind };
  if (value.kind === 'PHONE') return { ...base, phone: value.phone };
  if (value.kind === 'EMAIL') return { ...base, email: { equals: value.email, mode: 'insensitive' } };
  return {
    ...base,
    postcode: value.postcode,
    line1: { equals: value.line1, mode: 'insensitive' },
  };
}

const VALUE_FIELD = { PHONE: 'phone', EMAIL: 'email', ADDRESS: 'line1' } as const;

/** Locating a debtor: a new address, phone number or e-mail, where it was found and when. */
export async function addContactPoint({
  actor,
  input,
  ip,
}: AddContactPointOptions): Promise<{ contactPointId: string; fileId: string; version: number }> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const found = parseInput(contactPointSchema(clock), input);
    const file = await lockFile(tx, actor, found.fileId, found.expectedVersion, clock);
    const { contactPointId, version } = await addPointToFile(tx, file, found, { membershipId: actor.membershipId, ip });
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { contactPointId, fileId: file.id, version };
  });
}

/**
 * A new contact point on a locked file's debtor, UNVERIFIED until someone checks it, with its line on the timeline:
 * the agent who located it, or the debtor giving it on their page (no membership).
 */
export async function addPointToFile(
  tx: Tx,
  file: LockedFile,
  found: Pick<NewContactPoint, 'value' | 'label' | 'source' | 'foundOn'>,
  by: { membershipId: string | null; ip?: string },
): Promise<{ contactPointId: string; version: number }> {
  const known = await tx.contactPoint.findFirst({
    where: sameValue(file.debtorId, file.tenantId, found.value),
    select: { status: true },
  });
  if (known) {
    throw refuse(VALUE_FIELD[found.value.kind], {
      key: 'workspace.errors.alreadyKnown',
      values: { status: known.status },
    });
  }
  const { kind, ...fields } = found.value;
  const point = await tx.contactPoint.create({
    data: {
      tenantId: file.tenantId,
      debtorId: file.debtorId,
      kind,
      label: found.label,
      ...fields,
      status: 'UNVERIFIED',
      source: found.source,
      foundOn: new Date(`${found.foundOn}T00:00:00Z`),
    },
  });
  const value = contactPointValue(point);
  const { version } = await saveFile(
    tx,
    file,
    {},
    {
      by,
      lines: [
        {
          kind: 'debtor.located',
          details: { contactPointId: point.id, kind, value, source: found.source, foundOn: found.foundOn },
        },
      ],
      audit: {
        action: 'contact_point.added',
        entity: 'contact_point',
        entityId: point.id,
        details: { kind, source: found.source },
      },
    },
  );
  return { contactPointId: point.id, version };
}
