import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { requireApiActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { requestIp } from '@/lib/net/client-ip';
import { handle } from '@/lib/http/handle';
import { uploadReceivables } from '@/lib/imports/upload-receivables';
import { listImports } from '@/lib/imports/queries';

// The file is the raw request body (streamed to storage, never buffered whole); its name and creditor
// come in the query string: POST /api/imports?creditorId=…&fileName=…
export async function POST(request: Request) {
  return handle(
    async () => {
      const actor = await requireApiActor();
      if (!request.body) throw AppError.invalid({ file: 'errors.request.emptyFile' });
      const url = new URL(request.url);
      return uploadReceivables({
        actor,
        input: {
          creditorId: url.searchParams.get('creditorId') ?? undefined,
          fileName: url.searchParams.get('fileName') ?? undefined,
        },
        content: Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
        ip: requestIp(request),
      });
    },
    { status: 201 },
  );
}

export async function GET() {
  return handle(async () => listImports({ actor: await requireApiActor() }));
}
