import { agencyClock } from '../dates/agency-clock';
import { inTenant, type Tx } from '../db/tenant';
import { recordTimeline } from '../history/record';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translate';
import type { BatchItem } from '../letters/batch';
import { formatDateLong, formatMoney } from '../letters/format';
import { withDebtorPages } from '../debtor-links/letter-links';
import { renderPlanLetter } from '../letters/plan-letter';
import { queueMail } from '../outbox/queue-mail';
import { derivedKey, storeBuffer } from '../storage/documents';
import { debtorChannel, type DebtorChannel } from './debtor-channel';
import { planLetterIn } from './plan-letter-data';

export interface IssuedPlanLetter extends DebtorChannel {
  waiting?: undefined;
  reference: string;
  documentId: string;
  /** The outbox row to hand to the sender once the plan's transaction has committed. */
  messageId: string | null;
}

/**
 * The letter was not drawn: its interest rests on a rate the tables do not hold yet (decision 0009: an estimate
 * never reaches a debtor). The plan is in force all the same; the daily plan check (./check-plans.ts) issues the
 * letter once the rate is entered, figures as they stood the day the plan was agreed.
 */
export interface WaitingPlanLetter {
  waiting: 'RATES_NOT_PUBLISHED';
  messageId: null;
}

export type PlanLetterOutcome = IssuedPlanLetter | WaitingPlanLetter;

/** The e-mail that carries the plan letter, in the debtor's language (messages/*.json emails.planLetter). */
export function planLetterMail(
  locale: Locale,
  p: {
    reference: string;
    fileReference: string;
    instalments: number;
    firstDueOn: string;
    amount: string;
    agencyName: string;
  },
) {
  const t = translatorFor(locale, 'emails');
  return { subject: t('planLetter.subject', p), body: t('planLetter.body', p) };
}

/**
 * A plan in force is confirmed to the debtor in writing, in the transaction that put it in force (an agent's plan
 * within the mandate, the creditor's approval, or the debtor's own proposal on their page): the letter's PDF — the
 * claims as they stood that day, the schedule, the grace period (CPCE R124-4) — is stored as a document of the file,
 * then e-mailed, or posted by the next print run, or not sent when no usable contact exists (lib/payments/
 * debtor-channel.ts). An e-mailed letter counts as sent that day, so the debtor's page lists it at once.
 */
export async function issuePlanLetter(
  tx: Tx,
  { tenantId, planId, today, now }: { tenantId: string; planId: string; today: string; now: Date },
): Promise<PlanLetterOutcome> {
  const letter = await planLetterIn(tx, tenantId, planId, null);
  if (!letter) throw new Error(`plan ${planId} not found for its letter`);
  if (letter.estimated) return { waiting: 'RATES_NOT_PUBLISHED', messageId: null };
  const { data, fileId } = letter;
  const file = await tx.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: fileId } } });
  const way = await debtorChannel(tx, file);

  const key = `plan-letter:${planId}`;
  const storageKey = derivedKey(tenantId, 'documents', key);
  const item: BatchItem = { kind: 'plan-letter', data };
  // The copy sent carries the debtor's private page, as a print run's would; the stored data does not.
  const [sent] = await withDebtorPages(tx, { tenantId, now, letters: [{ fileId, item }] });
  const stored = await storeBuffer(storageKey, await renderPlanLetter((sent as typeof item).data));
  const document = await tx.document.create({
    data: {
      tenantId,
      fileId,
      kind: 'PLAN_LETTER',
      locale: data.locale,
      storageKey,
      sha256: stored.sha256,
      reference: data.reference,
      executionKey: key,
      // Only a posted letter goes into a print run, which dates it by its posting.
      letterData: way.channel === 'POST' ? (item as object) : undefined,
      sentOn: way.channel === 'EMAIL' ? new Date(`${today}T00:00:00Z`) : undefined,
      createdAt: now,
    },
    select: { id: true },
  });
  const first = data.plan.instalments[0];
  const messageId =
    way.channel === 'EMAIL'
      ? await queueMail(tx, {
          tenantId,
          fileId,
          recipient: way.recipient!,
          contactPointId: way.contactPointId,
          locale: data.locale,
          ...planLetterMail(data.locale, {
            reference: data.reference,
            fileReference: data.file.reference,
            instalments: data.plan.instalments.length,
            firstDueOn: first ? formatDateLong(first.dueOn, data.locale) : '',
            amount: formatMoney(data.plan.totalCents, data.currency, data.locale),
            agencyName: data.agency.legalName,
          }),
          executionKey: key,
          documentId: document.id,
          now,
        })
      : null;
  return { ...way, reference: data.reference, documentId: document.id, messageId };
}

/** The timeline line saying where the letter went, or why it waits, written with the plan's own lines. */
export function planLetterLine(planId: string, letter: PlanLetterOutcome) {
  if (letter.waiting) return { kind: 'plan.letter_waiting' as const, details: { planId, reason: letter.waiting } };
  return {
    kind: 'plan.letter_issued' as const,
    details: {
      planId,
      reference: letter.reference,
      channel: letter.channel,
      recipient: letter.recipient,
      documentId: letter.documentId,
    },
  };
}

/**
 * The letter of a plan a creditor approved, issued right after its decision commits, in the agency's own context: the
 * creditor's user sees only the contact points its files brought (issue 13's wall), while the letter goes where the
 * agency would send it. Issued once (the document's key); if this is lost, or waits for a rate, the daily plan check
 * issues it (./check-plans.ts). Returns the e-mail to hand to the sender, if any.
 */
export async function issueDecidedPlanLetter(
  tenantId: string,
  planId: string,
  now: Date = new Date(),
): Promise<{ issued: boolean; waiting: boolean; messageId: string | null }> {
  const nothing = { issued: false, waiting: false, messageId: null };
  return inTenant({ tenantId }, async (tx) => {
    const done = await tx.document.count({
      where: { tenantId, kind: 'PLAN_LETTER', executionKey: `plan-letter:${planId}` },
    });
    if (done > 0) return nothing;
    const plan = await tx.paymentPlan.findFirst({
      where: { tenantId, id: planId, status: 'ACTIVE' },
      select: { fileId: true },
    });
    if (!plan) return nothing;
    const { today } = await agencyClock(tx, tenantId, now);
    const letter = await issuePlanLetter(tx, { tenantId, planId, today, now });
    // The daily check tries a waiting letter again each day: the file's history says it once.
    const told =
      letter.waiting !== undefined &&
      (await tx.activity.count({
        where: {
          tenantId,
          fileId: plan.fileId,
          kind: 'plan.letter_waiting',
          details: { path: ['planId'], equals: planId },
        },
      })) > 0;
    if (!told) {
      const line = planLetterLine(planId, letter);
      await recordTimeline(tx, { tenantId, fileId: plan.fileId, actorId: null, at: now }, line);
    }
    return { issued: letter.waiting === undefined, waiting: letter.waiting !== undefined, messageId: letter.messageId };
  });
}
