import { requireApiActor } from '@/lib/auth/session';
import { requestIp } from '@/lib/net/client-ip';
import { handle } from '@/lib/http/handle';
import { confirmImport } from '@/lib/imports/confirm-import';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(
    async () => {
      const actor = await requireApiActor();
      return confirmImport({ actor, importId: (await params).id, ip: requestIp(request) });
    },
    { status: 202 },
  );
}
