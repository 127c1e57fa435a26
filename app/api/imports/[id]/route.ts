import { requireApiActor } from '@/lib/auth/session';
import { handle } from '@/lib/http/handle';
import { getImport } from '@/lib/imports/queries';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => getImport({ actor: await requireApiActor(), importId: (await params).id }));
}
