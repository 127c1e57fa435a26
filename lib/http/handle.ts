import { NextResponse } from 'next/server';
import { logger } from '../log/logger';
import { errorResponse } from './error-response';

/** Runs a route handler body; a failure goes through the one mapper (lib/errors/describe): code, text in the reader's language, refs. */
export async function handle<T>(work: () => Promise<T>, init?: ResponseInit): Promise<NextResponse> {
  try {
    const response = NextResponse.json(await work(), init);
    logger.info({ status: response.status }, 'api request');
    return response;
  } catch (error) {
    const response = await errorResponse(error);
    logger.info({ status: response.status }, 'api request');
    return response;
  }
}
