import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { keyWith } from '../errors/keys';
import { parseInput } from '../errors/zod';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { recordAudit } from '../audit/record-audit';

// rcv_<agency slug>_<prefix>_<secret>: the slug finds the tenant, the prefix the key, the secret proves it.
const KEY = /^rcv_([a-z0-9][a-z0-9-]{1,62})_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** How long a new key works: a choice of lifetimes, a year unless said otherwise; 'never' for a system that cannot rotate. */
export const KEY_LIFETIMES = ['30', '90', '365', 'never'] as const;

export const apiKeyInputSchema = z.object({
  creditorId: z.uuid('errors.field.creditorId'),
  label: z
    .string({ error: 'errors.field.required' })
    .trim()
    .min(1, 'errors.field.required')
    .max(100, keyWith('errors.field.maxLength', { max: 100 })),
  expiresInDays: z.enum(KEY_LIFETIMES, { error: 'accounts.errors.lifetime' }).default('365'),
});

export const apiKeyRefSchema = z.object({ keyId: z.uuid('accounts.errors.key') });

/**
 * Issues a key for a creditor's system: from the agency (admins, managers) for any of its creditors, or by a
 * creditor's user for its own creditor only (another creditor's id is not found: row security hides it too). The
 * secret is shown once; only its SHA-256 is kept. Audited.
 */
export async function createApiKey({
  actor,
  input,
  ip,
  now = new Date(),
}: {
  actor: Actor;
  input: unknown;
  ip?: string;
  now?: Date;
}) {
  authorize(actor, 'apiKeys.manage');
  const { creditorId, label, expiresInDays } = parseInput(apiKeyInputSchema, input);
  if (actor.creditorId && actor.creditorId !== creditorId) throw AppError.notFound();
  const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const secret = randomBytes(24).toString('base64url');
  const expiresAt = expiresInDays === 'never' ? null : new Date(now.getTime() + Number(expiresInDays) * 86_400_000);
  const keyId = await inTenant(scopeOf(actor), async (tx) => {
    const creditor = await tx.creditor.findFirst({ where: { tenantId: actor.tenantId, id: creditorId } });
    if (!creditor) throw AppError.notFound();
    const key = await tx.creditorApiKey.create({
      data: {
        tenantId: actor.tenantId,
        creditorId,
        prefix,
        secretSha256: sha256(secret),
        label,
        expiresAt,
        createdBy: personOf(actor),
      },
    });
    await recordAudit(tx, actor, {
      action: 'api_key.created',
      entity: 'creditor_api_key',
      entityId: key.id,
      ...(ip ? { ip } : {}),
      details: { creditorId, expiresInDays },
    });
    return key.id;
  });
  return { key: `rcv_${actor.agencySlug}_${prefix}_${secret}`, prefix, keyId, expiresAt };
}

/** Revokes a key at once (the next request with it is refused). A creditor's user, only its own creditor's. */
export async function revokeApiKey({ actor, input, ip }: { actor: Actor; input: unknown; ip?: string }) {
  authorize(actor, 'apiKeys.manage');
  const { keyId } = parseInput(apiKeyRefSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const key = await tx.creditorApiKey.findFirst({
      where: { tenantId: actor.tenantId, id: keyId, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
    });
    if (!key) throw AppError.notFound();
    if (key.revokedAt) return { keyId };
    await tx.creditorApiKey.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: keyId } },
      data: { revokedAt: new Date(), revokedBy: personOf(actor) },
    });
    await recordAudit(tx, actor, {
      action: 'api_key.revoked',
      entity: 'creditor_api_key',
      entityId: keyId,
      ...(ip ? { ip } : {}),
    });
    return { keyId };
  });
}

export interface ApiKeyRow {
  id: string;
  creditorId: string;
  creditorName: string;
  label: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The keys the actor manages: the agency's, or a creditor's user's own creditor's. Newest first. */
export async function listApiKeys(actor: Actor): Promise<ApiKeyRow[]> {
  authorize(actor, 'apiKeys.manage');
  return inTenant(scopeOf(actor), async (tx) => {
    const keys = await tx.creditorApiKey.findMany({
      where: { tenantId: actor.tenantId, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      include: { creditor: { select: { name: true } } },
      orderBy: { createdAt: 'desc' },
    });
    return keys.map((k) => ({
      id: k.id,
      creditorId: k.creditorId,
      creditorName: k.creditor.name,
      label: k.label,
      prefix: k.prefix,
      createdAt: k.createdAt,
      expiresAt: k.expiresAt,
      lastUsedAt: k.lastUsedAt,
      revokedAt: k.revokedAt,
    }));
  });
}

export interface ApiCaller {
  tenantId: string;
  creditorId: string;
  creditorName: string;
  keyId: string;
}

/**
 * Resolves `Authorization: Bearer rcv_…`; any failure — unknown, wrong secret, revoked, expired — is the same 401,
 * saying nothing of which part. A key that works has its last use noted, at most once a minute.
 */
export async function authenticateApiKey(authorization: string | null, now: Date = new Date()): Promise<ApiCaller> {
  const unauthenticated = new AppError('UNAUTHENTICATED', 'errors.auth.apiKey');
  const match = KEY.exec(authorization?.replace(/^Bearer\s+/i, '') ?? '');
  if (!match) throw unauthenticated;
  const [, slug, prefix, secret] = match;
  const agency = await db().agency.findUnique({ where: { slug }, select: { id: true } });
  if (!agency) throw unauthenticated;
  return inTenant({ tenantId: agency.id }, async (tx) => {
    const key = await tx.creditorApiKey.findFirst({
      where: { tenantId: agency.id, prefix, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      include: { creditor: { select: { name: true } } },
    });
    const expected = Buffer.from(key?.secretSha256 ?? '0'.repeat(64), 'hex');
    if (!key || !timingSafeEqual(expected, Buffer.from(sha256(secret!), 'hex'))) throw unauthenticated;
    await tx.$executeRaw`
      UPDATE creditor_api_key SET last_used_at = ${now}
       WHERE tenant_id = ${agency.id}::uuid AND id = ${key.id}::uuid
         AND (last_used_at IS NULL OR last_used_at < ${now}::timestamptz - interval '1 minute')`;
    return { tenantId: agency.id, creditorId: key.creditorId, creditorName: key.creditor.name, keyId: key.id };
  });
}
