import { z } from 'zod';
import { agencyClock } from '../dates/agency-clock';
import { dayIn } from '../dates/days';
import { inTenant } from '../db/tenant';
import { recordPaymentIn, sendReceipt, type RecordedPayment } from '../payments/record-payment';
import { automaticActor } from '../tenancy/actor';
import type { PaymentProvider, ProviderNotice } from './provider';

/**
 * What a verified notice did: RECORDED a payment; DUPLICATE (this event, or another one for an already paid checkout,
 * was acted on before); PENDING / FAILED noted (a direct debit on its way, or refused); IGNORED (not about a
 * checkout); UNKNOWN (its agency, account, file or link is not one of ours, or they do not agree): nothing written.
 */
export type NoticeOutcome = 'RECORDED' | 'DUPLICATE' | 'PENDING' | 'FAILED' | 'IGNORED' | 'UNKNOWN';

const metadataSchema = z.object({
  tenantId: z.uuid(),
  fileId: z.uuid(),
  linkId: z.uuid(),
  checkoutId: z.uuid(),
});

interface CheckoutRow {
  file_id: string;
  link_id: string;
  session_id: string | null;
  provider: string;
  currency: string;
}

/**
 * The provider's signed notice about a checkout (decision 0020). A payment it confirms is recorded through the payment
 * use-case, as the bank reconciliation records a credit — without a staff member, by the agency's own machinery — so
 * the receipt is e-mailed, the creditor informed, the ledger and commission posted and the scenario stopped as for
 * any payment. The event's row is written in the same transaction as the payment: delivered twice, it finds its row.
 * Everything the notice says is checked against our own checkout row: the agency must own the account the notice
 * came from, and the checkout must be that agency's, for that file and link.
 */
export async function recordProviderNotice(
  notice: ProviderNotice,
  provider: Pick<PaymentProvider, 'name'>,
  now: Date = new Date(),
): Promise<{ outcome: NoticeOutcome; paymentId?: string }> {
  const session = notice.session;
  if (notice.outcome === 'OTHER' || !session) return { outcome: 'IGNORED' };
  const meta = metadataSchema.safeParse(session.metadata);
  if (!meta.success) return { outcome: 'UNKNOWN' };
  const { tenantId, fileId, linkId, checkoutId } = meta.data;

  const done = await inTenant(
    { tenantId },
    async (tx): Promise<{ outcome: NoticeOutcome; payment?: RecordedPayment }> => {
      // agency has no row security: the id from the metadata and the account the provider names must agree.
      const agency = await tx.agency.findUnique({
        where: { id: tenantId },
        select: { slug: true, stripeAccountId: true },
      });
      if (!agency?.stripeAccountId || agency.stripeAccountId !== notice.account) return { outcome: 'UNKNOWN' };
      // Locked: two notices about one checkout (a retry racing the first delivery) are taken one after the other.
      const [checkout] = await tx.$queryRaw<CheckoutRow[]>`
        SELECT file_id::text, link_id::text, session_id, provider, currency::text
          FROM provider_checkout
         WHERE tenant_id = ${tenantId}::uuid AND id = ${checkoutId}::uuid
           FOR UPDATE`;
      if (
        !checkout ||
        checkout.provider !== provider.name ||
        checkout.file_id !== fileId ||
        checkout.link_id !== linkId ||
        (checkout.session_id !== null && checkout.session_id !== session.id)
      )
        return { outcome: 'UNKNOWN' };

      const seen = await tx.providerEvent.findUnique({
        where: { tenantId_provider_eventId: { tenantId, provider: provider.name, eventId: notice.eventId } },
        select: { outcome: true },
      });
      if (seen) return { outcome: 'DUPLICATE' };
      const event = {
        tenantId,
        provider: provider.name,
        eventId: notice.eventId,
        eventType: notice.eventType,
        checkoutId,
      };

      if (notice.outcome !== 'PAID') {
        const noted = notice.outcome as 'PENDING' | 'FAILED'; // OTHER left above
        await tx.providerEvent.create({ data: { ...event, outcome: noted, receivedAt: now } });
        return { outcome: noted };
      }
      const paid = await tx.providerEvent.findFirst({
        where: { tenantId, checkoutId, paymentId: { not: null } },
        select: { paymentId: true },
      });
      if (paid) return { outcome: 'DUPLICATE' };
      const cents = session.amountCents;
      if (cents === null || !Number.isSafeInteger(cents) || cents < 1 || session.currency !== checkout.currency.trim())
        return { outcome: 'UNKNOWN' };

      const file = await tx.caseFile.findUniqueOrThrow({
        where: { tenantId_id: { tenantId, id: fileId } },
        select: { version: true },
      });
      const clock = await agencyClock(tx, tenantId, now);
      // The day the provider took the money, in the agency's calendar (never after its today).
      const paidOn = dayIn(clock.timeZone, notice.createdAt);
      const payment = await recordPaymentIn(
        {
          actor: automaticActor(tenantId, agency.slug),
          fileId,
          amount: (cents / 100).toFixed(2),
          method: session.method,
          receivedOn: paidOn > clock.today ? clock.today : paidOn,
          reference: (session.paymentRef ?? session.id).slice(0, 100),
          expectedVersion: file.version,
        },
        tx,
      );
      await tx.providerEvent.create({
        data: { ...event, outcome: 'PAID', paymentId: payment.paymentId, receivedAt: now },
      });
      return { outcome: 'RECORDED', payment };
    },
    undefined,
    // The receipt's PDF is drawn in this transaction, as for a bank statement's credit.
    { timeoutMs: 30_000 },
  );
  if (done.payment) await sendReceipt(tenantId, done.payment);
  return { outcome: done.outcome, ...(done.payment ? { paymentId: done.payment.paymentId } : {}) };
}
