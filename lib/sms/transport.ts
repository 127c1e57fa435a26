import type { Tx } from '../db/tenant';

/**
 * The SMS channel behind an interface: a real provider (an HTTP API) implements `send`; the default transport
 * records the message in sms_log, inside the caller's transaction, so the demo and the tests see exactly what
 * would have gone out — once, since the record commits with the message marked SENT.
 */
export interface SmsMessage {
  tenantId: string;
  to: string;
  body: string;
  /** The outbox's execution key: a provider that accepts an idempotency key should be given this. */
  key: string;
}

export interface SmsTransport {
  send(tx: Tx, message: SmsMessage): Promise<{ providerRef: string }>;
}

export const recordingSmsTransport: SmsTransport = {
  async send(tx, message) {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO sms_log (tenant_id, message_key, recipient, body)
      VALUES (${message.tenantId}::uuid, ${message.key}, ${message.to}, ${message.body})
      RETURNING id`;
    return { providerRef: `sms_log:${row!.id}` };
  },
};
