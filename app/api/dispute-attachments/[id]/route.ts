import { disputeAttachment } from '@/lib/activity/dispute-attachment';
import { downloadRoute } from '@/lib/http/download';

/** A debtor's document attached to a dispute; another agency's or creditor's is a 404. */
export const GET = downloadRoute(disputeAttachment);
