import { InvalidNotice, type PaymentProvider } from './provider';
import { recordProviderNotice, type NoticeOutcome } from './record-notice';
import { logger } from '../log/logger';

/**
 * A notice as the webhook receives it: the raw body and signature header, verified by the provider's library before
 * anything is read from it. `refused`: the signature does not hold, nothing read, nothing written. Anything thrown is
 * our failure (the route answers 500 and the provider delivers the notice again).
 */
export async function receiveNotice(
  provider: PaymentProvider,
  rawBody: Uint8Array,
  signature: string | null,
  now: Date = new Date(),
): Promise<{ refused: true } | { refused: false; outcome: NoticeOutcome; paymentId?: string }> {
  let notice;
  try {
    notice = provider.readNotice(rawBody, signature);
  } catch (error) {
    if (error instanceof InvalidNotice) return { refused: true };
    throw error;
  }
  try {
    return { refused: false, ...(await recordProviderNotice(notice, provider, now)) };
  } catch (error) {
    logger.error({ err: error }, `payment provider: notice ${notice.eventId} not recorded`);
    throw error;
  }
}
