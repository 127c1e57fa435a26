import { NextResponse } from 'next/server';
import { toErrorBody } from '../errors/describe';

/** Runs a route handler body; a failure goes through the one mapper (lib/errors/describe): code, English text, refs. */
export async function handle<T>(work: () => Promise<T>, init?: ResponseInit): Promise<NextResponse> {
  try {
    return NextResponse.json(await work(), init);
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}
