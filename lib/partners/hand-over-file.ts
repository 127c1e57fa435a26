import { createHash, randomUUID } from 'node:crypto';
import { lockFile, saveFile } from '../cases/file-store';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { timelineRenderer } from '../history/render';
import { renderDossier } from '../letters/dossier';
import { fileAmounts } from '../payments/file-amounts';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { derivedKey, readStored, storeBuffer } from '../storage/documents';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { translatorFor } from '../i18n/translate';
import { csvCell } from '../csv/cells';
import { amountsCsv, entryName, zipPack, type PackEntry } from './pack';
import { PARTNER_MESSAGES, handOverSchema } from './schemas';

export interface HandOverResult {
  handoverId: string;
  fileId: string;
  documentId: string;
  entries: { name: string; size: number }[];
}

/** The letters of the file that go in the pack: what the debtor was sent, as sent. */
const LETTER_KINDS = ['REMINDER_LETTER', 'REGISTERED_LETTER', 'FORMAL_NOTICE', 'PRE_JUDICIAL_WARNING'];

/**
 * Hands a file to a commissaire de justice or a lawyer of the agency's directory (issue 16): one ZIP holding the
 * dossier PDF as of today (lib/letters/dossier.ts: claims and what is owed, letters, every contact), the letters sent
 * to the debtor, the history as a CSV, and the amounts as a CSV. The pack is stored as a document of the file,
 * e-mailed to the partner through the outbox (sent after COMMIT, audience PARTNER: no contact with the debtor), and
 * what it held, when and to whom is recorded (handover) with a line on the timeline. Another agency's or creditor's
 * file or partner is not found; an inactive partner is refused.
 */
