import { requireApiActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { handle } from '@/lib/http/handle';
import { previewImport } from '@/lib/imports/preview-import';

// Body: { "mapping": { "invoiceNumber": 0, "amount": 3, … } } (column indexes).
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(
    async () => {
      const actor = await requireApiActor();
      const body = (await request.json().catch(() => {
        throw AppError.invalid({ body: 'errors.request.bodyNotJson' });
      })) as { mapping?: unknown };
      return previewImport({ actor, importId: (await params).id, mapping: body?.mapping });
    },
    { status: 202 },
  );
}
