import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';

// One reverse proxy in front, as in production: it appends the address it saw to X-Forwarded-For.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_COUNT = '1';
});

const { authOptions } = await import('../../lib/auth/options');
const { THROTTLE } = await import('../../lib/tenancy/sign-in-throttle');
const { seedAgency } = await import('../../lib/demo/seed-agency');
const { ownerDb, uniqueSlug } = await import('./support/db');

const PASSWORD = 'Correct-horse-42';
const owner = ownerDb();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let slug: string;
let tenantId: string;

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

/**
 * The sign-in exactly as next-auth runs it: credentials plus the request's headers. `forwarded` is what the
 * client put in X-Forwarded-For; `peer` the address the proxy saw and appended.
 */
async function signIn(email: string, password: string, peer: string, forwarded?: string) {
  const header = forwarded ? `${forwarded}, ${peer}` : peer;
  try {
    return (await authorize({ email, password }, { headers: { 'x-forwarded-for': header } })) ? 'ok' : 'invalid';
  } catch (error) {
    if (error instanceof Error && error.message === 'throttled') return 'throttled';
    throw error;
  }
}

beforeAll(async () => {
  slug = uniqueSlug('throttle');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Throttle Test', seed: 11, files: 1, password: PASSWORD }));
});
afterAll(async () => {
  const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:signin:*`);
  if (keys.length) await redis.del(...keys);
  await Promise.all([owner.$disconnect(), redis.quit()]);
});

describe('sign-in throttle', () => {
  it('a stranger failing from other addresses does not lock the owner out of their own address', async () => {
    const email = `agent@${slug}.demo`;
    const home = '198.51.100.7';
    expect(await signIn(email, PASSWORD, home)).toBe('ok');

    // A botnet: far more failures than any limit, spread so that no single address reaches its own limit.
    const strangers = THROTTLE.perAccount + 20;
    for (let i = 0; i < strangers; i++) {
      expect(await signIn(email, `guess-${i}`, `203.0.113.${i % 200}`, `10.9.${i}.1`)).not.toBe('ok');
    }
    // The account is now locked for addresses it never signed in from, even with the right password…
    expect(await signIn(email, PASSWORD, '192.0.2.250')).toBe('throttled');
    // …and its owner still gets in from home.
    expect(await signIn(email, PASSWORD, home)).toBe('ok');
  });

  it('rotating X-Forwarded-For does not reset the count of the address that really connects', async () => {
    const email = `manager@${slug}.demo`;
    const attacker = '203.0.113.66';
    const answers: string[] = [];
    for (let i = 0; i < THROTTLE.perPair + 3; i++) {
      answers.push(await signIn(email, `guess-${i}`, attacker, `172.16.${i}.${i}, 10.0.0.${i}`));
    }
    expect(answers.slice(0, THROTTLE.perPair)).toEqual(Array(THROTTLE.perPair).fill('invalid'));
    expect(answers.slice(THROTTLE.perPair)).toEqual(['throttled', 'throttled', 'throttled']);
    // The right password from the attacker's address is refused without being checked…
    expect(await signIn(email, PASSWORD, attacker, '198.51.100.1')).toBe('throttled');
    // …while the owner, elsewhere, signs in.
    expect(await signIn(email, PASSWORD, '198.51.100.8')).toBe('ok');
  });

  it('files the address the proxy saw in the audit trail, not the one the client wrote', async () => {
    const email = `admin@${slug}.demo`;
    await signIn(email, 'wrong', '198.51.100.23', '1.2.3.4');
    const rows = await owner.auditLog.findMany({ where: { tenantId, action: 'auth.sign_in_failed', entityId: email } });
    expect(rows.map((r) => r.ip)).toEqual(['198.51.100.23']);
  });

  it('counts before checking: parallel guesses cannot all slip under the limit', async () => {
    const email = `creditor@${slug}.demo`;
    const answers = await Promise.all(
      Array.from({ length: THROTTLE.perPair * 2 }, (_, i) => signIn(email, `guess-${i}`, '203.0.113.201')),
    );
    expect(answers.filter((a) => a === 'invalid')).toHaveLength(THROTTLE.perPair);
    expect(answers.filter((a) => a === 'throttled')).toHaveLength(THROTTLE.perPair);
  });

  it('treats an unknown e-mail exactly like a known one', async () => {
    const answers = [];
    for (const email of [`nobody@${slug}.demo`, `admin@${slug}.demo`]) {
      const run = [];
      for (let i = 0; i <= THROTTLE.perPair; i++) run.push(await signIn(email, `guess-${i}`, '203.0.113.202'));
      answers.push(run);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.at(-1)).toBe('throttled');
  });
});
