import { NextResponse } from 'next/server';
import { describeError } from '../errors/describe';
import { requestLocale } from './request-locale';

/** A route handler's failure through the one mapper (lib/errors/describe), in the reader's language. */
export async function errorResponse(error: unknown): Promise<NextResponse> {
  const { status, body } = describeError(error, await requestLocale());
  return NextResponse.json(body, { status });
}
