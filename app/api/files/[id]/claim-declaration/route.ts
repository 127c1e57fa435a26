import { downloadRoute } from '@/lib/http/download';
import { renderClaimDeclaration } from '@/lib/letters/claim-declaration';
import { claimDeclarationData } from '@/lib/insolvency/declaration-data';

/** The declaration of the file's claims to the mandataire judiciaire, as a PDF; another agency's file is a 404. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const document = await claimDeclarationData({ actor, fileId: id, ip });
  const pdf = await renderClaimDeclaration(document.data);
  return { name: document.fileName, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
});
