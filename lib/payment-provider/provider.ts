/**
 * The boundary between Recouvra and a card / SEPA direct-debit provider (issue 17, decision 0020). The debtor's page
 * asks for a hosted checkout; the provider's signed notices say what became of it. Nothing else of the provider
 * leaks past this interface: lib/payment-provider/stripe.ts is its one real adapter.
 */
export interface PaymentProvider {
  readonly name: 'STRIPE';
  /** A hosted payment page for this amount, on the agency's own account at the provider; where to send the debtor. */
  createCheckout(request: CheckoutRequest): Promise<{ sessionId: string; url: string }>;
  /**
   * A notice as it arrived (raw body and signature header), verified by the provider's own library; throws
   * `InvalidNotice` when the signature does not hold (forged, altered, replayed too late, signed with another secret).
   */
  readNotice(rawBody: Uint8Array, signature: string | null): ProviderNotice;
}

export interface CheckoutRequest {
  /** The agency's connected account at the provider. */
  account: string;
  amountCents: number;
  currency: string;
  /** What the provider's page shows the debtor as the payment's purpose: the file's reference. */
  label: string;
  locale: 'fr' | 'en';
  successUrl: string;
  cancelUrl: string;
  /** Comes back with every notice about this checkout. */
  metadata: CheckoutMetadata;
}

export interface CheckoutMetadata {
  tenantId: string;
  fileId: string;
  linkId: string;
  checkoutId: string;
}

/**
 * What a verified notice says, in our terms: PAID (a card payment completed, or a direct debit that went through),
 * PENDING (a direct debit submitted, not yet collected), FAILED (a direct debit that did not go through), OTHER
 * (anything we do not act on).
 */
export interface ProviderNotice {
  eventId: string;
  eventType: string;
  outcome: 'PAID' | 'PENDING' | 'FAILED' | 'OTHER';
  /** The connected account the notice is about; null when it is about the platform's own account. */
  account: string | null;
  /** When the provider created the notice. */
  createdAt: Date;
  session: {
    id: string;
    amountCents: number | null;
    currency: string | null;
    method: 'CARD' | 'DIRECT_DEBIT';
    /** The provider's payment reference (its payment intent), kept as the payment's reference. */
    paymentRef: string | null;
    /** As the provider returned it: untrusted until checked against our own checkout row. */
    metadata: Record<string, string>;
  } | null;
}

/** A notice whose signature does not hold: answered 400, nothing read from it. */
export class InvalidNotice extends Error {
  constructor(cause: unknown) {
    super('payment provider notice: signature refused', { cause });
    this.name = 'InvalidNotice';
  }
}
