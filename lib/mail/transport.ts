import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '../config/env';

/** What the engine needs from an e-mail channel; tests may hand in their own SMTP URL. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** '<…@…>': the execution key, so a resend after a crash carries the same Message-ID. */
  messageId: string;
  headers: Record<string, string>;
  /** Files sent with the message (a receipt's PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface MailSender {
  send(message: MailMessage): Promise<{ providerRef: string }>;
  close(): void;
}

export function smtpSender(url: string = env.SMTP_URL, from: string = env.MAIL_FROM): MailSender {
  // A pool keeps a connection open per concurrent sender job. A send happens inside the delivery's transaction,
  // so it must fail (and be retried) long before that transaction's timeout, not hang on a silent server.
  const transporter: Transporter = nodemailer.createTransport(url, {
    pool: true,
    maxConnections: env.MESSAGE_CONCURRENCY,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as object);
  return {
    async send(message) {
      const info = await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        headers: message.headers,
        ...(message.attachments ? { attachments: message.attachments } : {}),
      });
      return { providerRef: String(info.response ?? info.messageId ?? '') };
    },
    close() {
      transporter.close();
    },
  };
}

const globalForMail = globalThis as unknown as { recouvraMail?: MailSender };

/** The process's sender, on SMTP_URL. */
export function mailSender(): MailSender {
  globalForMail.recouvraMail ??= smtpSender();
  return globalForMail.recouvraMail;
}