export async function handOverFile({
  actor,
  input,
  ip,
  now = new Date(),
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  now?: Date;
}): Promise<HandOverResult> {
  authorize(actor, 'files.work');
  const { fileId, partnerId, note } = parseInput(handOverSchema, input);
  // What the file owes today, read first (its own transaction): a file the actor cannot see is a 404 here.
  const amounts = await fileAmounts(actor, fileId);
  const result = await inTenant(
    scopeOf(actor),
    async (tx) => {
      const clock = await agencyClock(tx, actor.tenantId, now);
      const file = await lockFile(tx, actor, fileId);
      const partner = await tx.partner.findFirst({ where: { tenantId: actor.tenantId, id: partnerId } });
      if (!partner) throw AppError.notFound();
      if (!partner.active) throw new AppError('CONFLICT', PARTNER_MESSAGES.inactive);
      const [head] = await tx.$queryRaw<
        { agency: string; creditor: string; debtor: string; debtorKind: 'PERSON' | 'COMPANY'; address: string | null }[]
      >`
        SELECT a.name AS agency, c.name AS creditor, d.display_name AS debtor, d.kind::text AS "debtorKind",
               (SELECT concat_ws(', ', p.line1, concat_ws(' ', p.postcode, p.city)) FROM contact_point p
                 WHERE p.tenant_id = d.tenant_id AND p.debtor_id = d.id AND p.kind = 'ADDRESS'
                 ORDER BY (p.status = 'VALID') DESC, p.created_at DESC LIMIT 1) AS address
          FROM case_file f JOIN agency a ON a.id = f.tenant_id
          JOIN creditor c ON c.tenant_id = f.tenant_id AND c.id = f.creditor_id
          JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
         WHERE f.tenant_id = ${actor.tenantId}::uuid AND f.id = ${file.id}::uuid`;
      const documents = await tx.$queryRaw<
        {
          created_at: Date;
          kind: string;
          reference: string;
          storage_key: string;
          tracking_number: string | null;
          acknowledged_on: string | null;
        }[]
      >`
        SELECT created_at, kind::text, reference, storage_key, tracking_number, acknowledged_on::text FROM document
         WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid ORDER BY created_at`;
      const timeline = await tx.$queryRaw<{ occurred_at: Date; kind: string; details: unknown }[]>`
        SELECT occurred_at, kind, details FROM activity
         WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid ORDER BY occurred_at`;
      const render = timelineRenderer('fr', clock.timeZone);
      const h = head!;
      const letters = documents.filter((d) => LETTER_KINDS.includes(d.kind));
      const { pdf: dossier } = await renderDossier({
        locale: 'fr',
        date: clock.today,
        agencyName: h.agency,
        file: { reference: file.reference, nature: file.nature, placedOn: file.placedAt.toISOString().slice(0, 10) },
        debtor: { name: h.debtor, kind: h.debtorKind, address: h.address ?? '—' },
        creditor: { name: h.creditor },
        currency: amounts.currency.trim(),
        claims: amounts.claims.map((c) => ({
          invoiceNumber: c.invoiceNumber,
          issuedOn: c.dueOn,
          dueOn: c.dueOn,
          principalCents: c.principalCents,
          interestCents: c.interestCents,
          indemnityCents: c.indemnityCents,
        })),
        totals: {
          principalCents: amounts.totals.principalCents,
          interestCents: amounts.totals.interestCents,
          indemnityCents: amounts.totals.indemnityCents,
          paidCents: amounts.totals.paidCents,
          dueCents: amounts.totals.dueCents,
        },
        documents: documents.map((d) => ({
          date: d.created_at.toISOString(),
          kind: d.kind,
          reference: d.reference,
          tracking: d.tracking_number,
          acknowledgedOn: d.acknowledged_on,
        })),
        contacts: timeline.map((l) => ({ at: l.occurred_at.toISOString(), kind: l.kind, summary: render(l) })),
      });
      const history =
        ['date', 'evenement'].map(csvCell).join(';') +
        '\r\n' +
        timeline.map((l) => [l.occurred_at.toISOString(), render(l)].map(csvCell).join(';')).join('\r\n') +
        '\r\n';
      const entries: PackEntry[] = [
        { name: `dossier-${file.reference}.pdf`, bytes: dossier },
        ...(await Promise.all(
          letters.map(async (d, i) => ({
            name: `pieces/${String(i + 1).padStart(2, '0')}-${entryName(d.kind.toLowerCase())}-${entryName(d.reference)}.pdf`,
            bytes: await readStored(d.storage_key),
          })),
        )),
        { name: 'historique.csv', bytes: Buffer.from(`\uFEFF${history}`, 'utf8') },
        { name: 'montants.csv', bytes: Buffer.from(`\uFEFF${amountsCsv(amounts, file.reference)}`, 'utf8') },
      ];
      const zip = await zipPack(entries);
      const handoverId = randomUUID();
      const storageKey = derivedKey(actor.tenantId, 'documents', `handover:${handoverId}`);
      const stored = await storeBuffer(storageKey, zip);
      const document = await tx.document.create({
        data: {
          tenantId: actor.tenantId,
          fileId: file.id,
          kind: 'HANDOVER_PACK',
          locale: 'fr',
          storageKey,
          sha256: stored.sha256,
          reference: `TR-${file.reference}`,
          executionKey: `handover:${handoverId}`,
          createdBy: actor.membershipId,
          createdAt: now,
        },
        select: { id: true },
      });
      const t = translatorFor('fr', 'emails');
      const values = {
        agency: h.agency,
        reference: file.reference,
        debtor: h.debtor,
        creditor: h.creditor,
        note: note ?? '',
        hasNote: note ? 'yes' : 'no',
      };
      const [message] = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO outbound_message (tenant_id, file_id, channel, recipient, locale, subject, body, execution_key,
                                      audience, document_id, created_at)
        VALUES (${actor.tenantId}::uuid, ${file.id}::uuid, 'EMAIL', ${partner.email}, 'fr',
                ${t('handover.subject', values)}, ${t('handover.body', values)}, ${`handover:${handoverId}`},
                'PARTNER', ${document.id}::uuid, ${now})
        RETURNING id::text`;
      const contents = entries.map((e) => ({
        name: e.name,
        size: e.bytes.length,
        sha256: createHash('sha256').update(e.bytes).digest('hex'),
      }));
      await tx.handover.create({
        data: {
          tenantId: actor.tenantId,
          id: handoverId,
          fileId: file.id,
          partnerId,
          documentId: document.id,
          messageId: message!.id,
          contents,
          note,
          sentBy: actor.membershipId,
          sentAt: now,
        },
      });
      await saveFile(
        tx,
        file,
        {},
        {
          by: { membershipId: actor.membershipId, ip },
          lines: [
            {
              kind: 'handover.sent',
              details: {
                partnerName: partner.name,
                partnerKind: partner.kind as 'LAWYER',
                entries: entries.length,
                recipient: partner.email,
                handoverId,
              },
            },
          ],
          audit: {
            action: 'file.handed_over',
            entity: 'handover',
            entityId: handoverId,
            details: { partnerId, sha256: stored.sha256, entries: entries.length },
          },
        },
        now,
      );
      return {
        handoverId,
        fileId: file.id,
        documentId: document.id,
        messageId: message!.id,
        entries: contents.map(({ name, size }) => ({ name, size })),
      };
    },
    undefined,
    { timeoutMs: 30_000 },
  );
  await sendAfterCommit(actor.tenantId, [result.messageId], 'hand-over e-mail');
  const { messageId: _sent, ...answer } = result;
  return answer;
}
