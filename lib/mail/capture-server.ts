import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { db } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { logger } from '../log/logger';

/**
 * A real SMTP server that keeps what it receives, for the tests and the demo: nodemailer talks SMTP to it
 * exactly as to a provider, and an agency's admin reads the captured mail (app/(agency)/admin/mail). The
 * tenant comes from the X-Recouvra-Tenant header every engine e-mail carries; mail without it is refused.
 * Nothing is relayed anywhere.
 */

export const TENANT_HEADER = 'x-recouvra-tenant';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SIZE = 2 * 1024 * 1024;

export interface CaptureServer {
  port: number;
  close(): Promise<void>;
}

export async function startCaptureServer({
  port = 1025,
  host = '127.0.0.1',
  client = db(),
  log = (line: string) => logger.info(line),
  onMail,
}: {
  port?: number;
  host?: string;
  client?: PrismaClient;
  log?: (line: string) => void;
  /** Called with each mail once captured, whole (attachments' content included): a test reads what was sent. */
  onMail?: (mail: ParsedMail) => void;
} = {}): Promise<CaptureServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_SIZE,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const tenant = String(mail.headers.get(TENANT_HEADER) ?? '');
          if (!UUID.test(tenant)) {
            const error = new Error('550 mail without an X-Recouvra-Tenant header is not captured') as Error & {
              responseCode: number;
            };
            error.responseCode = 550;
            throw error;
          }
          const recipients = session.envelope.rcptTo.map((r) => r.address).join(', ');
          await inTenant(
            { tenantId: tenant.toLowerCase() },
            (tx) => tx.$executeRaw`
              INSERT INTO captured_mail (tenant_id, message_id, sender, recipients, subject, text_body, size, attachments)
              VALUES (${tenant.toLowerCase()}::uuid, ${mail.messageId ?? null},
                      ${session.envelope.mailFrom ? session.envelope.mailFrom.address : null}, ${recipients},
                      ${mail.subject ?? null}, ${mail.text ?? null}, ${stream.byteLength ?? 0},
                      ${mail.attachments.map((a) => a.filename ?? 'attachment').join(', ')})`,
            client,
          );
          // The recipients are personal data: the log says how many, the captured_mail row says who.
          log(`mail captured: tenant=${tenant} recipients=${session.envelope.rcptTo.length}`);
          onMail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', (error) => log(`capture smtp error: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
