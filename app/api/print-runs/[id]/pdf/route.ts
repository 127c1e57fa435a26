import { Readable } from 'node:stream';
import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/session';
import { toErrorBody } from '@/lib/errors/app-error';
import { requestIp } from '@/lib/http/handle';
import { getPrintRunFile } from '@/lib/scenarios/queries';

type Params = { params: Promise<{ id: string }> };

/** The print run's merged PDF for the mailing house; another agency's run (or one not finished) is a 404. */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    const file = await getPrintRunFile({ actor, printRunId: id, part: 'pdf', ip: requestIp(request) });
    return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename="${file.name}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}
