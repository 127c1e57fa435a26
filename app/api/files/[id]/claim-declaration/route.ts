import { downloadRoute } from '@/lib/http/download';
import { claimDeclarationDownload } from '@/lib/insolvency/declaration-document';

/**
 * The declaration of the creditor's claims to the mandataire judiciaire, as a PDF: as stored when it was filed, a
 * draft before; another agency's or creditor's file is a 404.
 */
export const GET = downloadRoute(({ actor, id, ip }) => claimDeclarationDownload({ actor, fileId: id, ip }));
