import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { confirmSecondFactor, offerSecondFactor } from '../../lib/accounts/enrol-second-factor';
import {
  removeOwnSecondFactor,
  replaceRecoveryCodes,
  resetMemberSecondFactor,
  setAgentSecondFactorPolicy,
} from '../../lib/accounts/manage-second-factor';
import { secondFactorStatus } from '../../lib/accounts/queries';
import { recoveryCodeHash } from '../../lib/accounts/secret-box';
import { checkSecondFactor } from '../../lib/accounts/second-factor';
import { totpCode } from '../../lib/accounts/totp';
import { openSession } from '../../lib/auth/open-session';
import { resolveSession, resolveSessionState } from '../../lib/auth/resolve-session';
import { completeSessionEnrolment } from '../../lib/auth/session-activity';
import { seedAgency } from '../../lib/demo/seed-agency';
import { authenticate } from '../../lib/tenancy/authenticate';
import { THROTTLE } from '../../lib/tenancy/sign-in-throttle';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// Issue 18: a TOTP second factor — required for admins and managers, for agents by agency policy — with real codes
// computed as an authenticator app computes them (RFC 6238), a code good once, recovery codes good once each.

const PASSWORD = 'Correct-horse-42';
const PREFIX = `${process.env.QUEUE_PREFIX}-factor`;
const owner = ownerDb();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let slug: string;
let tenantId: string;
let otherTenantId: string;
let ipSeq = 0;
const freshIp = () => `10.3.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
// The authenticator's clock and the server's, moved by hand: steps of 30 s.
let clock = new Date('2026-12-07T21:00:05Z');
const later = (seconds: number) => new Date(clock.getTime() + seconds * 1000);

beforeAll(async () => {
  slug = uniqueSlug('mfa');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Second Factor', seed: 31, files: 2, password: PASSWORD }));
  ({ tenantId: otherTenantId } = await seedAgency(owner, {
    slug: uniqueSlug('mfa-b'),
    name: 'Other',
    seed: 32,
    files: 2,
    password: PASSWORD,
  }));
});
afterAll(async () => {
  const keys = [...(await redis.keys(`${PREFIX}:*`)), ...(await redis.keys(`${process.env.QUEUE_PREFIX}:signin:*`))];
  if (keys.length) await redis.del(...keys);
  await Promise.all([owner.$disconnect(), redis.quit()]);
});

const signIn = (email: string, code?: string, ip = freshIp()) =>
  authenticate({
    input: { email, password: PASSWORD, ...(code === undefined ? {} : { code }) },
    ip,
    redis,
    secondFactor: checkSecondFactor({ now: () => clock }),
  });

/** Signs in with the password alone and sets up the factor as the page does; the secret and recovery codes. */
async function enrol(email: string, role: 'ADMIN' | 'MANAGER' | 'AGENT') {
  const result = await signIn(email);
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  const token = await openSession(result, { redis, prefix: PREFIX });
  const actor = await actorFor(owner, tenantId, role);
  const offer = await offerSecondFactor({ actor, email, redis, prefix: PREFIX });
  const { recoveryCodes } = await confirmSecondFactor({
    actor,
    input: { code: totpCode(offer.secret, clock) },
    redis,
    prefix: PREFIX,
    now: clock,
  });
  await completeSessionEnrolment(redis, PREFIX, token.sessionId);
  return { secret: offer.secret, recoveryCodes, token, actor, result };
}

describe('who must set up a second factor', () => {
  it('an admin without one gets a session that opens only the enrolment; setting it up opens it fully', async () => {
    const email = `admin@${slug}.demo`;
    const result = await signIn(email);
    expect(result).toMatchObject({ ok: true, secondFactor: 'enrol' });
    if (!result.ok) return;
    const token = await openSession(result, { redis, prefix: PREFIX });
    expect(await resolveSession(token, { redis, prefix: PREFIX })).toBeNull();
    expect(await resolveSessionState(token, { redis, prefix: PREFIX })).toMatchObject({ state: 'enrol' });

    const actor = await actorFor(owner, tenantId, 'ADMIN');
    const offer = await offerSecondFactor({ actor, email, redis, prefix: PREFIX });
    expect(offer.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(offer.uri).toContain(`secret=${offer.secret}`);
    // A reload shows the same secret while the offer lasts.
    expect((await offerSecondFactor({ actor, email, redis, prefix: PREFIX })).secret).toBe(offer.secret);
    const confirm = (code: string) =>
      confirmSecondFactor({ actor, input: { code }, ip: '10.3.9.9', redis, prefix: PREFIX, now: clock });
    await expect(confirm('12345')).rejects.toMatchObject({ fields: { code: 'accounts.errors.code' } });
    await expect(confirm(totpCode(offer.secret, later(-120)))).rejects.toMatchObject({
      fields: { code: 'accounts.errors.codeWrong' },
    });
    const { recoveryCodes } = await confirm(totpCode(offer.secret, clock));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    await completeSessionEnrolment(redis, PREFIX, token.sessionId);
    expect(await resolveSession(token, { redis, prefix: PREFIX })).toMatchObject({ role: 'ADMIN' });

    // Kept sealed and hashed: neither the secret nor a recovery code is in the row.
    const row = await owner.identity.findUniqueOrThrow({ where: { email } });
    expect(row.totpSecret).toMatch(/^v1\./);
    const stored = JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(stored).not.toContain(offer.secret);
    expect(row.recoveryCodeHashes).toEqual(recoveryCodes.map(recoveryCodeHash));
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
    expect(await owner.auditLog.count({ where: { tenantId, action: 'auth.second_factor_enrolled' } })).toBe(1);
    expect(await secondFactorStatus(actor)).toMatchObject({ recoveryLeft: 10, required: true });
  });

  it('an agent needs none until the agency’s admin requires it; a manager cannot set the rule', async () => {
    const email = `agent@${slug}.demo`;
    expect(await signIn(email)).toMatchObject({ ok: true, secondFactor: 'passed' });
    const manager = await actorFor(owner, tenantId, 'MANAGER');
    await expect(setAgentSecondFactorPolicy({ actor: manager, input: { required: 'true' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const admin = await actorFor(owner, tenantId, 'ADMIN');
    await expect(setAgentSecondFactorPolicy({ actor: admin, input: { required: 'yes' } })).rejects.toMatchObject({
      fields: { required: 'accounts.errors.policy' },
    });
    await setAgentSecondFactorPolicy({ actor: admin, input: { required: 'true' }, ip: '10.3.9.8' });
    expect(await signIn(email)).toMatchObject({ ok: true, secondFactor: 'enrol' });
    await setAgentSecondFactorPolicy({ actor: admin, input: { required: 'false' } });
    expect(await signIn(email)).toMatchObject({ ok: true, secondFactor: 'passed' });
    // The other agency's rule did not move.
    expect((await owner.agency.findUniqueOrThrow({ where: { id: otherTenantId } })).agentSecondFactor).toBe(false);
    expect(await owner.auditLog.count({ where: { tenantId, action: 'auth.agent_second_factor_policy' } })).toBe(2);
  });
});

describe('signing in with the code', () => {
  it('asks for the code after the password; refuses a wrong, replayed or expired code; takes the next one', async () => {
    clock = later(600);
    const email = `manager@${slug}.demo`;
    const { secret } = await enrol(email, 'MANAGER');
    expect(await signIn(email)).toEqual({ ok: false, reason: 'code' });
    expect(await signIn(email, '000000')).toEqual({ ok: false, reason: 'code-invalid' });
    // The code that confirmed the enrolment was used: the same code, in its own 30 seconds, is refused.
    expect(await signIn(email, totpCode(secret, clock))).toEqual({ ok: false, reason: 'code-invalid' });
    expect(await signIn(email, totpCode(secret, later(-90)))).toEqual({ ok: false, reason: 'code-invalid' });
    clock = later(30);
    const code = totpCode(secret, clock);
    expect(await signIn(email, code)).toMatchObject({ ok: true, secondFactor: 'passed' });
    expect(await signIn(email, code)).toEqual({ ok: false, reason: 'code-invalid' });
    // Typed with a space between the groups, as apps show it.
    clock = later(30);
    const spaced = totpCode(secret, clock).replace(/^(\d{3})/, '$1 ');
    expect(await signIn(email, spaced)).toMatchObject({ ok: true });
    const failures = await owner.auditLog.count({ where: { tenantId, action: 'auth.second_factor_failed' } });
    expect(failures).toBe(4);
  });

  it('a recovery code opens one sign-in; typed in any case, with or without its dash; new codes replace old', async () => {
    clock = later(600);
    const email = `agent@${slug}.demo`;
    const { recoveryCodes, actor } = await enrol(email, 'AGENT');
    const [first, second] = recoveryCodes;
    expect(await signIn(email, first)).toMatchObject({ ok: true });
    expect(await signIn(email, first)).toEqual({ ok: false, reason: 'code-invalid' });
    expect(await signIn(email, second!.toLowerCase().replace('-', ''))).toMatchObject({ ok: true });
    expect(await secondFactorStatus(actor)).toMatchObject({ recoveryLeft: 8, required: false });
    const { recoveryCodes: fresh } = await replaceRecoveryCodes({ actor });
    expect(await signIn(email, recoveryCodes[2])).toEqual({ ok: false, reason: 'code-invalid' });
    expect(await signIn(email, fresh[0])).toMatchObject({ ok: true });
  });

  it('guessing codes runs into the sign-in throttle, right password or not', async () => {
    const email = `admin@${slug}.demo`;
    const ip = '10.3.250.1';
    for (let i = 0; i < THROTTLE.perPair; i++) await signIn(email, String(100000 + i), ip);
    expect(await signIn(email, '123456', ip)).toEqual({ ok: false, reason: 'throttled' });
  });
});

describe('turning a second factor off', () => {
  it('an agent may turn it off (its sessions end); an admin may not, for a required role', async () => {
    clock = later(600);
    const email = `agent@${slug}.demo`;
    const agent = await actorFor(owner, tenantId, 'AGENT');
    const session = await (async () => {
      const r = await signIn(email, totpCode((await enrolledSecretOf(email)) ?? '', clock));
      if (!r.ok) throw new Error(r.reason);
      return openSession(r, { redis, prefix: PREFIX });
    })();
    await removeOwnSecondFactor({ actor: agent, ip: '10.3.9.7' });
    expect(await resolveSession(session, { redis, prefix: PREFIX })).toBeNull();
    expect(await signIn(email)).toMatchObject({ ok: true, secondFactor: 'passed' });
    const admin = await actorFor(owner, tenantId, 'ADMIN');
    await expect(removeOwnSecondFactor({ actor: admin })).rejects.toMatchObject({
      code: 'CONFLICT',
      ref: { key: 'accounts.errors.secondFactorRequired' },
    });
  });

  it('an admin resets a manager’s lost factor; not another agency’s admin, not a manager', async () => {
    const manager = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'MANAGER' } });
    const otherAdmin = await actorFor(owner, otherTenantId, 'ADMIN');
    await expect(
      resetMemberSecondFactor({ actor: otherAdmin, input: { membershipId: manager.id } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const managerActor = await actorFor(owner, tenantId, 'MANAGER');
    await expect(
      resetMemberSecondFactor({ actor: managerActor, input: { membershipId: manager.id } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const admin = await actorFor(owner, tenantId, 'ADMIN');
    await resetMemberSecondFactor({ actor: admin, input: { membershipId: manager.id }, ip: '10.3.9.6' });
    expect(await signIn(`manager@${slug}.demo`)).toMatchObject({ ok: true, secondFactor: 'enrol' });
    await expect(resetMemberSecondFactor({ actor: admin, input: { membershipId: manager.id } })).rejects.toMatchObject({
      code: 'CONFLICT',
      ref: { key: 'accounts.errors.resetRefused' },
    });
  });

  it('the web role reads no secret nor recovery code, and sets up nobody’s factor outside a signed-in transaction', async () => {
    const web = await appRoleClient();
    try {
      await expect(web.query('SELECT totp_secret FROM identity')).rejects.toMatchObject({ code: '42501' });
      await expect(web.query('SELECT recovery_code_hashes FROM identity')).rejects.toMatchObject({ code: '42501' });
      const { rows } = await web.query<{ done: boolean }>(`SELECT app_enrol_totp('v1.x.y.z', 1, '{}') AS done`);
      expect(rows[0]!.done).toBe(false);
      await expect(web.query(`UPDATE agency SET staff_second_factor = false`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await web.end();
    }
  });
});

/** The test knows the secret only through the app: it reads it back the way the server does. */
async function enrolledSecretOf(email: string): Promise<string | null> {
  const { unseal } = await import('../../lib/accounts/secret-box');
  const row = await owner.identity.findUniqueOrThrow({ where: { email } });
  return row.totpSecret ? unseal(row.totpSecret) : null;
}
