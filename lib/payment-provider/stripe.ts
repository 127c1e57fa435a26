import Stripe from 'stripe';
import { AppError, codeRef } from '../errors/app-error';
import { InvalidNotice, type CheckoutRequest, type PaymentProvider, type ProviderNotice } from './provider';

export interface StripeSettings {
  /** The platform's secret key (Connect: checkouts are made on each agency's connected account with it). */
  secretKey: string;
  /** The Connect webhook endpoint's signing secret. */
  webhookSecret: string;
  /**
   * Where the API is, when not Stripe's own (tests: a local HTTP server answering like Stripe's API). The library's
   * host, port and protocol options; production refuses to start with it set (lib/config/production.ts).
   */
  apiUrl?: string;
}

/** Events about a checkout session that we act on; everything else is OTHER. */
const SESSION_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
]);

/** The one real adapter: Stripe's API through its official library. */
export function stripeProvider(settings: StripeSettings): PaymentProvider {
  const api = settings.apiUrl ? new URL(settings.apiUrl) : null;
  const stripe = new Stripe(settings.secretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(api
      ? {
          host: api.hostname,
          port: Number(api.port || (api.protocol === 'http:' ? 80 : 443)),
          protocol: api.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });

  return {
    name: 'STRIPE',

    async createCheckout(request: CheckoutRequest) {
      const metadata = { ...request.metadata };
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          // Card, and SEPA direct debit (confirmed days later: checkout.session.async_payment_succeeded); the
          // account's own settings may narrow these, never widen them.
          allowed_payment_method_types: ['card', 'sepa_debit'],
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: request.amountCents,
                product_data: { name: request.label },
              },
            },
          ],
          locale: request.locale,
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          client_reference_id: request.metadata.checkoutId,
          metadata,
          payment_intent_data: { metadata },
        },
        // Connect, direct charge: the money is the agency's, paid out to its creditors'-funds account.
        { stripeAccount: request.account, idempotencyKey: `checkout-${request.metadata.checkoutId}` },
      );
      // A session without its hosted page cannot be paid: the caller answers "not available" (and logs this).
      if (!session.url) throw new AppError('UNAVAILABLE', codeRef('UNAVAILABLE'));
      return { sessionId: session.id, url: session.url };
    },

    readNotice(rawBody: Uint8Array, signature: string | null): ProviderNotice {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(Buffer.from(rawBody), signature ?? '', settings.webhookSecret);
      } catch (error) {
        throw new InvalidNotice(error);
      }
      const base = {
        eventId: event.id,
        eventType: event.type,
        account: event.account ?? null,
        createdAt: new Date(event.created * 1000),
      };
      if (!SESSION_EVENTS.has(event.type)) return { ...base, outcome: 'OTHER', session: null };
      const session = event.data.object as Stripe.Checkout.Session;
      const outcome: ProviderNotice['outcome'] =
        event.type === 'checkout.session.async_payment_failed'
          ? 'FAILED'
          : event.type === 'checkout.session.async_payment_succeeded' || session.payment_status === 'paid'
            ? 'PAID'
            : 'PENDING';
      const intent = session.payment_intent;
      return {
        ...base,
        outcome,
        session: {
          id: session.id,
          amountCents: session.amount_total ?? null,
          currency: session.currency ? session.currency.toUpperCase() : null,
          // A session completed without being paid at once is a debit still to be collected.
          method: event.type === 'checkout.session.completed' && outcome === 'PAID' ? 'CARD' : 'DIRECT_DEBIT',
          paymentRef: typeof intent === 'string' ? intent : (intent?.id ?? null),
          metadata: Object.fromEntries(
            Object.entries(session.metadata ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
          ),
        },
      };
    },
  };
}
