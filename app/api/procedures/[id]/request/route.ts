import { downloadRoute } from '@/lib/http/download';
import { injunctionRequestData } from '@/lib/judicial/injunction-request-data';
import { renderInjunctionRequest } from '@/lib/letters/injunction-request';

/** The request for an order to pay (CPC 1407) of an injunction procedure, as a PDF; another agency's is a 404. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const document = await injunctionRequestData({ actor, procedureId: id, ip });
  const pdf = await renderInjunctionRequest(document.data);
  return { name: document.fileName, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
});
