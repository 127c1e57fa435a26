import { closingDocument } from '@/lib/closing/queries';
import { downloadRoute } from '@/lib/http/download';

/** The last closing report of the file; another agency's or creditor's file, or none, is a 404. */
export const GET = downloadRoute(({ actor, id, ip }) => closingDocument({ actor, fileId: id, kind: 'report', ip }));
