import { judicialCostEntry } from '../accounting/ledger-entries';
import { postEntry } from '../accounting/post-entry';
import { lockFile, saveFile } from '../cases/file-store';
import { dayOf } from '../dates/days';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { costRecoverable, type PartnerKind } from './rules';
import { partnerRecordSchema } from './schemas';

/**
 * Logs a partner's report or invoice on the file. An invoice is a cost advanced on the file (file_cost), which the
 * closing report lists, with who advanced it (the mandate's `judicial_costs_by`) and whether the debtor may be made to
 * bear it (./rules.ts, CPCE L111-8). A cost the agency advanced goes in its books in the same transaction
 * (decision 0023): the agency owes the partner, the creditor owes the agency. One the creditor advanced is billed to
 * it by the partner: no money of the agency's moves.
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
    if (amountCents !== null && amountCents > 0) {
      const [mandate, titled] = await Promise.all([
        tx.caseFile.findFirstOrThrow({
          where: { tenantId: actor.tenantId, id: fileId },
          select: { mandate: { select: { judicialCostsBy: true } } },
        }),
        tx.judicialProcedure.findFirst({
          where: { tenantId: actor.tenantId, fileId, titleOn: { not: null } },
          orderBy: { titleOn: 'asc' },
          select: { titleOn: true },
        }),
      ]);
      const advancedBy = mandate.mandate.judicialCostsBy === 'CREDITOR' ? 'CREDITOR' : 'AGENCY';
      const entryId =
        advancedBy === 'AGENCY'
          ? await postEntry(
              tx,
              {
                tenantId: actor.tenantId,
                effectiveOn: receivedOn,
                currency: file.currency.trim(),
                creditorId: file.creditorId,
                fileId,
                postedBy: actor.membershipId,
              },
              judicialCostEntry({ creditorId: file.creditorId, fileId }, { amountCents: BigInt(amountCents) }),
            )
          : null;
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
          advancedBy,
          recoverable: costRecoverable({
            partnerKind: partner.kind as PartnerKind,
            titleOn: titled?.titleOn ? dayOf(titled.titleOn) : null,
            incurredOn: receivedOn,
          }),
          entryId,
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
