import { requireApiActor } from '@/lib/auth/session';
import { batchProgress } from '@/lib/closing/queries';
import { handle } from '@/lib/http/handle';

type Params = { params: Promise<{ id: string }> };

/** A bulk closing's progress, which its page polls; another agency's batch is a 404. */
export async function GET(_request: Request, { params }: Params) {
  return handle(async () => batchProgress(await requireApiActor(), (await params).id));
}
