import { recordTimeline } from '../history/record';
import { stampLastContact } from '../cases/file-store';
import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { TENANT_HEADER } from '../mail/capture-server';
import { mailSender, type MailSender } from '../mail/transport';
import { recordingSmsTransport, type SmsTransport } from '../sms/transport';
import { readStored } from '../storage/documents';

/**
 * Handler side of the outbox (messages/send): delivers one e-mail or SMS written by a scenario step.
 *
 * The message row is locked for the whole delivery and marked SENT in the same transaction, so two workers
 * given the same message send it once: the second waits for the lock and finds it SENT. Opt-out and
 * do-not-contact are checked again here, since the debtor may have asked between the step and the send.
 * What no database can promise is an SMTP server that accepted a message just before the worker died:
 * the retry sends it again with the same Message-ID (the execution key), which lets the receiving side
 * recognise the duplicate. The default SMS transport records inside this transaction, so it is exactly once.
 */

export type DeliveryOutcome = 'SENT' | 'ALREADY_DONE' | 'CANCELLED' | 'NOT_FOUND';

export interface DeliverOptions {
  tenantId: string;
  messageId: string;
  now?: Date;
  mail?: MailSender;
  sms?: SmsTransport;
  client?: PrismaClient;
}

interface MessageRow {
  file_id: string;
  channel: 'EMAIL' | 'SMS';
  recipient: string;
  subject: string | null;
  body: string;
  execution_key: string;
  status: string;
  contact_status: string | null;
  opted_out: boolean | null;
  attachment_key: string | null;
  attachment_name: string | null;
  /** DEBTOR, or CREDITOR: a creditor user told of a plan to approve or sent a closing report: no contact with the debtor. */
  audience: 'DEBTOR' | 'CREDITOR' | 'PARTNER';
  attachment_kind: string | null;
}

export function messageIdFor(executionKey: string, channel: string): string {
  return `<${executionKey.replaceAll(':', '.')}.${channel.toLowerCase()}@recouvra.local>`;
}

