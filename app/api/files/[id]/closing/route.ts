import { requireApiActor } from '@/lib/auth/session';
import { closeFile } from '@/lib/closing/close-file';
import { CLOSING_MESSAGES, MAX_EVIDENCE_BYTES } from '@/lib/closing/schemas';
import { AppError } from '@/lib/errors/app-error';
import { handle } from '@/lib/http/handle';
import { requestIp } from '@/lib/net/client-ip';

type Params = { params: Promise<{ id: string }> };

/**
 * Closes the file (lib/closing/close-file.ts): a multipart form with the version read, the reason, a note, the VAT
 * rate, and the evidence as `evidence` (a PDF or a scan). Another agency's or creditor's file is a 404; a post from
 * another site is refused before it gets here (proxy.ts).
 */
export async function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireApiActor();
    const { id } = await params;
    // The body is read whole: refuse a declared size beyond the evidence's limit before reading it.
    if (Number(request.headers.get('content-length') ?? 0) > MAX_EVIDENCE_BYTES + 64 * 1024)
      throw AppError.invalid({ evidence: CLOSING_MESSAGES.evidenceTooLarge });
    // A body that is no form reads as empty fields: the use-case answers for the file first (404 across walls).
    const form = await request.formData().catch(() => null);
    const field = (name: string) => {
      const v = form?.get(name);
      return typeof v === 'string' ? v : undefined;
    };
    const upload = form?.get('evidence');
    const evidence =
      upload instanceof File && upload.size > 0
        ? { name: upload.name, bytes: Buffer.from(await upload.arrayBuffer()) }
        : null;
    return closeFile({
      actor,
      input: {
        fileId: id,
        expectedVersion: field('expectedVersion'),
        reason: field('reason'),
        note: field('note'),
        vatRate: field('vatRate'),
      },
      evidence,
      ip: requestIp(request),
    });
  });
}
