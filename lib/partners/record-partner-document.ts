import { lockFile, saveFile } from '../cases/file-store';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { partnerRecordSchema } from './schemas';

/**
 * Logs a partner's report or invoice on the file. An invoice is a cost the agency advanced on the file: a cost record
 * charged to the file's creditor (file_cost), which the closing report lists. Not posted to the ledger: its chart
 * (lib/accounting/ledger-chart.ts) has no account for costs recharged to a creditor yet, and posting one means adding
 * it with its own entries and statement line (left to the money issue).
 */
export async function recordPartnerDocument({
  actor,
  input,
  ip,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
}): Promise<{ fileId: string; recordId: string; costId: string | null }> {
  authorize(actor, 'files.work');
  const { fileId, partnerId, kind, receivedOn, reference, note, amount } = parseInput(partnerRecordSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await lockFile(tx, actor, fileId);
    const partner = await tx.partner.findFirst({ where: { tenantId: actor.tenantId, id: partnerId } });
    if (!partner) throw AppError.notFound();
    const amountCents = kind === 'INVOICE' ? (amount ?? null) : null;
    const record = await tx.partnerRecord.create({
      data: {
        tenantId: actor.tenantId,
        fileId,
        partnerId,
        kind,
        receivedOn: new Date(`${receivedOn}T00:00:00Z`),
        reference,
        note,
        amountCents: amountCents === null ? null : BigInt(amountCents),
        recordedBy: actor.membershipId,
      },
      select: { id: true },
    });
    let costId: string | null = null;
    if (amountCents !== null) {
      const cost = await tx.fileCost.create({
        data: {
          tenantId: actor.tenantId,
          fileId,
          creditorId: file.creditorId,
          partnerRecordId: record.id,
          label: [partner.name, reference].filter(Boolean).join(' — '),
          amountCents: BigInt(amountCents),
          currency: file.currency.trim(),
          incurredOn: new Date(`${receivedOn}T00:00:00Z`),
          createdBy: actor.membershipId,
        },
        select: { id: true },
      });
      costId = cost.id;
    }
    const currency = file.currency.trim();
    await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [
          kind === 'INVOICE'
            ? {
                kind: 'partner.invoice',
                details: {
                  partnerName: partner.name,
                  reference,
                  receivedOn,
                  amountCents: amountCents!,
                  currency,
                  note,
                },
              }
            : { kind: 'partner.report', details: { partnerName: partner.name, reference, receivedOn, note } },
        ],
        audit: {
          action: kind === 'INVOICE' ? 'partner.invoice_recorded' : 'partner.report_recorded',
          entity: 'partner_record',
          entityId: record.id,
          details: { partnerId, amountCents, costId },
        },
      },
    );
    return { fileId, recordId: record.id, costId };
  });
}
