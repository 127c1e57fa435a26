import type { PaymentProvider } from './provider';
import { stripeProvider } from './stripe';

let cached: { key: string; provider: PaymentProvider } | null = null;

/**
 * The provider this deployment is set up with, or null when it has none (the demo, CI): the debtor's page then
 * offers the bank transfer only, and the webhook answers 404. Read at each call, not at start, so a test can point
 * it at its local server.
 */
export function configuredProvider(source: NodeJS.ProcessEnv = process.env): PaymentProvider | null {
  const secretKey = source.STRIPE_SECRET_KEY?.trim();
  const webhookSecret = source.STRIPE_WEBHOOK_SECRET?.trim();
  if (!secretKey || !webhookSecret) return null;
  const apiUrl = source.STRIPE_API_URL?.trim() || undefined;
  const key = `${secretKey}\n${webhookSecret}\n${apiUrl ?? ''}`;
  if (cached?.key !== key) cached = { key, provider: stripeProvider({ secretKey, webhookSecret, apiUrl }) };
  return cached.provider;
}
