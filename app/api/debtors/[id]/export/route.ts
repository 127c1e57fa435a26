import { requireApiActor } from '@/lib/auth/session';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { downloadResponse } from '@/lib/http/download';
import { errorResponse } from '@/lib/http/error-response';
import { requestIp } from '@/lib/net/client-ip';
import { subjectDownload } from '@/lib/privacy/subject-export';

/** GET /api/debtors/:id/export?format=json|pdf: everything held on the person (managers, admins); audited. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    const query = searchParamsToObject(new URL(request.url).searchParams);
    return downloadResponse(await subjectDownload({ actor, id, ip: requestIp(request), query }));
  } catch (error) {
    return errorResponse(error);
  }
}
