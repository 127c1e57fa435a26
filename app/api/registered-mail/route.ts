import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/session';
import { AppError, ERROR_STATUS } from '@/lib/errors/app-error';
import { toErrorBody } from '@/lib/errors/describe';
import { requestIp } from '@/lib/net/client-ip';
import { importRegisteredMailFile } from '@/lib/registered-mail/read-tracking-file';

/**
 * The mailing house's file of registered numbers and acknowledgements, as the raw request body:
 * POST /api/registered-mail?fileName=… Recorded → 200 with the counts; refused lines → 400 with every problem
 * (row, column, catalogue key, English message) and nothing written; a refused file → 400 as every route does.
 */
export async function POST(request: Request) {
  try {
    const actor = await requireApiActor();
    if (!request.body) throw AppError.invalid({ file: 'errors.request.emptyFile' }, { key: 'errors.request.noFile' });
    const fileName = (new URL(request.url).searchParams.get('fileName') ?? 'tracking.csv').slice(0, 255);
    const result = await importRegisteredMailFile({
      actor,
      content: Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
      fileName,
      ip: requestIp(request),
    });
    if (result.status === 'refused') {
      const count = result.problems.length + result.more;
      return NextResponse.json(
        {
          error: { code: 'INVALID', message: `Nothing was recorded: ${count} problem(s) in the file` },
          problems: result.problems,
          more: result.more,
          rows: result.rows,
        },
        { status: ERROR_STATUS.INVALID },
      );
    }
    return NextResponse.json(result);
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}
