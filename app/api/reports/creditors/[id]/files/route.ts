import { downloadName, exportLabels } from '@/components/dashboard/export-labels';
import { requireApiActor } from '@/lib/auth/session';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { errorResponse } from '@/lib/http/error-response';
import { requestIp } from '@/lib/net/client-ip';
import { parseInput } from '@/lib/errors/zod';
import { creditorFilesSheet } from '@/lib/reports/creditor-files';
import { sheetToCsv } from '@/lib/reports/export';
import { exportOptionsSchema } from '@/lib/reports/schemas';
import { writeXlsx } from '@/lib/reports/xlsx';

/**
 * GET /api/reports/creditors/:id/files?format=csv|xlsx: every file of a creditor with its status and what
 * was recovered. Managers for any creditor of their agency, a creditor's users for their own; anything else
 * (another agency's or another creditor's id) is 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    const { format } = parseInput(exportOptionsSchema, searchParamsToObject(new URL(request.url).searchParams));
    const labels = await exportLabels();
    const { creditor, sheet } = await creditorFilesSheet({
      actor,
      creditorId: id,
      labels: labels.fileList,
      ip: requestIp(request),
    });
    const name = `dossiers-${creditor.name}`;
    if (format === 'xlsx') {
      return new Response(new Uint8Array(await writeXlsx([sheet])), {
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename="${downloadName(name, 'xlsx')}"`,
        },
      });
    }
    return new Response(sheetToCsv(sheet, labels.locale), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${downloadName(name, 'csv')}"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
