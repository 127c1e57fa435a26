import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from '../../lib/imports/api-keys';
import { seedAgency } from '../../lib/demo/seed-agency';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

// Issue 18: creditors' API keys made, named, given an expiry, revoked — from the agency and from the portal, a
// creditor's user only for its own creditor — with their last use noted.

const owner = ownerDb();
let tenantId: string;
let manager: Actor;
let creditorUser: Actor;
let otherCreditorId: string;

beforeAll(async () => {
  const slug = uniqueSlug('keys');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Keys', seed: 51, files: 2, password: 'Correct-horse-42' }));
  manager = await actorFor(owner, tenantId, 'MANAGER');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  otherCreditorId = (
    await owner.creditor.findFirstOrThrow({ where: { tenantId, id: { not: creditorUser.creditorId! } } })
  ).id;
});
afterAll(async () => {
  await owner.$disconnect();
});

const bearer = (key: string) => `Bearer ${key}`;

describe('API keys', () => {
  it('a key works from its creation, shown once and stored as a hash; its last use is noted once a minute', async () => {
    const now = new Date();
    const made = await createApiKey({
      actor: manager,
      input: { creditorId: otherCreditorId, label: 'ERP', expiresInDays: '90' },
      ip: '10.5.0.1',
      now,
    });
    expect(made.expiresAt!.getTime() - now.getTime()).toBe(90 * 86_400_000);
    const row = await owner.creditorApiKey.findFirstOrThrow({ where: { tenantId, id: made.keyId } });
    // rcv_<agency>_<prefix>_<secret>: the secret is base64url and may itself hold '_' (a last fragment could be empty).
    const secret = made.key.slice(`rcv_${manager.agencySlug}_${made.prefix}_`.length);
    expect(secret).toHaveLength(32);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({ createdBy: manager.membershipId, lastUsedAt: null, label: 'ERP' });

    const at = new Date();
    expect(await authenticateApiKey(bearer(made.key), at)).toMatchObject({ tenantId, keyId: made.keyId });
    const first = (await owner.creditorApiKey.findFirstOrThrow({ where: { id: made.keyId } })).lastUsedAt;
    expect(first?.getTime()).toBe(at.getTime());
    await authenticateApiKey(bearer(made.key), new Date(at.getTime() + 20_000));
    expect((await owner.creditorApiKey.findFirstOrThrow({ where: { id: made.keyId } })).lastUsedAt).toEqual(first);
    const later = new Date(at.getTime() + 61_000);
    await authenticateApiKey(bearer(made.key), later);
    expect((await owner.creditorApiKey.findFirstOrThrow({ where: { id: made.keyId } })).lastUsedAt).toEqual(later);
    expect(await owner.auditLog.count({ where: { tenantId, action: 'api_key.created', entityId: made.keyId } })).toBe(
      1,
    );
  });

  it('an expired key is refused like a revoked one; a revoked one at once', async () => {
    const made = await createApiKey({
      actor: manager,
      input: { creditorId: otherCreditorId, label: 'Short', expiresInDays: '30' },
    });
    const in31Days = new Date(Date.now() + 31 * 86_400_000);
    await expect(authenticateApiKey(bearer(made.key), in31Days)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await revokeApiKey({ actor: manager, input: { keyId: made.keyId }, ip: '10.5.0.2' });
    await expect(authenticateApiKey(bearer(made.key))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const row = await owner.creditorApiKey.findFirstOrThrow({ where: { id: made.keyId } });
    expect(row.revokedBy).toBe(manager.membershipId);
    expect(await owner.auditLog.count({ where: { tenantId, action: 'api_key.revoked', entityId: made.keyId } })).toBe(
      1,
    );
  });

  it('a creditor’s user makes, lists and revokes its own creditor’s keys only', async () => {
    const own = await createApiKey({
      actor: creditorUser,
      input: { creditorId: creditorUser.creditorId, label: 'Our invoicing', expiresInDays: 'never' },
    });
    expect(own.expiresAt).toBeNull();
    expect((await authenticateApiKey(bearer(own.key))).creditorId).toBe(creditorUser.creditorId);
    await expect(
      createApiKey({ actor: creditorUser, input: { creditorId: otherCreditorId, label: 'Theirs' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = await listApiKeys(creditorUser);
    expect(listed.map((k) => k.creditorId)).toEqual([creditorUser.creditorId]);
    const theirs = (await listApiKeys(manager)).find((k) => k.creditorId === otherCreditorId && !k.revokedAt)!;
    await expect(revokeApiKey({ actor: creditorUser, input: { keyId: theirs.id } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await owner.creditorApiKey.findFirstOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
    await revokeApiKey({ actor: creditorUser, input: { keyId: own.keyId } });
    await expect(authenticateApiKey(bearer(own.key))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an agent, and names the field of a bad input', async () => {
    const agent = await actorFor(owner, tenantId, 'AGENT');
    await expect(listApiKeys(agent)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      createApiKey({ actor: manager, input: { creditorId: otherCreditorId, label: ' ', expiresInDays: 'forever' } }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      fields: { label: 'errors.field.required', expiresInDays: 'accounts.errors.lifetime' },
    });
    await expect(revokeApiKey({ actor: manager, input: { keyId: 'nope' } })).rejects.toMatchObject({
      fields: { keyId: 'accounts.errors.key' },
    });
  });
});
