import { dayIn } from '../dates/days';
import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { formatDateShort, formatMoney } from '../letters/format';
import { toLocale, type Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translate';
import { TENANT_HEADER } from '../mail/capture-server';
import { mailSender, type MailSender } from '../mail/transport';

export interface DigestReport {
  tenants: number;
  /** Creditors with at least one payment to report. */
  creditors: number;
  emails: number;
  payments: number;
}

interface Row {
  id: string;
  creditor_id: string;
  creditor_name: string;
  reference: string;
  debtor: string;
  amount_cents: bigint;
  currency: string;
  received_on: string;
  remaining_cents: bigint;
}

interface Recipient {
  creditor_id: string;
  membership_id: string;
  email: string;
  locale: string;
}

/** One creditor user's digest, in the user's language (messages/*.json emails.digest): one line per payment. */
export function digestMail(locale: Locale, creditor: string, agency: string, rows: Row[]) {
  const t = translatorFor(locale, 'emails');
  const lines = rows.map((r) =>
    t('digest.line', {
      day: formatDateShort(r.received_on, locale),
      reference: r.reference,
      debtor: r.debtor,
      amount: formatMoney(Number(r.amount_cents), r.currency.trim(), locale),
      settled: Number(r.remaining_cents) === 0 ? 'yes' : 'no',
      remaining: formatMoney(Number(r.remaining_cents), r.currency.trim(), locale),
    }),
  );
  return {
    subject: t('digest.subject', { agency, count: rows.length, creditor }),
    text: t('digest.body', { lines: lines.join('\n'), agency }),
  };
}

/**
 * The daily digest (CPCE R124-5: the creditor is told of every payment, even partial, except the instalments of a
 * plan it knows): for each agency, each creditor with payments not yet reported gets one e-mail per active creditor
 * user, listing them, and the payments are stamped reported in the same transaction. The rows are locked while the
 * e-mails go out, so two workers never send the same digest; a failed send rolls the stamp back and the job's retry
 * sends again under the same Message-ID (one per user, creditor and day), which lets the receiver see the duplicate.
 * A creditor without an active user keeps its payments for the next digest (and in its portal).
 */
export async function sendCreditorDigests({
  tenantId,
  now = new Date(),
  mail,
  client = db(),
}: {
  tenantId?: string;
  now?: Date;
  mail?: MailSender;
  client?: PrismaClient;
} = {}): Promise<DigestReport> {
  // agency is global (no row-level security): the application role may list it without a tenant context.
  const agencies = await client.agency.findMany({
    where: tenantId ? { id: tenantId } : {},
    select: { id: true, name: true, timeZone: true },
    orderBy: { id: 'asc' },
  });
  const report: DigestReport = { tenants: agencies.length, creditors: 0, emails: 0, payments: 0 };
  for (const agency of agencies) {
    await inTenant(
      { tenantId: agency.id },
      async (tx) => {
        const rows = await tx.$queryRaw<Row[]>`
          SELECT n.id::text, n.creditor_id::text, c.name AS creditor_name, f.reference, d.display_name AS debtor,
                 n.amount_cents, n.currency, n.received_on::text, n.remaining_cents
            FROM creditor_notification n
            JOIN creditor c ON c.tenant_id = n.tenant_id AND c.id = n.creditor_id
            JOIN case_file f ON f.tenant_id = n.tenant_id AND f.id = n.file_id
            JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
           WHERE n.tenant_id = ${agency.id}::uuid AND n.digested_at IS NULL AND n.created_at <= ${now}
           ORDER BY n.creditor_id, n.received_on, n.created_at, n.id
             FOR UPDATE OF n SKIP LOCKED`;
        if (rows.length === 0) return;
        const creditorIds = [...new Set(rows.map((r) => r.creditor_id))];
        const recipients = await tx.$queryRaw<Recipient[]>`
          SELECT m.creditor_id::text, m.id::text AS membership_id, i.email, i.locale
            FROM membership m JOIN identity i ON i.id = m.identity_id
           WHERE m.tenant_id = ${agency.id}::uuid AND m.role = 'CREDITOR' AND m.active
             AND m.creditor_id = ANY(${creditorIds}::uuid[])
           ORDER BY m.creditor_id, i.email`;
        const day = dayIn(agency.timeZone, now);
        const reported: string[] = [];
        for (const creditorId of creditorIds) {
          const users = recipients.filter((u) => u.creditor_id === creditorId);
          if (users.length === 0) continue;
          // Only this creditor's payments go to this creditor's users.
          const own = rows.filter((r) => r.creditor_id === creditorId);
          for (const user of users) {
            const locale = toLocale(user.locale);
            const { subject, text } = digestMail(locale, own[0]!.creditor_name, agency.name, own);
            await (mail ?? mailSender()).send({
              to: user.email,
              subject,
              text,
              messageId: `<digest.${agency.id}.${creditorId}.${day}.${user.membership_id}@recouvra.local>`,
              headers: { [TENANT_HEADER]: agency.id },
            });
            report.emails++;
          }
          report.creditors++;
          report.payments += own.length;
          reported.push(...own.map((r) => r.id));
        }
        if (reported.length > 0)
          await tx.$executeRaw`
            UPDATE creditor_notification SET digested_at = ${now}
             WHERE tenant_id = ${agency.id}::uuid AND id = ANY(${reported}::uuid[])`;
      },
      client,
      { timeoutMs: 120_000 },
    );
  }
  return report;
}
