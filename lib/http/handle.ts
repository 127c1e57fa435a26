import { NextResponse } from 'next/server';
import { toErrorBody } from '../errors/app-error';

/** Runs a route handler body and maps domain errors to `{ error: { code, message, fields? } }`. */
export async function handle<T>(work: () => Promise<T>, init?: ResponseInit): Promise<NextResponse> {
  try {
    return NextResponse.json(await work(), init);
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}
