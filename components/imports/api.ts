import type { MessageRef } from '@/lib/i18n/message-ref';
import type { ImportStatus } from '@/lib/db/generated/enums';

/** The `{ error: { code, message, fields? } }` body every route handler answers a failure with. */
export interface ErrorDetail {
  code?: string;
  message?: string;
  fields?: Record<string, string>;
  /** The message as a catalogue key, when the server gives one: shown in the reader's language. */
  ref?: MessageRef;
}

/** The failure's body; a response without one (a proxy's page) still says something in the reader's language. */
export async function readError(response: Response): Promise<ErrorDetail> {
  const body = (await response.json().catch(() => null)) as { error?: ErrorDetail } | null;
  return body?.error ?? { ref: { key: 'errors.request.http', values: { status: String(response.status) } } };
}

/** A fetch that got no answer at all: the browser's own text of it is in the browser's language, not the reader's. */
export const NETWORK_FAILURE: MessageRef = { key: 'errors.request.network' };

/** What the failure says, in the reader's language: its reference rendered here, else the server's text. */
export function errorText(detail: ErrorDetail, render: (ref: MessageRef) => string): string {
  return detail.ref ? render(detail.ref) : (detail.message ?? '');
}

/** Statuses during which a job works on the import: the page polls for its progress. */
export const WORKING: readonly ImportStatus[] = ['PREVIEWING', 'QUEUED', 'RUNNING'];

/** Where the screens live: '' on the agency side, '/portal' for a creditor user. */
export const importsHref = (basePath: string, id?: string) => `${basePath}/imports${id ? `/${id}` : ''}`;
