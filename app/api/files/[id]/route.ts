import { requireApiActor } from '@/lib/auth/session';
import { getFile } from '@/lib/cases/queries';
import { handle, requestIp } from '@/lib/http/handle';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireApiActor();
    const { id } = await params;
    return getFile({ actor, id, ip: requestIp(request) });
  });
}
