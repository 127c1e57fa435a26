import type { Tx } from '../db/tenant';

export interface DocumentMail {
  tenantId: string;
  fileId: string;
  recipient: string;
  contactPointId: string | null;
  locale: string;
  /** EMAIL unless said: an SMS has no subject (null) and no attachment. */
  channel?: 'EMAIL' | 'SMS';
  subject: string | null;
  body: string;
  /** Unique per agency: a retried use-case finds its row instead of sending twice. */
  executionKey: string;
  /** The stored PDF the message carries as its attachment. */
  documentId: string | null;
  now: Date;
}

/**
 * An e-mail (or an SMS) to the debtor, in the outbox, in the transaction that decided it; sent after COMMIT
 * (send-after-commit).
 */
export async function queueMail(tx: Tx, m: DocumentMail): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO outbound_message (tenant_id, file_id, channel, recipient, contact_point_id, locale, subject, body,
                                  execution_key, document_id, created_at)
    VALUES (${m.tenantId}::uuid, ${m.fileId}::uuid, ${m.channel ?? 'EMAIL'}::"MessageChannel", ${m.recipient}, ${m.contactPointId}::uuid, ${m.locale},
            ${m.subject}, ${m.body}, ${m.executionKey}, ${m.documentId}::uuid, ${m.now})
    RETURNING id::text`;
  return row!.id;
}
