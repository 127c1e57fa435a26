import type { Redis } from 'ioredis';
import { Prisma, type PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { env } from '../config/env';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { hashPassword, verifyPassword } from '../tenancy/passwords';
import { findSignInIdentity } from '../tenancy/sign-in-identity';
import { beginAttempt, recordSuccess } from '../tenancy/sign-in-throttle';
import { changePasswordSchema } from './schemas';

/**
 * A person changes their own password: the current one first (counted by the sign-in throttle, since it is as good
 * a guess as a sign-in), then the new one, hashed with Argon2id. Every session of the person ends, this one too,
 * and open reset links are revoked (app_change_password); audited.
 */
export async function changePassword({
  actor,
  input,
  ip,
  redis,
  client = db(),
  prefix = env.QUEUE_PREFIX,
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  redis: Redis;
  client?: PrismaClient;
  prefix?: string;
}): Promise<void> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const own = await inTenant(
    scopeOf(actor),
    (tx) => tx.identity.findUnique({ where: { id: actor.identityId }, select: { email: true } }),
    client,
  );
  if (!own) throw AppError.notFound();
  if (!(await beginAttempt(redis, prefix, own.email, ip)))
    throw AppError.invalid({ currentPassword: 'accounts.errors.throttled' });
  const identity = await findSignInIdentity(client, own.email);
  if (!identity || !(await verifyPassword(identity.passwordHash, currentPassword))) {
    await inTenant(
      scopeOf(actor),
      (tx) =>
        recordAudit(tx, actor, {
          action: 'auth.password_change_failed',
          entity: 'membership',
          entityId: actor.membershipId,
          ...(ip ? { ip } : {}),
        }),
      client,
    );
    throw AppError.invalid({ currentPassword: 'accounts.errors.currentPasswordWrong' });
  }
  await recordSuccess(redis, prefix, own.email, ip);
  const passwordHash = await hashPassword(newPassword);
  await inTenant(
    scopeOf(actor),
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.identity_id', ${actor.identityId}, true)`;
      const [row] = await tx.$queryRaw<{ changed: boolean }[]>(
        Prisma.sql`SELECT app_change_password(${passwordHash}) AS changed`,
      );
      if (!row?.changed) throw AppError.notFound();
      await recordAudit(tx, actor, {
        action: 'auth.password_changed',
        entity: 'membership',
        entityId: actor.membershipId,
        ...(ip ? { ip } : {}),
      });
    },
    client,
  );
}
