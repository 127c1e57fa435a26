import { randomInt, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { chooseContact, USABLE_CONTACT } from '../cases/contact-choice';
import { env } from '../config/env';
import { inTenant } from '../db/tenant';
import { hashLinkToken } from '../debtor-links/token';
import { parseInput } from '../errors/zod';
import { given, orRequired } from '../forms/fields';
import { recordTimeline } from '../history/record';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translate';
import { queueMail } from '../outbox/queue-mail';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { redis } from '../redis/connection';
import { fitsSms, smsText } from '../sms/segments';
import { DEBTOR_PAGE_SOURCE } from './give-contact';
import { openFileOf, resolveLink } from './open-link';
import { CODE_DIGITS, CODE_MINUTES, keepDebtorCode } from './code-store';
import { DEBTOR_PAGE_MESSAGES as M } from './schemas';
import { countCodeRequest } from './throttle';

/**
 * The third second factor (issue 17, decision 0024): a code sent to the e-mail address or mobile number the agency
 * holds for the debtor, for a debtor who has neither the postcode nor an invoice at hand. Six digits drawn at random,
 * valid ten minutes, once, on the link it was sent for; a new request replaces the last code. Only its HMAC is kept
 * (Redis, expiring with it). The request says the same whether or not the link, the file or a contact exists.
 */
export const CODE_CHANNELS = ['EMAIL', 'SMS'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

export const codeRequestSchema = z
  .object({ channel: given(z.enum(CODE_CHANNELS, { error: orRequired(M.codeChannel) })) })
  .strict();

/** The SMS, held to MAX_SMS_SEGMENTS: an agency name too long for it is cut (the code and the warning are not). */
export function debtorCodeSms(locale: Locale, p: { code: string; agency: string; minutes: number }): string {
  const t = translatorFor(locale, 'emails');
  const full = smsText(t('debtorCode.sms', p));
  return fitsSms(full) ? full : smsText(t('debtorCode.sms', { ...p, agency: [...p.agency].slice(0, 40).join('') }));
}

export function debtorCodeMail(locale: Locale, p: { code: string; agency: string; minutes: number }) {
  const t = translatorFor(locale, 'emails');
  return { subject: t('debtorCode.subject', p), body: t('debtorCode.body', p) };
}

export type CodeRequestResult = { ok: true } | { ok: false; reason: 'throttled' };

export async function requestDebtorCode({
  token,
  input,
  locale,
  ip,
  now = new Date(),
  connection = redis(),
}: {
  token: string;
  input: { channel?: unknown };
  locale: Locale;
  ip?: string;
  now?: Date;
  connection?: Redis;
}): Promise<CodeRequestResult> {
  const { channel } = parseInput(codeRequestSchema, input);
  const tokenHash = hashLinkToken(token);
  if (!(await countCodeRequest(connection, env.QUEUE_PREFIX, tokenHash, ip))) return { ok: false, reason: 'throttled' };
  const link = await resolveLink(token, now);
  if (!link) return { ok: true };
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
  const messageId = await inTenant({ tenantId: link.tenantId }, async (tx) => {
    const file = await openFileOf(tx, link);
    if (!file) return null;
    const kind = channel === 'EMAIL' ? 'EMAIL' : 'PHONE';
    // Never to a contact the debtor typed on this page: it is not verified, and whoever opened the page once could
    // otherwise give their own number and come back without the letter.
    const contacts = await tx.contactPoint.findMany({
      where: { tenantId: link.tenantId, debtorId: file.debtorId, kind, source: { not: DEBTOR_PAGE_SOURCE } },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    const contact = chooseContact(contacts, kind, file.creditorId);
    const recipient = channel === 'EMAIL' ? contact?.email : contact?.phone;
    const audit = { tenantId: link.tenantId, membershipId: null };
    if (!contact || !recipient || !USABLE_CONTACT.includes(contact.status) || contact.optedOutAt) {
      await recordAudit(tx, audit, {
        action: 'debtor.code.no_contact',
        entity: 'case_file',
        entityId: file.id,
        ip,
        details: { link: link.linkId, channel },
      });
      return null;
    }
    const agency = await tx.agency.findUniqueOrThrow({ where: { id: link.tenantId }, select: { name: true } });
    const values = { code, agency: agency.name, minutes: CODE_MINUTES };
    const text =
      channel === 'EMAIL' ? debtorCodeMail(locale, values) : { subject: null, body: debtorCodeSms(locale, values) };
    const id = await queueMail(tx, {
      tenantId: link.tenantId,
      fileId: file.id,
      channel,
      recipient,
      contactPointId: contact.id,
      locale,
      ...text,
      executionKey: `debtor-code:${link.linkId}:${randomUUID()}`,
      documentId: null,
      now,
    });
    await recordTimeline(
      tx,
      { tenantId: link.tenantId, fileId: file.id, actorId: null, at: now },
      { kind: 'debtor.code_sent', details: { channel, recipient } },
    );
    await recordAudit(tx, audit, {
      action: 'debtor.code.sent',
      entity: 'case_file',
      entityId: file.id,
      ip,
      details: { link: link.linkId, channel },
    });
    // Kept before the commit: a code without its message is harmless, a message whose code is missing is not.
    await keepDebtorCode(connection, tokenHash, code, now);
    return id;
  });
  if (messageId) await sendAfterCommit(link.tenantId, [messageId], 'debtor code');
  return { ok: true };
}
