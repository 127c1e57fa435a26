import { downloadRoute } from '@/lib/http/download';
import { transferFile } from '@/lib/remittances/transfer-file';

/** An approved run's SEPA credit-transfer file (pain.001.001.09), checked against the ISO schema on the way out. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const file = await transferFile({ actor, ip, runId: id });
  const body = new Uint8Array(Buffer.from(file.xml, 'utf8'));
  return { name: file.name, contentType: 'application/xml; charset=utf-8', size: body.length, body };
});
