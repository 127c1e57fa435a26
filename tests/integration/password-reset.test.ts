import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { changePassword } from '../../lib/accounts/change-password';
import { requestPasswordReset } from '../../lib/accounts/request-password-reset';
import { RESET_THROTTLE } from '../../lib/accounts/reset-throttle';
import { isResetLinkOpen, resetPassword } from '../../lib/accounts/reset-password';
import { sha256Hex } from '../../lib/accounts/secret-token';
import { openSession } from '../../lib/auth/open-session';
import { resolveSession } from '../../lib/auth/resolve-session';
import { seedAgency } from '../../lib/demo/seed-agency';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { authenticate } from '../../lib/tenancy/authenticate';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// Issue 18: a password changed with the current one, or reset through a single-use, one-hour link sent by e-mail
// (the capture SMTP server receives it as a provider would); no answer tells whether an address has an account.

const PASSWORD = 'Correct-horse-42';
const PREFIX = `${process.env.QUEUE_PREFIX}-passwords`;
const BASE = 'https://recouvra.example';
const owner = ownerDb();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let slug: string;
let tenantId: string;
let capture: CaptureServer;
let mail: MailSender;
let ipSeq = 0;
const freshIp = () => `10.2.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

beforeAll(async () => {
  slug = uniqueSlug('pwd');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Passwords', seed: 21, files: 2, password: PASSWORD }));
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Recouvra <comptes@recouvra.test>');
});
afterAll(async () => {
  mail?.close();
  await capture?.close();
  const keys = [...(await redis.keys(`${PREFIX}:*`)), ...(await redis.keys(`${process.env.QUEUE_PREFIX}:signin:*`))];
  if (keys.length) await redis.del(...keys);
  await Promise.all([owner.$disconnect(), redis.quit()]);
});

const signIn = (email: string, password: string) => authenticate({ input: { email, password }, ip: freshIp(), redis });

async function session(email: string, password: string) {
  const result = await signIn(email, password);
  if (!result.ok) throw new Error(`sign-in failed for ${email}`);
  return openSession(result, { redis, prefix: PREFIX });
}

const resolve = (token: unknown) => resolveSession(token, { redis, prefix: PREFIX });

const ask = (email: string, ip = freshIp()) =>
  requestPasswordReset({
    input: { email },
    ip,
    redis,
    prefix: PREFIX,
    baseUrl: BASE,
    deliver: (message) => mail.send(message),
  });

async function mailsTo(email: string) {
  return owner.capturedMail.findMany({ where: { recipients: email }, orderBy: { receivedAt: 'asc' } });
}

function linkIn(text: string | null): string {
  const match = /https:\/\/recouvra\.example\/signin\/reset\?token=([A-Za-z0-9_-]{43})/.exec(text ?? '');
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[1]!;
}

describe('changing one’s password', () => {
  it('refuses, field by field: a wrong current password, a short one, a mismatch, the same password', async () => {
    const actor = await actorFor(owner, tenantId, 'AGENT');
    const attempt = (input: Record<string, unknown>) =>
      changePassword({ actor, input, ip: freshIp(), redis, prefix: PREFIX });
    const good = 'a long new passphrase 2026';
    await expect(attempt({ currentPassword: 'wrong', newPassword: good, confirmPassword: good })).rejects.toMatchObject(
      { code: 'INVALID', fields: { currentPassword: 'accounts.errors.currentPasswordWrong' } },
    );
    await expect(
      attempt({ currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      fieldRefs: { newPassword: { key: 'accounts.errors.passwordShort', values: { min: 12 } } },
    });
    await expect(
      attempt({ currentPassword: PASSWORD, newPassword: good, confirmPassword: `${good}!` }),
    ).rejects.toMatchObject({ fields: { confirmPassword: 'accounts.errors.confirmPassword' } });
    await expect(
      attempt({ currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }),
    ).rejects.toMatchObject({ fields: { newPassword: 'accounts.errors.passwordUnchanged' } });
    await expect(attempt({})).rejects.toMatchObject({
      fields: { currentPassword: 'accounts.errors.currentPassword', newPassword: 'accounts.errors.newPassword' },
    });
    expect((await signIn(`agent@${slug}.demo`, PASSWORD)).ok).toBe(true);
    const failed = await owner.auditLog.count({ where: { tenantId, action: 'auth.password_change_failed' } });
    expect(failed).toBe(1);
  });

  it('changes it: the new one signs in, the old one no longer; every session ended; audited', async () => {
    const email = `manager@${slug}.demo`;
    const elsewhere = await session(email, PASSWORD);
    const actor = await actorFor(owner, tenantId, 'MANAGER');
    const next = 'correct horse battery staple';
    await changePassword({
      actor,
      input: { currentPassword: PASSWORD, newPassword: next, confirmPassword: next },
      ip: '10.2.9.9',
      redis,
      prefix: PREFIX,
    });
    expect(await resolve(elsewhere)).toBeNull();
    expect(await signIn(email, PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    expect((await signIn(email, next)).ok).toBe(true);
    const stored = await owner.identity.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(next);
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, action: 'auth.password_changed' } });
    expect(audit).toMatchObject({ actorId: actor.membershipId, ip: '10.2.9.9' });
  });
});

describe('resetting a forgotten password by e-mail', () => {
  it('answers the same for an unknown address and sends nothing; a known one gets a link in its language', async () => {
    const unknown = `nobody-${slug}@example.com`;
    expect(await ask(unknown)).toBe('sent');
    expect(await mailsTo(unknown)).toHaveLength(0);
    await expect(ask('not an e-mail')).rejects.toMatchObject({ fields: { email: 'accounts.errors.email' } });

    const email = `admin@${slug}.demo`;
    expect(await ask(email)).toBe('sent');
    const [message] = await mailsTo(email);
    expect(message).toMatchObject({ tenantId, subject: 'Votre nouveau mot de passe Recouvra' });
    expect(message!.textBody).toContain('dans les 60 minutes');
    const token = linkIn(message!.textBody);
    // Only the hash is stored; the secret is nowhere in the table.
    const rows = await owner.passwordReset.findMany({ where: { identity: { email } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenSha256).toBe(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'auth.password_reset_requested', entityId: email },
    });
    expect(audit.actorId).toBeNull();
  });

  it('a link sets the password once and ends every session; used again, it is refused', async () => {
    const email = `creditor@${slug}.demo`;
    const before = await session(email, PASSWORD);
    await ask(email);
    const token = linkIn((await mailsTo(email)).at(-1)!.textBody);
    expect(await isResetLinkOpen(token)).toBe(true);
    const next = 'a brand new passphrase';
    await expect(resetPassword({ input: { token, newPassword: next, confirmPassword: 'typo' } })).rejects.toMatchObject(
      { fields: { confirmPassword: 'accounts.errors.confirmPassword' } },
    );
    expect(await isResetLinkOpen(token)).toBe(true);
    await resetPassword({ input: { token, newPassword: next, confirmPassword: next }, ip: '10.2.8.8' });
    expect(await resolve(before)).toBeNull();
    expect((await signIn(email, next)).ok).toBe(true);
    expect(await isResetLinkOpen(token)).toBe(false);
    await expect(
      resetPassword({
        input: { token, newPassword: 'yet another passphrase', confirmPassword: 'yet another passphrase' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { token: 'accounts.errors.resetLink' } });
    expect((await signIn(email, next)).ok).toBe(true);
    expect(await owner.auditLog.count({ where: { tenantId, action: 'auth.password_reset' } })).toBe(1);
  });

  it('two uses of one link at once: one sets the password, the other is refused', async () => {
    const email = `agent@${slug}.demo`;
    await ask(email);
    const token = linkIn((await mailsTo(email)).at(-1)!.textBody);
    const results = await Promise.allSettled(
      ['first concurrent passphrase', 'second concurrent passphrase'].map((p) =>
        resetPassword({ input: { token, newPassword: p, confirmPassword: p } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const won = results[0]!.status === 'fulfilled' ? 'first concurrent passphrase' : 'second concurrent passphrase';
    expect((await signIn(email, won)).ok).toBe(true);
  });

  it('refuses an expired link, and a link a newer one replaced', async () => {
    const email = `admin@${slug}.demo`;
    await ask(email);
    const older = linkIn((await mailsTo(email)).at(-1)!.textBody);
    await ask(email);
    const newer = linkIn((await mailsTo(email)).at(-1)!.textBody);
    expect(newer).not.toBe(older);
    expect(await isResetLinkOpen(older)).toBe(false);
    expect(await isResetLinkOpen(newer)).toBe(true);
    // The hour passing, without waiting for it.
    await owner.passwordReset.updateMany({
      where: { tokenSha256: sha256Hex(newer) },
      data: { createdAt: new Date(Date.now() - 2 * 3600_000), expiresAt: new Date(Date.now() - 3600_000) },
    });
    const p = 'too late for this passphrase';
    for (const token of [older, newer, 'x'.repeat(43), 'short'])
      await expect(resetPassword({ input: { token, newPassword: p, confirmPassword: p } })).rejects.toMatchObject({
        fields: { token: 'accounts.errors.resetLink' },
      });
  });

  it('is throttled: an address gets a few e-mails an hour, a client a few dozen requests', async () => {
    const email = `manager@${slug}.demo`;
    const before = (await mailsTo(email)).length;
    for (let i = 0; i < RESET_THROTTLE.perEmail + 2; i++) expect(await ask(email)).toBe('sent');
    expect((await mailsTo(email)).length - before).toBe(RESET_THROTTLE.perEmail);
    const ip = '10.2.200.1';
    for (let i = 0; i < RESET_THROTTLE.perAddress; i++) await ask(`walk-${i}-${slug}@example.com`, ip);
    expect(await ask(`walk-last-${slug}@example.com`, ip)).toBe('throttled');
  });

  it('the web role reads no reset link and sets no password but through the functions', async () => {
    const web = await appRoleClient();
    try {
      await expect(web.query('SELECT * FROM password_reset')).rejects.toMatchObject({ code: '42501' });
      await expect(
        web.query(`SELECT app_reset_password($1, 'plain-text-password')`, [sha256Hex('whatever')]),
      ).rejects.toMatchObject({ code: '22023' });
      // Outside a signed-in transaction, changing "one's own" password changes nobody's.
      const { rows } = await web.query<{ changed: boolean }>(
        `SELECT app_change_password('$argon2id$v=19$m=19456,t=2,p=1$abc$def') AS changed`,
      );
      expect(rows[0]!.changed).toBe(false);
    } finally {
      await web.end();
    }
  });
});
