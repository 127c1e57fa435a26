import { db } from '../db/client';
import { Prisma, type PrismaClient } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { toLocale, type Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translate';
import { formatDateShort, formatMoney } from '../letters/format';
import { renderRemittanceStatement } from '../letters/remittance-statement';
import { TENANT_HEADER } from '../mail/capture-server';
import { mailSender, type MailSender } from '../mail/transport';
import { storeBuffer } from '../storage/documents';
import { statementIn } from './statement-data';

export interface StatementMailReport {
  transfers: number;
  emails: number;
}

/** The e-mail that carries a statement, in the reader's language (messages/*.json emails.remittance). */
export function remittanceMail(
  locale: Locale,
  v: { agency: string; creditor: string; number: number; amountCents: number; executionOn: string; payments: number },
) {
  const t = translatorFor(locale, 'emails');
  const values = {
    agency: v.agency,
    creditor: v.creditor,
    number: v.number,
    amount: formatMoney(v.amountCents, 'EUR', locale),
    day: formatDateShort(v.executionOn, locale),
    count: v.payments,
  };
  return { subject: t('remittance.subject', values), text: t('remittance.body', values) };
}

/**
 * Each approved remittance's statement goes to its creditor's active users (CPCE R124-6 pays the funds; the
 * statement says what they are): the PDF is stored once (the copy the creditor was sent) and attached, in each
 * user's language, and the transfer is stamped in the same transaction. Rows are locked while the e-mails go out,
 * so two workers never send the same one; a failed send rolls the stamp back and the retry sends again under the
 * same Message-ID. A creditor without an active user keeps its statement in the portal and gets it once it has one.
 */
export async function sendRemittanceStatements({
  tenantId,
  runId,
  mail,
  client = db(),
}: {
  tenantId: string;
  runId?: string;
  mail?: MailSender;
  client?: PrismaClient;
}): Promise<StatementMailReport> {
  const report: StatementMailReport = { transfers: 0, emails: 0 };
  await inTenant(
    { tenantId },
    async (tx) => {
      const transfers = await tx.$queryRaw<{ id: string; creditor_id: string; agency: string }[]>`
        SELECT t.id::text, t.creditor_id::text, a.name AS agency
          FROM payout_transfer t
          JOIN payout_run r ON r.tenant_id = t.tenant_id AND r.id = t.run_id
          JOIN agency a ON a.id = t.tenant_id
         WHERE t.tenant_id = ${tenantId}::uuid AND r.kind = 'REMITTANCE' AND r.status = 'APPROVED'
           AND t.emailed_at IS NULL ${runId ? Prisma.sql`AND t.run_id = ${runId}::uuid` : Prisma.empty}
         ORDER BY t.end_to_end_id
           FOR UPDATE OF t SKIP LOCKED`;
      for (const transfer of transfers) {
        const users = await tx.$queryRaw<{ membership_id: string; email: string; locale: string }[]>`
          SELECT m.id::text AS membership_id, i.email, i.locale
            FROM membership m JOIN identity i ON i.id = m.identity_id
           WHERE m.tenant_id = ${tenantId}::uuid AND m.role = 'CREDITOR' AND m.active
             AND m.creditor_id = ${transfer.creditor_id}::uuid
           ORDER BY i.email`;
        if (users.length === 0) continue;
        const pdfs = new Map<Locale, { name: string; pdf: Buffer }>();
        const pdfFor = async (locale: Locale) => {
          let made = pdfs.get(locale);
          if (!made) {
            const document = (await statementIn(tx, tenantId, transfer.id, locale))!;
            made = { name: document.fileName, pdf: await renderRemittanceStatement(document.data) };
            pdfs.set(locale, made);
          }
          return made;
        };
        const kept = await pdfFor('fr');
        const key = `${tenantId}/remittances/${transfer.id}`;
        await storeBuffer(key, kept.pdf);
        const facts = (await statementIn(tx, tenantId, transfer.id, 'fr'))!.data;
        for (const user of users) {
          const locale = toLocale(user.locale);
          const { name, pdf } = await pdfFor(locale);
          const { subject, text } = remittanceMail(locale, {
            agency: transfer.agency,
            creditor: facts.creditor.name,
            number: facts.runNumber,
            amountCents: facts.totals.amountCents,
            executionOn: facts.executionOn,
            payments: facts.lines.length,
          });
          await (mail ?? mailSender()).send({
            to: user.email,
            subject,
            text,
            messageId: `<remittance.${tenantId}.${transfer.id}.${user.membership_id}@recouvra.local>`,
            headers: { [TENANT_HEADER]: tenantId },
            attachments: [{ filename: name, content: pdf, contentType: 'application/pdf' }],
          });
          report.emails++;
        }
        await tx.$executeRaw`
          UPDATE payout_transfer SET statement_key = ${key}, emailed_at = now()
           WHERE tenant_id = ${tenantId}::uuid AND id = ${transfer.id}::uuid`;
        report.transfers++;
      }
    },
    client,
    { timeoutMs: 300_000 },
  );
  return report;
}
