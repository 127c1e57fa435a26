import type { Readable } from 'node:stream';
import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { openStream, sizeOf } from '../storage/files';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { toMandateView, type MandateView } from './mandate-row';
import { agencyToday } from '../dates/agency-clock';
import { activeMandateFor } from './rules';
import { creditorRefSchema, mandateRefSchema } from './schemas';

export type { MandateView } from './mandate-row';

export interface CreditorSummary {
  id: string;
  code: string;
  name: string;
}

export interface CreditorWithMandates extends CreditorSummary {
  mandates: MandateView[];
  /** The mandate new files are placed under today, if any. */
  activeMandateId: string | null;
}

/** Only the actor's own creditor for a creditor user (row-level security says the same a second time). */
function creditorFilter(actor: Actor) {
  return { tenantId: actor.tenantId, ...(actor.creditorId ? { id: actor.creditorId } : {}) };
}

/** The agency's creditors, each with its mandates (newest first) and the one in force today. */
export async function listCreditorsWithMandates({
  actor,
  today,
}: {
  actor: Actor;
  today?: string;
}): Promise<{ today: string; creditors: CreditorWithMandates[] }> {
  authorize(actor, 'mandates.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const day = today ?? (await agencyToday(tx, actor.tenantId));
    const creditors = await tx.creditor.findMany({
      where: creditorFilter(actor),
      select: {
        id: true,
        code: true,
        name: true,
        mandates: { where: { tenantId: actor.tenantId }, orderBy: [{ startsOn: 'desc' }, { reference: 'asc' }] },
      },
      orderBy: { name: 'asc' },
    });
    return {
      today: day,
      creditors: creditors.map((c) => {
        const mandates = c.mandates.map((m) => toMandateView(m, day));
        return {
          id: c.id,
          code: c.code,
          name: c.name,
          mandates,
          activeMandateId: activeMandateFor(mandates, day)?.id ?? null,
        };
      }),
    };
  });
}

/**
 * One creditor's mandates. A creditor user gets its own creditor (no id needed); asking for another creditor,
 * or another agency's, is not found.
 */
export async function listMandates({
  actor,
  creditorId,
  today,
}: {
  actor: Actor;
  creditorId?: unknown;
  today?: string;
}): Promise<{ today: string; creditor: CreditorWithMandates }> {
  authorize(actor, 'mandates.read');
  const ref = parseInput(creditorRefSchema, { creditorId: creditorId ?? actor.creditorId ?? undefined });
  if (actor.creditorId && ref.creditorId !== actor.creditorId) throw AppError.notFound();
  return inTenant(scopeOf(actor), async (tx) => {
    const day = today ?? (await agencyToday(tx, actor.tenantId));
    const creditor = await tx.creditor.findFirst({
      where: { ...creditorFilter(actor), id: ref.creditorId },
      select: {
        id: true,
        code: true,
        name: true,
        mandates: { where: { tenantId: actor.tenantId }, orderBy: [{ startsOn: 'desc' }, { reference: 'asc' }] },
      },
    });
    if (!creditor) throw AppError.notFound();
    const mandates = creditor.mandates.map((m) => toMandateView(m, day));
    return {
      today: day,
      creditor: {
        id: creditor.id,
        code: creditor.code,
        name: creditor.name,
        mandates,
        activeMandateId: activeMandateFor(mandates, day)?.id ?? null,
      },
    };
  });
}

/** One mandate with its creditor, for the edit page. */
export async function getMandate({
  actor,
  mandateId,
  today,
}: {
  actor: Actor;
  mandateId: unknown;
  today?: string;
}): Promise<MandateView & { creditor: CreditorSummary }> {
  authorize(actor, 'mandates.read');
  const { mandateId: id } = parseInput(mandateRefSchema, { mandateId });
  return inTenant(scopeOf(actor), async (tx) => {
    const mandate = await tx.mandate.findFirst({
      where: { tenantId: actor.tenantId, id, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      include: { creditor: { select: { id: true, code: true, name: true } } },
    });
    if (!mandate) throw AppError.notFound();
    const day = today ?? (await agencyToday(tx, actor.tenantId));
    return { ...toMandateView(mandate, day), creditor: mandate.creditor };
  });
}

/** The signed mandate for download; each download is written to the audit trail. */
export async function getMandateDocument({
  actor,
  mandateId,
  ip,
}: {
  actor: Actor;
  mandateId: unknown;
  ip?: string;
}): Promise<{ name: string; size: number; sha256: string; stream: Readable }> {
  authorize(actor, 'mandates.read');
  const { mandateId: id } = parseInput(mandateRefSchema, { mandateId });
  const document = await inTenant(scopeOf(actor), async (tx) => {
    const mandate = await tx.mandate.findFirst({
      where: { tenantId: actor.tenantId, id, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      select: { documentName: true, documentKey: true, documentSha256: true },
    });
    if (!mandate?.documentKey || !mandate.documentName || !mandate.documentSha256) {
      throw AppError.notFound();
    }
    await recordAudit(tx, actor, { action: 'mandate.document_downloaded', entity: 'mandate', entityId: id, ip });
    return { name: mandate.documentName, key: mandate.documentKey, sha256: mandate.documentSha256 };
  });
  const size = await sizeOf(document.key).catch(() => {
    throw AppError.notFound();
  });
  return { name: document.name, size, sha256: document.sha256, stream: await openStream(document.key) };
}
