import type { Redis } from 'ioredis';
import QRCode from 'qrcode';
import { Prisma, type PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { env } from '../config/env';
import { db } from '../db/client';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { newRecoveryCodes } from './recovery-codes';
import { totpCodeSchema } from './schemas';
import { seal, unseal } from './secret-box';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

// Setting up a TOTP second factor: a secret offered (QR code), confirmed by a code from the app, then kept sealed
// with ten recovery codes shown once. The offered secret waits in Redis a quarter of an hour, sealed too.

const PENDING_SECONDS = 15 * 60;
const pendingKey = (prefix: string, identityId: string) => `${prefix}:totp:pending:${identityId}`;

export interface Offer {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

/** The secret to scan: the same one while the offer lasts (a reload shows the same QR code). */
export async function offerSecondFactor({
  actor,
  email,
  redis,
  prefix = env.QUEUE_PREFIX,
}: {
  actor: Actor;
  email: string;
  redis: Redis;
  prefix?: string;
}): Promise<Offer> {
  const key = pendingKey(prefix, actor.identityId);
  const kept = await redis.get(key);
  const secret = kept ? unseal(kept) : newTotpSecret();
  if (!kept) await redis.set(key, seal(secret), 'EX', PENDING_SECONDS);
  const uri = otpauthUri(secret, email);
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  return { secret, uri, qrDataUrl };
}

/** Signed in as the person: the functions that change one's own identity read app.identity_id. */
export async function asSelf(tx: Tx, actor: Actor): Promise<void> {
  await tx.$executeRaw`SELECT set_config('app.identity_id', ${actor.identityId}, true)`;
}

/**
 * A code from the app confirms the offered secret: it is kept (sealed), that code's step cannot serve again, and
 * ten recovery codes are made — returned here, to be shown once; only their HMACs are kept. Audited.
 */
export async function confirmSecondFactor({
  actor,
  input,
  ip,
  redis,
  prefix = env.QUEUE_PREFIX,
  now = new Date(),
  client = db(),
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  redis: Redis;
  prefix?: string;
  now?: Date;
  client?: PrismaClient;
}): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(totpCodeSchema, input);
  const kept = await redis.get(pendingKey(prefix, actor.identityId));
  if (!kept) throw AppError.invalid({ code: 'accounts.errors.offerExpired' });
  const secret = unseal(kept);
  const step = matchTotp(secret, code, now);
  if (step === null) throw AppError.invalid({ code: 'accounts.errors.codeWrong' });
  const { codes, hashes } = newRecoveryCodes();
  await inTenant(
    scopeOf(actor),
    async (tx) => {
      await asSelf(tx, actor);
      const [row] = await tx.$queryRaw<{ enrolled: boolean }[]>(
        Prisma.sql`SELECT app_enrol_totp(${seal(secret)}, ${step}::bigint, ${hashes}::text[]) AS enrolled`,
      );
      if (!row?.enrolled) throw AppError.refused('CONFLICT', 'accounts.errors.alreadyEnrolled');
      await recordAudit(tx, actor, {
        action: 'auth.second_factor_enrolled',
        entity: 'membership',
        entityId: actor.membershipId,
        ...(ip ? { ip } : {}),
      });
    },
    client,
  );
  await redis.del(pendingKey(prefix, actor.identityId));
  return { recoveryCodes: codes };
}