export async function deliverMessage({
  tenantId,
  messageId,
  now = new Date(),
  mail,
  sms = recordingSmsTransport,
  client = db(),
}: DeliverOptions): Promise<DeliveryOutcome> {
  try {
    return await inTenant(
      { tenantId },
      async (tx) => {
        const [m] = await tx.$queryRaw<MessageRow[]>`
          SELECT m.file_id, m.channel::text AS channel, m.recipient, m.subject, m.body, m.execution_key,
                 m.status::text AS status, c.status::text AS contact_status, c.opted_out_at IS NOT NULL AS opted_out,
                 d.storage_key AS attachment_key, d.reference AS attachment_name, m.audience,
                 d.kind::text AS attachment_kind
            FROM outbound_message m
            LEFT JOIN contact_point c ON c.tenant_id = m.tenant_id AND c.id = m.contact_point_id
            LEFT JOIN document d ON d.tenant_id = m.tenant_id AND d.id = m.document_id
           WHERE m.tenant_id = ${tenantId}::uuid AND m.id = ${messageId}::uuid
             FOR UPDATE OF m`;
        if (!m) return 'NOT_FOUND';
        if (m.status !== 'PENDING') return 'ALREADY_DONE';
        const email = m.channel === 'EMAIL';
        const refusal = m.contact_status === 'DO_NOT_CONTACT' ? 'DO_NOT_CONTACT' : m.opted_out ? 'OPTED_OUT' : null;
        if (refusal) {
          await tx.$executeRaw`
            UPDATE outbound_message SET status = 'CANCELLED', last_error = ${refusal}
             WHERE tenant_id = ${tenantId}::uuid AND id = ${messageId}::uuid`;
          await recordTimeline(
            tx,
            { tenantId, fileId: m.file_id, actorId: null, at: now },
            {
              kind: email ? 'email.cancelled' : 'sms.cancelled',
              details: { recipient: m.recipient, cause: refusal, messageId, executionKey: m.execution_key },
            },
          );
          return 'CANCELLED';
        }
        const { providerRef } =
          m.channel === 'EMAIL'
            ? await (mail ?? mailSender()).send({
                to: m.recipient,
                subject: m.subject ?? '',
                text: m.body,
                messageId: messageIdFor(m.execution_key, m.channel),
                headers: { [TENANT_HEADER]: tenantId, 'X-Recouvra-Key': m.execution_key },
                ...(m.attachment_key
                  ? {
                      attachments: [
                        {
                          // A hand-over pack is a ZIP; every other document is a PDF.
                          filename: `${m.attachment_name ?? 'document'}.${m.attachment_kind === 'HANDOVER_PACK' ? 'zip' : 'pdf'}`,
                          content: await readStored(m.attachment_key),
                          contentType: m.attachment_kind === 'HANDOVER_PACK' ? 'application/zip' : 'application/pdf',
                        },
                      ],
                    }
                  : {}),
              })
            : await sms.send(tx, { tenantId, to: m.recipient, body: m.body, key: m.execution_key });
        await tx.$executeRaw`
          UPDATE outbound_message SET status = 'SENT', sent_at = ${now}, provider_ref = ${providerRef},
                 attempts = attempts + 1, last_error = NULL
           WHERE tenant_id = ${tenantId}::uuid AND id = ${messageId}::uuid`;
        if (m.audience === 'PARTNER') {
          await recordTimeline(
            tx,
            { tenantId, fileId: m.file_id, actorId: null, at: now },
            { kind: 'handover.emailed', details: { recipient: m.recipient, messageId } },
          );
          return 'SENT';
        }
        if (m.audience === 'CREDITOR') {
          // Not a contact with the debtor: neither the last contact nor the caps and activity figures (email.sent).
          // Which message it was is in its key: a closing report (lib/closing) or a plan to approve.
          await recordTimeline(
            tx,
            { tenantId, fileId: m.file_id, actorId: null, at: now },
            {
              kind: m.execution_key.startsWith('closing-report:') ? 'closing.report_emailed' : 'plan.creditor_emailed',
              details: { recipient: m.recipient, messageId },
            },
          );
          return 'SENT';
        }
        await stampLastContact(tx, tenantId, m.file_id, now);
        await recordTimeline(
          tx,
          { tenantId, fileId: m.file_id, actorId: null, at: now },
          {
            kind: email ? 'email.sent' : 'sms.sent',
            details: {
              recipient: m.recipient,
              subject: m.subject,
              messageId,
              executionKey: m.execution_key,
              providerRef,
            },
          },
        );
        return 'SENT';
      },
      client,
      // The lock is held while the SMTP server answers; the sender gives up well before this (lib/mail/transport).
      { timeoutMs: 60_000 },
    );
  } catch (error) {
    // The attempt is worth keeping even though the delivery's transaction rolled back.
    const reason = error instanceof Error ? error.message : String(error);
    await inTenant(
      { tenantId },
      (tx) => tx.$executeRaw`
        UPDATE outbound_message SET attempts = attempts + 1, last_error = ${reason.slice(0, 500)}
         WHERE tenant_id = ${tenantId}::uuid AND id = ${messageId}::uuid AND status = 'PENDING'`,
      client,
    ).catch(() => undefined);
    throw error;
  }
}

/** After the last retry: the message is given up, and the timeline says so. */
export async function failMessage(tenantId: string, messageId: string, reason: string, client = db()): Promise<void> {
  await inTenant(
    { tenantId },
    async (tx) => {
      const rows = await tx.$queryRaw<{ file_id: string; channel: string; recipient: string }[]>`
        UPDATE outbound_message SET status = 'FAILED', last_error = ${reason.slice(0, 500)}
         WHERE tenant_id = ${tenantId}::uuid AND id = ${messageId}::uuid AND status = 'PENDING'
        RETURNING file_id, channel::text AS channel, recipient`;
      const m = rows[0];
      if (!m) return;
      await recordTimeline(
        tx,
        { tenantId, fileId: m.file_id, actorId: null },
        { kind: m.channel === 'EMAIL' ? 'email.failed' : 'sms.failed', details: { recipient: m.recipient, messageId } },
      );
    },
    client,
  );
}
