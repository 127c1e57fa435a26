import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Prisma, type PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { env } from '../config/env';
import { db } from '../db/client';
import { parseInput } from '../errors/zod';
import { toLocale } from '../i18n/locales';
import { translatorFor } from '../i18n/translate';
import { TENANT_HEADER } from '../mail/capture-server';
import type { MailMessage } from '../mail/transport';
import { countResetRequest } from './reset-throttle';
import { requestResetSchema } from './schemas';
import { newSecretToken } from './secret-token';

/** The link's lifetime, as app_issue_password_reset sets it (the e-mail says it). */
export const RESET_LINK_MINUTES = 60;

/**
 * "Forgot my password": a single-use link valid one hour, by e-mail, to the person behind the address. The answer
 * is the same whether the address has an account or not ('sent'), and the e-mail leaves after the answer
 * (`deliver` runs it after the response), so neither the words nor the time tell. Only a client address asking too
 * often is told so ('throttled'); an e-mail asked for too often is silently not sent again this hour.
 */
export async function requestPasswordReset({
  input,
  ip,
  redis,
  deliver,
  client = db(),
  prefix = env.QUEUE_PREFIX,
  baseUrl = env.NEXTAUTH_URL,
}: {
  input: unknown;
  ip?: string;
  redis: Redis;
  /** Sends the e-mail; the web request hands it to `after()` so the answer does not wait on SMTP. */
  deliver: (message: MailMessage) => unknown;
  client?: PrismaClient;
  prefix?: string;
  baseUrl?: string;
}): Promise<'sent' | 'throttled'> {
  const { email } = parseInput(requestResetSchema, input);
  const allowed = await countResetRequest(redis, prefix, email, ip);
  if (!allowed.address) return 'throttled';
  if (!allowed.email) return 'sent';
  const { token, sha256 } = newSecretToken();
  // The link and its audit entry commit together; the agency it is filed under comes with the person.
  const person = await client.$transaction(async (tx) => {
    const [found] = await tx.$queryRaw<{ identity_id: string; tenant_id: string; name: string; locale: string }[]>(
      Prisma.sql`SELECT identity_id, tenant_id, name, locale FROM app_issue_password_reset(${email}, ${sha256})`,
    );
    if (!found) return null;
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${found.tenant_id}, true)`;
    await recordAudit(
      tx,
      { tenantId: found.tenant_id, membershipId: null },
      { action: 'auth.password_reset_requested', entity: 'identity', entityId: email, ...(ip ? { ip } : {}) },
    );
    return found;
  });
  if (!person) return 'sent';
  const t = translatorFor(toLocale(person.locale), 'accounts');
  const link = new URL(`/signin/reset?${new URLSearchParams({ token }).toString()}`, baseUrl).toString();
  const values = { name: person.name, link, minutes: RESET_LINK_MINUTES };
  await deliver({
    to: email,
    subject: t('mail.reset.subject'),
    text: t('mail.reset.body', values),
    messageId: `<reset-${randomUUID()}@recouvra.local>`,
    headers: { [TENANT_HEADER]: person.tenant_id },
  });
  return 'sent';
}
