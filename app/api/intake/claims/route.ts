import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/http/error-response';
import { requestLocale } from '@/lib/http/request-locale';
import { authenticateApiKey } from '@/lib/imports/api-keys';
import { intakeClaims } from '@/lib/imports/intake-claims';

export async function POST(request: Request) {
  try {
    const caller = await authenticateApiKey(request.headers.get('authorization'));
    const body: unknown = await request.json().catch(() => {
      throw AppError.invalid({ body: 'errors.request.notJson' }, { key: 'errors.request.notJson' });
    });
    const { replayed, response } = await intakeClaims({
      caller,
      idempotencyKey: request.headers.get('idempotency-key'),
      body,
      locale: await requestLocale(),
    });
    return NextResponse.json(response, { headers: replayed ? { 'Idempotent-Replayed': 'true' } : {} });
  } catch (error) {
    return errorResponse(error);
  }
}
