import { env } from '../config/env';
import { inTenant } from '../db/tenant';
import { toLocale } from '../i18n/locales';
import { translatorFor } from '../i18n/translate';
import { formatMoney } from '../letters/format';
import { TENANT_HEADER } from '../mail/capture-server';
import { mailSender, type MailSender } from '../mail/transport';
import type { ClosingReason } from './rules';

/**
 * A finished bulk closing's one e-mail to each active user of its creditor (issue 16): the files it closed, with the
 * reason and what each still owed, and where the reports are (the portal) — instead of one report e-mail per file.
 * The batch row is locked and stamped in the transaction that sends, so two workers never send it twice; a failed
 * send rolls the stamp back and the job's retry sends again under the same Message-ID (one per batch and user), which
 * lets the receiver see the duplicate. A batch not finished, already told, or that closed nothing sends nothing.
 * Returns the e-mails sent.
 */
export async function sendClosingBatchDigest({
  tenantId,
  batchId,
  now = new Date(),
  mail,
}: {
  tenantId: string;
  batchId: string;
  now?: Date;
  mail?: MailSender;
}): Promise<number> {
  return inTenant({ tenantId }, async (tx) => {
    const [batch] = await tx.$queryRaw<
      {
        creditorId: string;
        creditorName: string;
        agencyName: string;
        reason: ClosingReason;
        status: string;
        told: boolean;
      }[]
    >`
      SELECT b.creditor_id::text AS "creditorId", c.name AS "creditorName", a.name AS "agencyName", b.reason,
             b.status, b.digested_at IS NOT NULL AS told
        FROM closing_batch b
        JOIN creditor c ON c.tenant_id = b.tenant_id AND c.id = b.creditor_id
        JOIN agency a ON a.id = b.tenant_id
       WHERE b.tenant_id = ${tenantId}::uuid AND b.id = ${batchId}::uuid
         FOR UPDATE OF b`;
    if (!batch || batch.status !== 'DONE' || batch.told) return 0;
    const files = await tx.$queryRaw<{ reference: string; debtor: string; owed: bigint; currency: string }[]>`
      SELECT f.reference, d.display_name AS debtor, c.owed_cents AS owed, c.currency
        FROM file_closing c
        JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE c.tenant_id = ${tenantId}::uuid AND c.batch_id = ${batchId}::uuid
       ORDER BY f.reference`;
    const users = await tx.$queryRaw<{ membershipId: string; email: string; locale: string }[]>`
      SELECT mb.id::text AS "membershipId", i.email, i.locale
        FROM membership mb JOIN identity i ON i.id = mb.identity_id
       WHERE mb.tenant_id = ${tenantId}::uuid AND mb.role = 'CREDITOR' AND mb.active
         AND mb.creditor_id = ${batch.creditorId}::uuid
       ORDER BY i.email`;
    let sent = 0;
    if (files.length > 0) {
      const link = new URL('/portal', env.NEXTAUTH_URL).toString();
      for (const user of users) {
        const locale = toLocale(user.locale);
        const t = translatorFor(locale, 'emails');
        const reason = translatorFor(locale, 'closing')(`reasons.${batch.reason}`);
        const lines = files.map((f) =>
          t('closingBatch.line', {
            reference: f.reference,
            debtor: f.debtor,
            owed: formatMoney(Number(f.owed), f.currency.trim(), locale),
          }),
        );
        await (mail ?? mailSender()).send({
          to: user.email,
          subject: t('closingBatch.subject', {
            agency: batch.agencyName,
            count: files.length,
            creditor: batch.creditorName,
          }),
          text: t('closingBatch.body', { reason, lines: lines.join('\n'), link, agency: batch.agencyName }),
          messageId: `<closing-batch.${batchId}.${user.membershipId}@recouvra.local>`,
          headers: { [TENANT_HEADER]: tenantId },
        });
        sent++;
      }
    }
    await tx.$executeRaw`
      UPDATE closing_batch SET digested_at = ${now} WHERE tenant_id = ${tenantId}::uuid AND id = ${batchId}::uuid`;
    return sent;
  });
}
