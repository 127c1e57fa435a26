import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { endMemberSessions, endOwnSessions } from '../../lib/accounts/end-sessions';
import { openSession } from '../../lib/auth/open-session';
import { resolveSession } from '../../lib/auth/resolve-session';
import { seedAgency } from '../../lib/demo/seed-agency';
import { authenticate } from '../../lib/tenancy/authenticate';
import { SESSION_LIFETIME } from '../../lib/tenancy/session-lifetime';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// Issue 18, decision 0019: sessions that end — everywhere at once on sign-out or an admin's word, after 30 idle
// minutes, and 12 hours after sign-in whatever happens.

const PASSWORD = 'Correct-horse-42';
const PREFIX = `${process.env.QUEUE_PREFIX}-sessions`;
const owner = ownerDb();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let slug: string;
let tenantId: string;
let otherTenantId: string;
let otherSlug: string;

beforeAll(async () => {
  slug = uniqueSlug('sess');
  otherSlug = uniqueSlug('sess-b');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Sessions A', seed: 11, files: 2, password: PASSWORD }));
  ({ tenantId: otherTenantId } = await seedAgency(owner, {
    slug: otherSlug,
    name: 'Sessions B',
    seed: 12,
    files: 2,
    password: PASSWORD,
  }));
});
afterAll(async () => {
  const keys = [...(await redis.keys(`${PREFIX}:*`)), ...(await redis.keys(`${process.env.QUEUE_PREFIX}:signin:*`))];
  if (keys.length) await redis.del(...keys);
  await Promise.all([owner.$disconnect(), redis.quit()]);
});

/** Signs in through the real check and opens a session, as next-auth's authorize does: one browser. */
async function browser(email: string, ip = '10.1.0.1', now?: Date) {
  const result = await authenticate({ input: { email, password: PASSWORD }, ip, redis });
  if (!result.ok) throw new Error(`sign-in failed for ${email}`);
  return openSession(result, { redis, prefix: PREFIX, now });
}

const resolve = (token: unknown, now?: Date) => resolveSession(token, { redis, prefix: PREFIX, now });

describe('revocable sessions', () => {
  it('a fresh session resolves to its actor; a token from before versions, or forged fields, does not', async () => {
    const token = await browser(`agent@${slug}.demo`);
    expect(await resolve(token)).toMatchObject({ tenantId, role: 'AGENT' });
    const { sessionVersion: _v, ...old } = token;
    expect(await resolve(old)).toBeNull();
    expect(await resolve({ ...token, sessionVersion: token.sessionVersion + 1 })).toBeNull();
    expect(await resolve({ ...token, sessionId: crypto.randomUUID() })).toBeNull();
  });

  it('signing out in one browser ends the session of the other browser too, and audits it', async () => {
    const email = `manager@${slug}.demo`;
    const first = await browser(email, '10.1.0.2');
    const second = await browser(email, '10.1.0.3');
    expect(await resolve(second)).not.toBeNull();
    await endOwnSessions({ claims: first, ip: '10.1.0.2' });
    expect(await resolve(first)).toBeNull();
    expect(await resolve(second)).toBeNull();
    const audit = await owner.auditLog.findMany({ where: { tenantId, action: 'auth.sign_out' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: first.membershipId, ip: '10.1.0.2' });
    // Signing in again opens a session that works.
    expect(await resolve(await browser(email, '10.1.0.2'))).toMatchObject({ role: 'MANAGER' });
  });

  it("an admin's sign-out-everywhere ends a person's sessions; the person signs in again", async () => {
    const admin = await actorFor(owner, tenantId, 'ADMIN');
    const agent = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'AGENT' } });
    const token = await browser(`agent@${slug}.demo`, '10.1.0.4');
    expect(token.membershipId).toBe(agent.id);
    await endMemberSessions({ actor: admin, input: { membershipId: agent.id }, ip: '10.1.0.9' });
    expect(await resolve(token)).toBeNull();
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, action: 'auth.sessions_ended' } });
    expect(audit).toMatchObject({ actorId: admin.membershipId, entityId: agent.id, ip: '10.1.0.9' });
    expect(await resolve(await browser(`agent@${slug}.demo`, '10.1.0.4'))).not.toBeNull();
  });

  it('nobody else ends sessions: not a manager, not another agency’s admin, not a malformed id', async () => {
    const agent = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'AGENT' } });
    const token = await browser(`agent@${slug}.demo`, '10.1.0.5');
    const manager = await actorFor(owner, tenantId, 'MANAGER');
    const creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
    const otherAdmin = await actorFor(owner, otherTenantId, 'ADMIN');
    for (const actor of [manager, creditorUser, otherAdmin])
      await expect(endMemberSessions({ actor, input: { membershipId: agent.id } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    const admin = await actorFor(owner, tenantId, 'ADMIN');
    await expect(endMemberSessions({ actor: admin, input: { membershipId: 'x' } })).rejects.toMatchObject({
      code: 'INVALID',
      fieldRefs: { membershipId: { key: 'accounts.errors.member' } },
    });
    expect(await resolve(token)).not.toBeNull();
  });

  it('the web role ends no session outside its agency, nor a staff member’s as a creditor’s user', async () => {
    const web = await appRoleClient();
    try {
      const agentA = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'AGENT' } });
      const creditorA = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'CREDITOR' } });
      const before = await owner.identity.findUniqueOrThrow({ where: { id: agentA.identityId } });
      const call = async (tenant: string, creditor: string) => {
        await web.query('BEGIN');
        await web.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
          tenant,
          creditor,
        ]);
        const { rows } = await web.query<{ ended: boolean }>('SELECT app_end_sessions($1) AS ended', [
          agentA.identityId,
        ]);
        await web.query('COMMIT');
        return rows[0]!.ended;
      };
      expect(await call(otherTenantId, '')).toBe(false);
      expect(await call(tenantId, creditorA.creditorId!)).toBe(false);
      await expect(web.query('UPDATE identity SET session_version = 99')).rejects.toMatchObject({ code: '42501' });
      const after = await owner.identity.findUniqueOrThrow({ where: { id: agentA.identityId } });
      expect(after.sessionVersion).toBe(before.sessionVersion);
      // The same call inside the agency, as its staff, does end them: the refusals above were the walls.
      expect(await call(tenantId, '')).toBe(true);
    } finally {
      await web.end();
    }
  });

  it('a session ends 12 hours after sign-in, however active', async () => {
    const signedIn = new Date('2026-12-07T08:00:00Z');
    const token = await browser(`admin@${slug}.demo`, '10.1.0.6', signedIn);
    const justBefore = new Date(signedIn.getTime() + SESSION_LIFETIME.absoluteSeconds * 1000 - 1000);
    expect(await resolve(token, justBefore)).not.toBeNull();
    expect(await resolve(token, new Date(signedIn.getTime() + SESSION_LIFETIME.absoluteSeconds * 1000))).toBeNull();
  });

  it('a session idle for its idle lifetime ends; each request renews the clock', async () => {
    const token = await browser(`admin@${slug}.demo`, '10.1.0.7');
    const key = `${PREFIX}:session:${token.sessionId}`;
    expect(await redis.ttl(key)).toBeGreaterThan(SESSION_LIFETIME.idleSeconds - 5);
    await redis.expire(key, 5);
    expect(await resolve(token)).not.toBeNull();
    expect(await redis.ttl(key)).toBeGreaterThan(SESSION_LIFETIME.idleSeconds - 5);
    // The idle lifetime passing, without waiting half an hour: the key runs out as it would.
    await redis.pexpire(key, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await resolve(token)).toBeNull();
  });
});
