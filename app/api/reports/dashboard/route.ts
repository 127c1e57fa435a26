import { downloadName, exportLabels } from '@/components/dashboard/export-labels';
import { requireApiActor } from '@/lib/auth/session';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/http/error-response';
import { parseInput } from '@/lib/errors/zod';
import { dashboardSheets, sheetToCsv } from '@/lib/reports/export';
import { dashboard, portalDashboard } from '@/lib/reports/queries';
import { exportOptionsSchema, splitFilters } from '@/lib/reports/schemas';
import { writeXlsx } from '@/lib/reports/xlsx';
import { can } from '@/lib/tenancy/permissions';

/**
 * GET /api/reports/dashboard?format=csv|xlsx&section=…&<filters>: the dashboard (a creditor user's own
 * portfolio for creditor users) as CSV (one section, `months` by default) or XLSX (one sheet per section).
 * Bad filters answer 400 with the field named; roles without a dashboard get 404.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireApiActor();
    const { filters, rest } = splitFilters(searchParamsToObject(new URL(request.url).searchParams));
    const options = parseInput(exportOptionsSchema, rest);
    const data = can(actor, 'dashboards.read')
      ? await dashboard({ actor, query: filters })
      : await portalDashboard({ actor, query: filters });
    const labels = await exportLabels();
    const stamp = `${data.filters.from}_${data.filters.to}`;
    if (options.format === 'xlsx') {
      const body = await writeXlsx(dashboardSheets(data, labels, options.section));
      return new Response(new Uint8Array(body), {
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename="${downloadName(`recouvra-${options.section ?? 'dashboard'}-${stamp}`, 'xlsx')}"`,
        },
      });
    }
    const section = options.section ?? 'months';
    const [sheet] = dashboardSheets(data, labels, section);
    if (!sheet) throw new AppError('NOT_FOUND', 'errors.request.sectionNotFound');
    return new Response(sheetToCsv(sheet, labels.locale), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${downloadName(`recouvra-${section}-${stamp}`, 'csv')}"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
