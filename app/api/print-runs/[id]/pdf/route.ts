import { downloadRoute } from '@/lib/http/download';
import { getPrintRunFile } from '@/lib/print-runs/queries';

/** The print run's merged PDF for the mailing house; another agency's run (or one not finished) is a 404. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const file = await getPrintRunFile({ actor, printRunId: id, part: 'pdf', ip });
  return { name: file.name, contentType: file.contentType, size: file.size, body: file.stream };
});
