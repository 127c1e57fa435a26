import { requireApiActor } from '@/lib/auth/session';
import { listFiles } from '@/lib/cases/queries';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { handle } from '@/lib/http/handle';
import { requestIp } from '@/lib/net/client-ip';

export async function GET(request: Request) {
  return handle(async () => {
    const actor = await requireApiActor();
    const query = searchParamsToObject(new URL(request.url).searchParams);
    const page = await listFiles({ actor, query, audit: { ip: requestIp(request) } });
    return { items: page.items, total: page.total, page: page.page, pageSize: page.pageSize };
  });
}
