import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { db } from '../db/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { keyWith } from '../errors/keys';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { recordAudit } from '../audit/record-audit';

// rcv_<agency slug>_<prefix>_<secret>: the slug finds the tenant, the prefix the key, the secret proves it.
const KEY = /^rcv_([a-z0-9][a-z0-9-]{1,62})_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const apiKeyInputSchema = z.object({
  creditorId: z.uuid('errors.field.creditorId'),
  label: z
    .string({ error: 'errors.field.required' })
    .trim()
    .min(1, 'errors.field.required')
    .max(100, keyWith('errors.field.maxLength', { max: 100 })),
});

/** Issues a key for a creditor's system. The secret is shown once; only its SHA-256 is kept. */
export async function createApiKey({ actor, input }: { actor: Actor; input: unknown }) {
  authorize(actor, 'mandates.manage');
  const { creditorId, label } = parseInput(apiKeyInputSchema, input);
  const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const secret = randomBytes(24).toString('base64url');
  await inTenant(scopeOf(actor), async (tx) => {
    const creditor = await tx.creditor.findFirst({ where: { tenantId: actor.tenantId, id: creditorId } });
    if (!creditor) throw AppError.notFound();
    const key = await tx.creditorApiKey.create({
      data: { tenantId: actor.tenantId, creditorId, prefix, secretSha256: sha256(secret), label },
    });
    await recordAudit(tx, actor, { action: 'api_key.created', entity: 'creditor_api_key', entityId: key.id });
  });
  return { key: `rcv_${actor.agencySlug}_${prefix}_${secret}`, prefix };
}

export interface ApiCaller {
  tenantId: string;
  creditorId: string;
  creditorName: string;
  keyId: string;
}

/** Resolves `Authorization: Bearer rcv_…`; any failure is the same 401, saying nothing of which part. */
export async function authenticateApiKey(authorization: string | null): Promise<ApiCaller> {
  const unauthenticated = new AppError('UNAUTHENTICATED', 'errors.auth.apiKey');
  const match = KEY.exec(authorization?.replace(/^Bearer\s+/i, '') ?? '');
  if (!match) throw unauthenticated;
  const [, slug, prefix, secret] = match;
  const agency = await db().agency.findUnique({ where: { slug }, select: { id: true } });
  if (!agency) throw unauthenticated;
  const key = await inTenant({ tenantId: agency.id }, (tx) =>
    tx.creditorApiKey.findFirst({
      where: { tenantId: agency.id, prefix, revokedAt: null },
      include: { creditor: { select: { name: true } } },
    }),
  );
  const expected = Buffer.from(key?.secretSha256 ?? '0'.repeat(64), 'hex');
  if (!key || !timingSafeEqual(expected, Buffer.from(sha256(secret!), 'hex'))) throw unauthenticated;
  return { tenantId: agency.id, creditorId: key.creditorId, creditorName: key.creditor.name, keyId: key.id };
}
