import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/session';
import { AppError, ERROR_STATUS } from '@/lib/errors/app-error';
import { describeError } from '@/lib/errors/describe';
import { errorResponse } from '@/lib/http/error-response';
import { translate } from '@/lib/i18n/translate';
import { requestLocale } from '@/lib/http/request-locale';
import { requestIp } from '@/lib/net/client-ip';
import { importRegisteredMailFile } from '@/lib/registered-mail/read-tracking-file';

/**
 * The mailing house's file of registered numbers and acknowledgements, as the raw request body:
 * POST /api/registered-mail?fileName=… Recorded → 200 with the counts; refused lines → 400 with every problem
 * (row, column, catalogue key and its message in the reader's language) and nothing written; a refused file → 400 as
 * every route does.
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
      const locale = await requestLocale();
      const { body } = describeError(AppError.refused('INVALID', 'errors.registeredMail.problems', { count }), locale);
      return NextResponse.json(
        {
          ...body,
          problems: result.problems.map((p) => ({ ...p, message: translate(p, locale) })),
          more: result.more,
          rows: result.rows,
        },
        { status: ERROR_STATUS.INVALID },
      );
    }
    return NextResponse.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
