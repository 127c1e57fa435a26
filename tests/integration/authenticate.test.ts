import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { authenticate } from '../../lib/tenancy/authenticate';
import { THROTTLE } from '../../lib/tenancy/sign-in-throttle';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { seedAgency } from '../../lib/demo/seed-agency';
import { ownerDb, uniqueSlug } from './support/db';

const PASSWORD = 'Correct-horse-42';
const owner = ownerDb();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let slug: string;
let tenantId: string;

beforeAll(async () => {
  slug = uniqueSlug('auth');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Auth Test', seed: 7, files: 3, password: PASSWORD }));
});
afterAll(async () => {
  const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:signin:*`);
  if (keys.length) await redis.del(...keys);
  await Promise.all([owner.$disconnect(), redis.quit()]);
});

describe('authenticate', () => {
  it('signs a member in and the claims resolve to an actor with its role, tenant and creditor', async () => {
    const result = await authenticate({
      input: { email: `creditor@${slug}.demo`, password: PASSWORD },
      ip: '10.0.0.1',
      redis,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const actor = await resolveActor(result.claims);
    expect(actor).toMatchObject({ tenantId, role: 'CREDITOR', agencySlug: slug });
    expect(actor.creditorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers the same for a wrong password, an unknown e-mail and a wrong agency', async () => {
    const answers = await Promise.all([
      authenticate({ input: { email: `agent@${slug}.demo`, password: 'wrong' }, ip: '10.0.0.2', redis }),
      authenticate({ input: { email: `nobody@${slug}.demo`, password: PASSWORD }, ip: '10.0.0.2', redis }),
      authenticate({
        input: { email: `agent@${slug}.demo`, password: PASSWORD, agency: 'other-agency' },
        ip: '10.0.0.2',
        redis,
      }),
      authenticate({ input: { email: 'not an e-mail', password: PASSWORD }, ip: '10.0.0.2', redis }),
    ]);
    expect(answers).toEqual(Array(4).fill({ ok: false, reason: 'invalid' }));
  });

  it('records sign-ins and failures in the agency audit trail', async () => {
    await authenticate({ input: { email: `manager@${slug}.demo`, password: 'nope' }, ip: '10.0.0.3', redis });
    const rows = await owner.auditLog.findMany({
      where: { tenantId, action: 'auth.sign_in_failed', entityId: `manager@${slug}.demo` },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ip).toBe('10.0.0.3');
  });

  it('throttles an account tried too often from one address, even with the right password', async () => {
    const email = `admin@${slug}.demo`;
    for (let i = 0; i < THROTTLE.perPair; i++) {
      await authenticate({ input: { email, password: `bad-${i}` }, ip: '10.0.0.4', redis });
    }
    const result = await authenticate({ input: { email, password: PASSWORD }, ip: '10.0.0.4', redis });
    expect(result).toEqual({ ok: false, reason: 'throttled' });
  });

  it('refuses a membership that was deactivated after the token was issued', async () => {
    const result = await authenticate({
      input: { email: `agent@${slug}.demo`, password: PASSWORD },
      ip: '10.0.0.6',
      redis,
    });
    if (!result.ok) throw new Error('sign-in failed');
    await owner.membership.updateMany({ where: { tenantId, id: result.claims.membershipId }, data: { active: false } });
    await expect(resolveActor(result.claims)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
