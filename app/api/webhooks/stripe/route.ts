import { NextResponse } from 'next/server';
import { AppError, codeRef } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/http/error-response';
import { configuredProvider } from '@/lib/payment-provider/configured';
import { receiveNotice } from '@/lib/payment-provider/receive-notice';

/**
 * The payment provider's notices (decision 0020). Public: no session, no cookie read; what authenticates a notice is
 * its signature, checked by the provider's library on the raw body before anything is read from it. A forged or
 * altered notice gets 400 and writes nothing; a failure on our side gets 500, and the provider delivers it again.
 */
export async function POST(request: Request) {
  const provider = configuredProvider();
  if (!provider) return errorResponse(AppError.notFound());
  try {
    const raw = new Uint8Array(await request.arrayBuffer());
    const result = await receiveNotice(provider, raw, request.headers.get('stripe-signature'));
    if (result.refused) return errorResponse(new AppError('INVALID', 'paymentProvider.errors.signature'));
    return NextResponse.json({ received: true, outcome: result.outcome });
  } catch {
    // Whatever refused it (a file changed meanwhile, the database away), the provider must deliver it again.
    return errorResponse(new AppError('INTERNAL', codeRef('INTERNAL')));
  }
}
