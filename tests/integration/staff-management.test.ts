import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { changeMemberRole, setMemberActive } from '../../lib/accounts/change-member';
import { inviteMember } from '../../lib/accounts/invite-member';
import { listStaff } from '../../lib/accounts/queries';
import { resetPassword } from '../../lib/accounts/reset-password';
import { openSession } from '../../lib/auth/open-session';
import { resolveSession } from '../../lib/auth/resolve-session';
import { seedAgency } from '../../lib/demo/seed-agency';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { authenticate } from '../../lib/tenancy/authenticate';
import type { Actor } from '../../lib/tenancy/actor';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// Issue 18: an admin invites people (an e-mail with a single-use link to choose a password), changes roles and
// deactivates; every change audited; the web role still reads no other agency's people.

const PASSWORD = 'Correct-horse-42';
const PREFIX = `${process.env.QUEUE_PREFIX}-staff`;
const BASE = 'https://recouvra.example';
const owner = ownerDb();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let slug: string;
let tenantId: string;
let otherTenantId: string;
let otherSlug: string;
let admin: Actor;
let capture: CaptureServer;
let mail: MailSender;
let ipSeq = 0;
const freshIp = () => `10.4.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

beforeAll(async () => {
  slug = uniqueSlug('staff');
  otherSlug = uniqueSlug('staff-b');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Staff A', seed: 41, files: 2, password: PASSWORD }));
  ({ tenantId: otherTenantId } = await seedAgency(owner, {
    slug: otherSlug,
    name: 'Staff B',
    seed: 42,
    files: 2,
    password: PASSWORD,
  }));
  admin = await actorFor(owner, tenantId, 'ADMIN');
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

const invite = (input: Record<string, unknown>, actor: Actor = admin) =>
  inviteMember({ actor, input, ip: '10.4.9.9', baseUrl: BASE, deliver: (m) => mail.send(m) });

const signIn = (email: string, password = PASSWORD, agency?: string) =>
  authenticate({ input: { email, password, ...(agency ? { agency } : {}) }, ip: freshIp(), redis });

/** The membership here of a person, by e-mail (seeded roles get more holders as the tests invite people). */
async function memberOf(email: string) {
  const identity = await owner.identity.findUniqueOrThrow({ where: { email } });
  return owner.membership.findFirstOrThrow({ where: { tenantId, identityId: identity.id } });
}

async function lastMailTo(email: string) {
  const rows = await owner.capturedMail.findMany({ where: { recipients: email }, orderBy: { receivedAt: 'desc' } });
  return rows[0];
}

describe('inviting', () => {
  it('a new person gets a link to choose a password, then signs in with the role given', async () => {
    const email = `new-${slug}@example.com`;
    const { membershipId } = await invite({ email, name: 'Nina Nouvelle', role: 'AGENT', locale: 'en' });
    const message = await lastMailTo(email);
    expect(message).toMatchObject({ tenantId, subject: 'Staff A invites you to Recouvra' });
    expect(message!.textBody).toContain('as Collection agent');
    expect(message!.textBody).toContain('within 7 days');
    const token = /token=([A-Za-z0-9_-]{43})/.exec(message!.textBody ?? '')![1]!;
    // Nothing signs in before the link is used, not even an empty or a guessed password.
    expect(await signIn(email, '!invited')).toEqual({ ok: false, reason: 'invalid' });
    const chosen = 'my very own passphrase';
    await resetPassword({ input: { token, newPassword: chosen, confirmPassword: chosen } });
    const result = await signIn(email, chosen);
    expect(result).toMatchObject({ ok: true, claims: { membershipId, tenantId } });
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'staff.invited', entityId: membershipId },
    });
    expect(audit).toMatchObject({ actorId: admin.membershipId, ip: '10.4.9.9' });
    expect(audit.details).toMatchObject({ role: 'AGENT', newAccount: true });
  });

  it('a person of another agency is given access, told so, and keeps their password; no link', async () => {
    const email = `manager@${otherSlug}.demo`;
    const before = await owner.identity.findUniqueOrThrow({ where: { email } });
    await invite({ email, name: 'Ignored Name', role: 'MANAGER' });
    const message = await lastMailTo(email);
    expect(message!.textBody).toContain('Connectez-vous avec votre compte habituel');
    expect(message!.textBody).not.toContain('token=');
    const after = await owner.identity.findUniqueOrThrow({ where: { email } });
    expect(after).toMatchObject({ passwordHash: before.passwordHash, name: before.name });
    expect(await owner.passwordReset.count({ where: { identityId: after.id } })).toBe(0);
    expect(await signIn(email, PASSWORD, slug)).toMatchObject({ ok: true, claims: { tenantId } });
  });

  it('refuses field by field, an existing member, another agency’s creditor, and a manager inviting', async () => {
    await expect(invite({ email: 'nope', name: '', role: 'BOSS' })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { email: 'accounts.errors.email', name: 'accounts.errors.name', role: 'accounts.errors.role' },
    });
    await expect(invite({ email: `c-${slug}@example.com`, name: 'C', role: 'CREDITOR' })).rejects.toMatchObject({
      fields: { creditorId: 'accounts.errors.creditor' },
    });
    await expect(invite({ email: `agent@${slug}.demo`, name: 'Again', role: 'AGENT' })).rejects.toMatchObject({
      fields: { email: 'accounts.errors.alreadyMember' },
    });
    const foreignCreditor = await owner.creditor.findFirstOrThrow({ where: { tenantId: otherTenantId } });
    await expect(
      invite({ email: `c-${slug}@example.com`, name: 'C', role: 'CREDITOR', creditorId: foreignCreditor.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const manager = await actorFor(owner, tenantId, 'MANAGER');
    await expect(invite({ email: `m-${slug}@example.com`, name: 'M', role: 'AGENT' }, manager)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await owner.identity.count({ where: { email: { in: [`c-${slug}@example.com`, `m-${slug}@example.com`] } } }),
    ).toBe(0);
  });

  it('a creditor’s user invited with its creditor sees that creditor’s portal only', async () => {
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId }, orderBy: { code: 'desc' } });
    const email = `portal-${slug}@example.com`;
    const { membershipId } = await invite({ email, name: 'Paul Portail', role: 'CREDITOR', creditorId: creditor.id });
    const membership = await owner.membership.findFirstOrThrow({ where: { tenantId, id: membershipId } });
    expect(membership).toMatchObject({ role: 'CREDITOR', creditorId: creditor.id, active: true });
  });
});

describe('roles and deactivation', () => {
  it('changing a role ends the person’s sessions and is audited; a creditor role needs its creditor', async () => {
    const agent = await memberOf(`agent@${slug}.demo`);
    const result = await signIn(`agent@${slug}.demo`);
    if (!result.ok) throw new Error('sign-in failed');
    const token = await openSession(result, { redis, prefix: PREFIX });
    await expect(
      changeMemberRole({ actor: admin, input: { membershipId: agent.id, role: 'CREDITOR' } }),
    ).rejects.toMatchObject({ fields: { creditorId: 'accounts.errors.creditor' } });
    await changeMemberRole({ actor: admin, input: { membershipId: agent.id, role: 'MANAGER', creditorId: '' } });
    expect(await resolveSession(token, { redis, prefix: PREFIX })).toBeNull();
    const again = await signIn(`agent@${slug}.demo`);
    if (!again.ok) throw new Error('sign-in failed');
    expect(
      await resolveSession(await openSession(again, { redis, prefix: PREFIX }), { redis, prefix: PREFIX }),
    ).toMatchObject({
      role: 'MANAGER',
    });
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'staff.role_changed', entityId: agent.id },
    });
    expect(audit.details).toMatchObject({ from: 'AGENT', to: 'MANAGER' });
    await changeMemberRole({ actor: admin, input: { membershipId: agent.id, role: 'AGENT' } });
  });

  it('deactivating ends the member’s sessions at once; reactivating gives access back', async () => {
    const email = `agent@${slug}.demo`;
    const agent = await memberOf(email);
    const result = await signIn(email);
    if (!result.ok) throw new Error('sign-in failed');
    const token = await openSession(result, { redis, prefix: PREFIX });
    await setMemberActive({ actor: admin, input: { membershipId: agent.id, active: 'false' }, ip: '10.4.9.8' });
    expect(await resolveSession(token, { redis, prefix: PREFIX })).toBeNull();
    expect(await signIn(email)).toEqual({ ok: false, reason: 'invalid' });
    await setMemberActive({ actor: admin, input: { membershipId: agent.id, active: 'true' } });
    expect((await signIn(email)).ok).toBe(true);
    const actions = (
      await owner.auditLog.findMany({ where: { tenantId, entityId: agent.id }, orderBy: { occurredAt: 'asc' } })
    )
      .map((a) => a.action)
      .filter((a) => a.startsWith('staff.'));
    expect(actions.slice(-2)).toEqual(['staff.deactivated', 'staff.reactivated']);
  });

  it('an admin never changes their own access; of two admins demoting each other at once, one is refused', async () => {
    await expect(
      setMemberActive({ actor: admin, input: { membershipId: admin.membershipId, active: 'false' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', ref: { key: 'accounts.errors.self' } });
    const manager = await memberOf(`manager@${slug}.demo`);
    await changeMemberRole({ actor: admin, input: { membershipId: manager.id, role: 'ADMIN' } });
    const second = await resolveActor({ tenantId, membershipId: manager.id, identityId: manager.identityId });
    const results = await Promise.allSettled([
      changeMemberRole({ actor: admin, input: { membershipId: manager.id, role: 'AGENT' } }),
      changeMemberRole({ actor: second, input: { membershipId: admin.membershipId, role: 'AGENT' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT', ref: { key: 'accounts.errors.lastAdmin' } });
    expect(await owner.membership.count({ where: { tenantId, role: 'ADMIN', active: true } })).toBe(1);
  });

  it('another agency’s admin changes nobody here', async () => {
    const agent = await memberOf(`agent@${slug}.demo`);
    const otherAdmin = await actorFor(owner, otherTenantId, 'ADMIN');
    for (const call of [
      () => changeMemberRole({ actor: otherAdmin, input: { membershipId: agent.id, role: 'MANAGER' } }),
      () => setMemberActive({ actor: otherAdmin, input: { membershipId: agent.id, active: 'false' } }),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.membership.findFirstOrThrow({ where: { tenantId, id: agent.id } })).toMatchObject({
      role: 'AGENT',
      active: true,
    });
  });
});

describe('the walls stay', () => {
  it('the staff list and the web role show this agency’s people only', async () => {
    const actor = (await owner.membership.count({
      where: { tenantId, role: 'ADMIN', active: true, id: admin.membershipId },
    }))
      ? admin
      : await actorFor(owner, tenantId, 'ADMIN');
    const listed = (await listStaff(actor)).map((m) => m.email).sort();
    const members = await owner.membership.findMany({ where: { tenantId }, select: { identityId: true } });
    const expected = (
      await owner.identity.findMany({
        where: { id: { in: members.map((m) => m.identityId) } },
        select: { email: true },
      })
    )
      .map((p) => p.email)
      .sort();
    expect(listed).toEqual(expected);
    // The person shared with the other agency is listed; the other agency's other people are not.
    expect(listed).toContain(`manager@${otherSlug}.demo`);
    expect(listed).not.toContain(`admin@${otherSlug}.demo`);
    const web = await appRoleClient();
    try {
      await web.query('BEGIN');
      await web.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const seen = (await web.query<{ email: string }>('SELECT email FROM identity')).rows.map((r) => r.email).sort();
      await web.query('COMMIT');
      expect(seen).toEqual(expected);
      // Inviting is for an agency's transaction, not outside one nor a creditor's user's.
      await expect(
        web.query(`SELECT * FROM app_invite_member('x@example.com', 'X', 'fr', 'AGENT', NULL, $1)`, ['0'.repeat(64)]),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await web.end();
    }
  });
});
