import { downloadName, exportLabels } from '@/components/dashboard/export-labels';
import { requireApiActor } from '@/lib/auth/session';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { errorResponse } from '@/lib/http/error-response';
import { monthlyReportPdf } from '@/lib/reports/monthly-report';

/** GET /api/reports/monthly?month=YYYY-MM[&creditorId=…]: the monthly report as PDF (managers, admins). */
export async function GET(request: Request) {
  try {
    const actor = await requireApiActor();
    const query = searchParamsToObject(new URL(request.url).searchParams);
    const { pdf, month } = await monthlyReportPdf({ actor, query, labels: await exportLabels() });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${downloadName(`recouvra-rapport-${month}`, 'pdf')}"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
