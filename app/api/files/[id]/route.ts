import { requireApiActor } from '@/lib/auth/session';
import { getFile } from '@/lib/cases/queries';
import { requestIp } from '@/lib/net/client-ip';
import { handle } from '@/lib/http/handle';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireApiActor();
    const { id } = await params;
    return getFile({ actor, id, ip: requestIp(request) });
  });
}
