import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/session';
import { attachMandateDocument } from '@/lib/creditors/attach-mandate-document';
import { MANDATE_MESSAGES, MAX_MANDATE_DOCUMENT_BYTES } from '@/lib/creditors/messages';
import { getMandateDocument } from '@/lib/creditors/queries';
import { AppError, toErrorBody } from '@/lib/errors/app-error';
import { handle, requestIp } from '@/lib/http/handle';

type Params = { params: Promise<{ id: string }> };

/** RFC 6266: an ASCII fallback for old clients, the exact UTF-8 name for the others. */
function attachment(name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'mandat.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    const document = await getMandateDocument({ actor, mandateId: id, ip: requestIp(request) });
    return new Response(Readable.toWeb(document.stream) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(document.size),
        'Content-Disposition': attachment(document.name),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}

const refuse = (message: string) => AppError.invalid(`document: ${message}`, { document: message });

/**
 * The signed PDF as the raw request body (Content-Type: application/pdf), its name in `?name=`. Requiring that
 * content type also keeps cross-site form posts out: a browser cannot send it across sites without CORS.
 */
export async function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireApiActor();
    const { id } = await params;
    if (request.headers.get('content-type')?.split(';')[0]?.trim() !== 'application/pdf' || !request.body) {
      throw refuse(MANDATE_MESSAGES.notPdf);
    }
    if (Number(request.headers.get('content-length') ?? 0) > MAX_MANDATE_DOCUMENT_BYTES) {
      throw refuse(MANDATE_MESSAGES.tooLarge);
    }
    return attachMandateDocument({
      actor,
      mandateId: id,
      fileName: new URL(request.url).searchParams.get('name') ?? 'mandat.pdf',
      content: Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>),
      ip: requestIp(request),
    });
  });
}
