import { debtorDocument } from '@/lib/debtor-page/debtor-document';
import { resolveLink } from '@/lib/debtor-page/open-link';
import { AppError } from '@/lib/errors/app-error';
import { downloadResponse } from '@/lib/http/download';
import { errorResponse } from '@/lib/http/error-response';
import { requestIp } from '@/lib/net/client-ip';
import { debtorSession } from '../../session';

/** GET /d/:token/documents/:id — one of the debtor's letters or receipts, for the session this link opened. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; id: string }> }) {
  try {
    const { token, id } = await params;
    const now = new Date();
    const session = await debtorSession(now);
    const link = session ? await resolveLink(token, now) : null;
    if (!session || link?.linkId !== session.linkId) throw AppError.notFound();
    return downloadResponse(await debtorDocument(session, id, requestIp(request), now));
  } catch (error) {
    return errorResponse(error);
  }
}
