import { requireApiActor } from '@/lib/auth/session';
import { errorResponse } from '@/lib/http/error-response';
import { requestIp } from '@/lib/net/client-ip';
import { rejectionsReport } from '@/lib/imports/rejections-report';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/locales';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
    const report = rejectionsReport({ actor, importId: id, locale, ip: requestIp(request) });
    // Pull the first chunk now so a 404 or 400 is answered as such, not as a broken download.
    const first = await report.next();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(new TextEncoder().encode(first.value));
      },
      async pull(controller) {
        const next = await report.next();
        if (next.done) controller.close();
        else controller.enqueue(new TextEncoder().encode(next.value));
      },
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="rejets-${id}.csv"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
