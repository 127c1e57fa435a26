import { NextResponse } from 'next/server';
import { errorResponse } from './error-response';

/** Runs a route handler body; a failure goes through the one mapper (lib/errors/describe): code, text in the reader's language, refs. */
export async function handle<T>(work: () => Promise<T>, init?: ResponseInit): Promise<NextResponse> {
  try {
    return NextResponse.json(await work(), init);
  } catch (error) {
    return errorResponse(error);
  }
}
