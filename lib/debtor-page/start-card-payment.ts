import { recordAudit } from '../audit/record-audit';
import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { refuse } from '../cases/file-store';
import { hashLinkToken } from '../debtor-links/token';
import { env } from '../config/env';
import { amountsOfFile } from '../payments/file-amounts';
import { configuredProvider } from '../payment-provider/configured';
import type { PaymentProvider } from '../payment-provider/provider';
import type { DebtorRequest } from './debtor-file';
import { newReturnRef, providerReturnUrl } from './provider-return';
import { linkedFile } from './queries';
import { cardPaymentSchema, DEBTOR_PAGE_MESSAGES as M } from './schemas';
import { logger } from '../log/logger';

export interface CardPaymentRequest extends DebtorRequest {
  /** The link the page was opened with: it must be the session's (the way back leads to it, ./provider-return.ts). */
  token: string;
  locale: 'fr' | 'en';
  /** The deployment's provider unless a test passes its own (pointed at a local server). */
  provider?: PaymentProvider | null;
  /** Where the debtor comes back to (the app's address). */
  baseUrl?: string;
}

/**
 * The debtor pays by card or SEPA direct debit (issue 17, decision 0020): an amount of at least €1 and at most what is
 * due today, on the provider's hosted page, on the agency's own account there. Nothing is recorded as paid here: the
 * provider's signed notice records the payment (lib/payment-provider/record-notice.ts). The checkout row is written
 * before the provider is asked, so a notice can always be traced to the file and link it came from.
 */
export async function startCardPayment({
  session,
  input,
  ip,
  token,
  locale,
  now = new Date(),
  provider = configuredProvider(),
  baseUrl = env.NEXTAUTH_URL,
}: CardPaymentRequest): Promise<{ checkoutId: string; url: string; returnRef: string }> {
  if (!provider) throw refuse('amount', M.cardUnavailable);
  const tenantId = session.tenantId;
  const checkout = await inTenant({ tenantId }, async (tx) => {
    const found = await linkedFile(tx, session, now);
    // The link the debtor is sent back to must be the one this session opened.
    if (!found || !Buffer.from(found.link.tokenHash).equals(hashLinkToken(token))) throw AppError.notFound();
    const { amount } = parseInput(cardPaymentSchema, input);
    const file = await tx.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: found.file.id } } });
    // L622-7 / L722-5: under collective or over-indebtedness proceedings the debtor may not pay old debts.
    if (file.status === 'SUSPENDED') throw refuse('amount', M.suspended);
    const agency = await tx.agency.findUniqueOrThrow({ where: { id: tenantId }, select: { stripeAccountId: true } });
    // SEPA direct debit is euros only, and the provider's account is the agency's: without it, no card payment.
    if (!agency.stripeAccountId || file.currency !== 'EUR') throw refuse('amount', M.cardUnavailable);
    const clock = await agencyClock(tx, tenantId, now);
    const { totals } = await amountsOfFile(tx, file, clock.today);
    if (amount > totals.dueCents) throw refuse('amount', M.amountAboveDue);
    const row = await tx.providerCheckout.create({
      data: {
        tenantId,
        provider: provider.name,
        fileId: file.id,
        linkId: found.link.id,
        amountCents: BigInt(amount),
        currency: file.currency,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(
      tx,
      { tenantId, membershipId: null },
      {
        action: 'debtor.cardCheckout',
        entity: 'provider_checkout',
        entityId: row.id,
        details: { fileId: file.id, amountCents: amount, currency: file.currency },
        ...(ip ? { ip } : {}),
      },
    );
    return {
      id: row.id,
      account: agency.stripeAccountId,
      amount,
      currency: file.currency,
      fileId: file.id,
      linkId: found.link.id,
      reference: file.reference,
    };
  });

  // The provider keeps the URLs it sends the debtor back to: an opaque reference, never the link's token.
  const returnRef = newReturnRef();
  let made: { sessionId: string; url: string };
  try {
    made = await provider.createCheckout({
      account: checkout.account,
      amountCents: checkout.amount,
      currency: checkout.currency,
      label: checkout.reference,
      locale,
      successUrl: providerReturnUrl(baseUrl, returnRef, 'confirming'),
      cancelUrl: providerReturnUrl(baseUrl, returnRef, 'cancelled'),
      metadata: { tenantId, fileId: checkout.fileId, linkId: checkout.linkId, checkoutId: checkout.id },
    });
  } catch (error) {
    logger.error({ err: error }, 'payment provider: checkout not created');
    throw new AppError('UNAVAILABLE', M.cardUnavailable, { amount: M.cardUnavailable });
  }
  await inTenant({ tenantId }, (tx) =>
    tx.providerCheckout.update({
      where: { tenantId_id: { tenantId, id: checkout.id } },
      data: { sessionId: made.sessionId },
    }),
  );
  return { checkoutId: checkout.id, url: made.url, returnRef };
}
