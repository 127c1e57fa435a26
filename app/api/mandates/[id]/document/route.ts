import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { requireApiActor } from '@/lib/auth/session';
import { attachMandateDocument } from '@/lib/creditors/attach-mandate-document';
import { MANDATE_MESSAGES, MAX_MANDATE_DOCUMENT_BYTES } from '@/lib/creditors/messages';
import { getMandateDocument } from '@/lib/creditors/queries';
import { AppError } from '@/lib/errors/app-error';
import { downloadRoute } from '@/lib/http/download';
import { requestIp } from '@/lib/net/client-ip';
import { handle } from '@/lib/http/handle';

type Params = { params: Promise<{ id: string }> };

/** The signed mandate PDF; another agency's or creditor's mandate is a 404. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const document = await getMandateDocument({ actor, mandateId: id, ip });
  return { name: document.name, contentType: 'application/pdf', size: document.size, body: document.stream };
});

const refuse = (message: string) => AppError.invalid({ document: message });

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
