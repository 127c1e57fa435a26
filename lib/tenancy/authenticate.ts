import { recordAudit } from '../audit/record-audit';
import type { Redis } from 'ioredis';
import { db } from '../db/client';
import { asIdentity, inTenant } from '../db/tenant';
import type { PrismaClient } from '../db/generated/client';
import type { Role } from '../db/generated/enums';
import { env } from '../config/env';
import { parseInput } from '../errors/zod';
import { AppError } from '../errors/app-error';
import { dummyPasswordHash, verifyPassword } from './passwords';
import type { SessionClaims } from './schemas';
import { signInSchema } from './schemas';
import { findSignInIdentity } from './sign-in-identity';
import { beginAttempt, recordSuccess } from './sign-in-throttle';

export type AuthenticateResult =
  | {
      ok: true;
      claims: SessionClaims;
      sessionVersion: number;
      name: string;
      email: string;
      /** 'enrol': the person must set up a second factor before anything else (decision 0019). */
      secondFactor: 'passed' | 'enrol';
    }
  | { ok: false; reason: 'invalid' | 'throttled' | 'code' | 'code-invalid' };

/**
 * The second factor, once the password is right (lib/accounts/second-factor.ts; handed in, so tenancy does not
 * depend on accounts): 'passed' (given and right, or none needed), 'enrol' (needed, none set up yet), 'missing'
 * (the form must ask for the code) or 'wrong'.
 */
export type SecondFactorCheck = (who: {
  identityId: string;
  tenantId: string;
  role: Role;
  code: string | undefined;
}) => Promise<'passed' | 'enrol' | 'missing' | 'wrong'>;

interface Options {
  input: unknown;
  /** The client's address (lib/net/client-ip.ts); undefined when it cannot be known. */
  ip: string | undefined;
  redis: Redis;
  client?: PrismaClient;
  secondFactor?: SecondFactorCheck;
}

/**
 * Checks a sign-in. Every failure (unknown e-mail, wrong password, no membership in the agency asked for)
 * answers the same 'invalid', after the same password-hashing work, so nothing tells which part was wrong.
 */
export async function authenticate({
  input,
  ip,
  redis,
  client = db(),
  secondFactor,
}: Options): Promise<AuthenticateResult> {
  let parsed;
  try {
    parsed = parseInput(signInSchema, input);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, reason: 'invalid' };
    throw error;
  }
  const { email, password, agency, code } = parsed;
  if (!(await beginAttempt(redis, env.QUEUE_PREFIX, email, ip))) return { ok: false, reason: 'throttled' };

  const identity = await findSignInIdentity(client, email);
  const passwordOk = await verifyPassword(identity?.passwordHash ?? (await dummyPasswordHash()), password);
  // Read even on a wrong password, so the failure is filed in the agency whose account was tried.
  const { memberships, sessionVersion } = identity
    ? await activeMemberships(client, identity.id)
    : { memberships: [], sessionVersion: 0 };
  const chosen = agency ? memberships.filter((m) => m.slug === agency) : memberships;

  // Several agencies and none named: refuse rather than guess one (the form then asks for the agency).
  if (!identity || !passwordOk || chosen.length !== 1) {
    await auditSignIn(client, chosen[0]?.tenantId ?? memberships[0]?.tenantId, 'auth.sign_in_failed', email, ip);
    return { ok: false, reason: 'invalid' };
  }
  const membership = chosen[0]!;
  // The attempt stays counted until the second factor passes too: codes are guessed under the same throttle.
  const factor = secondFactor
    ? await secondFactor({ identityId: identity.id, tenantId: membership.tenantId, role: membership.role, code })
    : 'passed';
  if (factor === 'missing') return { ok: false, reason: 'code' };
  if (factor === 'wrong') {
    await auditSignIn(client, membership.tenantId, 'auth.second_factor_failed', email, ip);
    return { ok: false, reason: 'code-invalid' };
  }
  await recordSuccess(redis, env.QUEUE_PREFIX, email, ip);
  await auditSignIn(client, membership.tenantId, 'auth.sign_in', email, ip, identity.id);
  return {
    ok: true,
    name: identity.name,
    email: identity.email,
    sessionVersion,
    secondFactor: factor,
    claims: { identityId: identity.id, membershipId: membership.id, tenantId: membership.tenantId },
  };
}

/** The identity's active memberships, and its session version (the token carries it: decision 0019). */
async function activeMemberships(client: PrismaClient, identityId: string) {
  const { rows, sessionVersion } = await asIdentity(
    identityId,
    async (tx) => ({
      rows: await tx.membership.findMany({
        where: { identityId, active: true },
        select: { id: true, tenantId: true, role: true },
      }),
      sessionVersion:
        (await tx.identity.findUnique({ where: { id: identityId }, select: { sessionVersion: true } }))
          ?.sessionVersion ?? 0,
    }),
    client,
  );
  const agencies = await client.agency.findMany({
    where: { id: { in: rows.map((r) => r.tenantId) } },
    select: { id: true, slug: true },
  });
  const slugById = new Map(agencies.map((a) => [a.id, a.slug]));
  return { memberships: rows.map((r) => ({ ...r, slug: slugById.get(r.tenantId) ?? '' })), sessionVersion };
}

async function auditSignIn(
  client: PrismaClient,
  tenantId: string | undefined,
  action: string,
  email: string,
  ip: string | undefined,
  actorId?: string,
): Promise<void> {
  // A failure for an e-mail that belongs to no agency has no tenant to file it under; the throttle still counts it.
  if (!tenantId) return;
  await inTenant(
    { tenantId },
    (tx) =>
      recordAudit(
        tx,
        { tenantId, membershipId: actorId ?? null },
        { action, entity: 'identity', entityId: email, ...(ip ? { ip } : {}) },
      ),
    client,
  );
}
