import { downloadRoute } from '@/lib/http/download';
import { handoverPack } from '@/lib/partners/queries';

/** A hand-over's ZIP as it was sent; another agency's hand-over is a 404. */
export const GET = downloadRoute(({ actor, id, ip }) => handoverPack({ actor, id, ip }));
