import { createTranslator } from 'next-intl';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { env } from '../config/env';
import type { RawTx } from '../db/raw';
import { formatDateShort, formatMoney } from '../letters/format';
import type { Locale } from '../i18n/locales';

/** What the e-mail tells the creditor of the plan: facts only, amounts in cents, days as YYYY-MM-DD. */
export interface PlanToApprove {
  planId: string;
  fileReference: string;
  debtorName: string;
  agencyName: string;
  agentName: string;
  currency: string;
  totalCents: number;
  instalmentCount: number;
  firstDueOn: string;
  lastDueOn: string;
  reasons: readonly string[];
  interestMode: 'FROZEN' | 'INCLUDED';
}

/** The e-mail in one reader's language, worded by the catalogue (`emails.planAwaiting`), with the portal's link. */
export function planApprovalMail(locale: Locale, plan: PlanToApprove, portalUrl: string) {
  const t = createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace: 'emails.planAwaiting' });
  const values = {
    agency: plan.agencyName,
    agent: plan.agentName,
    debtor: plan.debtorName,
    reference: plan.fileReference,
    total: formatMoney(plan.totalCents, plan.currency, locale),
    count: plan.instalmentCount,
    first: formatDateShort(plan.firstDueOn, locale),
    last: formatDateShort(plan.lastDueOn, locale),
    reasons: plan.reasons.map((r) => t(`reasons.${r as 'TOO_LONG' | 'BELOW_MINIMUM'}`)).join(', '),
    mode: plan.interestMode,
    link: portalUrl,
  };
  return { subject: t('subject', values), body: t('body', values) };
}

/**
 * Writes, in the plan's transaction, one outbox e-mail per active user of the file's creditor, each in the user's
 * language, telling them a plan awaits their approval on the portal (CPCE R124-5: the creditor is told of any
 * proposal other than immediate payment). Returns the messages' ids, to hand to the sender after COMMIT; a creditor
 * without an active user gets none and still sees the plan on its portal.
 */
export async function queuePlanApprovalMails(
  tx: RawTx,
  {
    tenantId,
    fileId,
    debtorId,
    creditorId,
    plan: facts,
    now,
  }: {
    tenantId: string;
    fileId: string;
    debtorId: string;
    creditorId: string;
    plan: Omit<PlanToApprove, 'agencyName' | 'debtorName'>;
    now: Date;
  },
): Promise<string[]> {
  const [names] = await tx.$queryRaw<{ agency: string; debtor: string }[]>`
    SELECT a.name AS agency, d.display_name AS debtor
      FROM agency a, debtor d
     WHERE a.id = ${tenantId}::uuid AND d.tenant_id = ${tenantId}::uuid AND d.id = ${debtorId}::uuid`;
  const plan: PlanToApprove = { ...facts, agencyName: names!.agency, debtorName: names!.debtor };
  const users = await tx.$queryRaw<{ membership_id: string; email: string; locale: string }[]>`
    SELECT m.id::text AS membership_id, i.email, i.locale
      FROM membership m JOIN identity i ON i.id = m.identity_id
     WHERE m.tenant_id = ${tenantId}::uuid AND m.role = 'CREDITOR' AND m.active AND m.creditor_id = ${creditorId}::uuid
     ORDER BY i.email`;
  const portalUrl = new URL('/portal/plans', env.NEXTAUTH_URL).toString();
  const ids: string[] = [];
  for (const user of users) {
    const locale: Locale = user.locale === 'en' ? 'en' : 'fr';
    const mail = planApprovalMail(locale, plan, portalUrl);
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO outbound_message (tenant_id, file_id, channel, recipient, locale, subject, body, execution_key,
                                    audience, created_at)
      VALUES (${tenantId}::uuid, ${fileId}::uuid, 'EMAIL', ${user.email}, ${locale}, ${mail.subject}, ${mail.body},
              ${`plan-approval:${plan.planId}:${user.membership_id}`}, 'CREDITOR', ${now})
      RETURNING id::text`;
    ids.push(row!.id);
  }
  return ids;
}
