import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { Download } from '../http/download';
import { readStored } from '../storage/documents';
import { recordAudit } from '../audit/record-audit';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { handoverRefSchema, partnerRefSchema, type PartnerKind } from './schemas';

export interface PartnerView {
  id: string;
  kind: PartnerKind;
  name: string;
  courtArea: string;
  departments: string[];
  email: string;
  phone: string | null;
  address: string | null;
  feeTerms: string;
  active: boolean;
}

const select = {
  id: true,
  kind: true,
  name: true,
  courtArea: true,
  departments: true,
  email: true,
  phone: true,
  address: true,
  feeTerms: true,
  active: true,
} as const;

/** The agency's directory, by kind then name; agents read it to hand a file over, managers to keep it. */
export async function listPartners(actor: Actor, { activeOnly = false } = {}): Promise<PartnerView[]> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const rows = await tx.partner.findMany({
      where: { tenantId: actor.tenantId, ...(activeOnly ? { active: true } : {}) },
      select,
      orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    });
    return rows as PartnerView[];
  });
}

export async function getPartner(actor: Actor, partnerId: string): Promise<PartnerView> {
  authorize(actor, 'partners.manage');
  const { partnerId: id } = parseInput(partnerRefSchema, { partnerId });
  return inTenant(scopeOf(actor), async (tx) => {
    const row = await tx.partner.findFirst({ where: { tenantId: actor.tenantId, id }, select });
    if (!row) throw AppError.notFound();
    return row as PartnerView;
  });
}

export interface FilePartnerWork {
  handovers: {
    id: string;
    partnerName: string;
    sentAt: Date;
    sentBy: string | null;
    entries: { name: string; size: number }[];
    messageStatus: string | null;
  }[];
  records: {
    id: string;
    partnerName: string;
    kind: 'REPORT' | 'INVOICE';
    receivedOn: string;
    reference: string | null;
    note: string | null;
    amountCents: number | null;
  }[];
  costs: { id: string; label: string; amountCents: number; currency: string; incurredOn: string }[];
}

/** A file's hand-overs, partners' reports and invoices, and costs advanced, newest first. */
export async function filePartnerWork(actor: Actor, fileId: string): Promise<FilePartnerWork> {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const handovers = await tx.$queryRaw<
      {
        id: string;
        partnerName: string;
        sentAt: Date;
        sentBy: string | null;
        contents: { name: string; size: number }[];
        messageStatus: string | null;
      }[]
    >`
      SELECT h.id::text, p.name AS "partnerName", h.sent_at AS "sentAt", i.name AS "sentBy", h.contents,
             m.status::text AS "messageStatus"
        FROM handover h JOIN partner p ON p.tenant_id = h.tenant_id AND p.id = h.partner_id
        LEFT JOIN outbound_message m ON m.tenant_id = h.tenant_id AND m.id = h.message_id
        LEFT JOIN membership mb ON mb.tenant_id = h.tenant_id AND mb.id = h.sent_by
        LEFT JOIN identity i ON i.id = mb.identity_id
       WHERE h.tenant_id = ${actor.tenantId}::uuid AND h.file_id = ${fileId}::uuid
       ORDER BY h.sent_at DESC`;
    const records = await tx.$queryRaw<
      {
        id: string;
        partnerName: string;
        kind: 'REPORT' | 'INVOICE';
        receivedOn: string;
        reference: string | null;
        note: string | null;
        amount: bigint | null;
      }[]
    >`
      SELECT r.id::text, p.name AS "partnerName", r.kind, r.received_on::text AS "receivedOn", r.reference, r.note,
             r.amount_cents AS amount
        FROM partner_record r JOIN partner p ON p.tenant_id = r.tenant_id AND p.id = r.partner_id
       WHERE r.tenant_id = ${actor.tenantId}::uuid AND r.file_id = ${fileId}::uuid
       ORDER BY r.received_on DESC, r.recorded_at DESC`;
    const costs = await tx.$queryRaw<
      { id: string; label: string; amount: bigint; currency: string; incurredOn: string }[]
    >`
      SELECT id::text, label, amount_cents AS amount, trim(currency) AS currency, incurred_on::text AS "incurredOn"
        FROM file_cost WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${fileId}::uuid
       ORDER BY incurred_on DESC, created_at DESC`;
    return {
      handovers: handovers.map(({ contents, ...h }) => ({
        ...h,
        entries: contents.map(({ name, size }) => ({ name, size })),
      })),
      records: records.map(({ amount, ...r }) => ({ ...r, amountCents: amount === null ? null : Number(amount) })),
      costs: costs.map(({ amount, ...c }) => ({ ...c, amountCents: Number(amount) })),
    };
  });
}

/** A hand-over's ZIP, as sent; another agency's is a 404, each download audited. */
export async function handoverPack({ actor, id, ip }: { actor: Actor; id: string; ip?: string }): Promise<Download> {
  authorize(actor, 'files.work');
  const { handoverId } = parseInput(handoverRefSchema, { handoverId: id });
  const found = await inTenant(scopeOf(actor), async (tx) => {
    const [row] = await tx.$queryRaw<{ key: string; reference: string }[]>`
      SELECT d.storage_key AS key, f.reference
        FROM handover h JOIN document d ON d.tenant_id = h.tenant_id AND d.id = h.document_id
        JOIN case_file f ON f.tenant_id = h.tenant_id AND f.id = h.file_id
       WHERE h.tenant_id = ${actor.tenantId}::uuid AND h.id = ${handoverId}::uuid`;
    if (!row) throw AppError.notFound();
    await recordAudit(tx, actor, { action: 'handover.downloaded', entity: 'handover', entityId: handoverId, ip });
    return row;
  });
  const zip = await readStored(found.key);
  return {
    name: `transmission-${found.reference}.zip`,
    contentType: 'application/zip',
    size: zip.length,
    body: new Uint8Array(zip),
  };
}
