import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey, createApiKey } from '../../lib/imports/api-keys';
import { intakeClaims } from '../../lib/imports/intake-claims';
import { seedAgency } from '../../lib/demo/seed-agency';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
let key: string;
let otherAgencyKey: string;
let tenantId: string;

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  companyName: 'Transports Morel SAS',
  siren: '732 829 320',
  addressLine1: '4 quai Perrache',
  postcode: '69002',
  city: 'Lyon',
  invoiceNumber: `API-${n}`,
  dueDate: '2026-02-28',
  amount: 1500.5,
  ...extra,
});

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('api'),
    name: 'Api',
    seed: 21,
    files: 3,
    password: 'x-password-1',
  }));
  const manager = await actorFor(owner, tenantId, 'MANAGER');
  const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId } });
  ({ key } = await createApiKey({ actor: manager, input: { creditorId: creditor.id, label: 'ERP' } }));
  const other = await seedAgency(owner, {
    slug: uniqueSlug('api2'),
    name: 'Api2',
    seed: 22,
    files: 3,
    password: 'x-password-1',
  });
  const otherManager = await actorFor(owner, other.tenantId, 'MANAGER');
  const otherCreditor = await owner.creditor.findFirstOrThrow({ where: { tenantId: other.tenantId } });
  ({ key: otherAgencyKey } = await createApiKey({
    actor: otherManager,
    input: { creditorId: otherCreditor.id, label: 'x' },
  }));
});
afterAll(() => owner.$disconnect());

describe('POST /api/intake/claims (use-case)', () => {
  it('answers per item and writes the good ones', async () => {
    const caller = await authenticateApiKey(`Bearer ${key}`);
    const { response } = await intakeClaims({
      caller,
      idempotencyKey: 'call-1',
      body: { items: [item(1), item(2, { amount: -3 }), item(3, { colour: 'blue' })] },
    });
    expect(response.summary).toMatchObject({ rows: 3, claims: 1, files: 1, rejected: 2 });
    expect(response.items[0]).toMatchObject({ index: 0, outcome: 'created', error: null });
    expect(response.items[0]!.fileReference).toMatch(/^D\d{7}$/);
    expect(response.items[1]).toMatchObject({ outcome: 'rejected', error: 'amount: must be greater than zero' });
    expect(response.items[2]!.error).toContain('colour');
  });

  it('answers each item in the caller’s language', async () => {
    const caller = await authenticateApiKey(`Bearer ${key}`);
    const { response } = await intakeClaims({
      caller,
      idempotencyKey: 'call-fr',
      body: { items: [item(7, { amount: -3 }), item(8, { dueDate: 'demain' })] },
      locale: 'fr',
    });
    expect(response.items.map((i) => i.error)).toEqual([
      'amount : doit être supérieur à zéro',
      "dueDate : « demain » n'est pas une date (ex. : 31/12/2025)",
    ]);
  });

  it('replays the first answer for the same key and body, and writes nothing more', async () => {
    const caller = await authenticateApiKey(`Bearer ${key}`);
    const before = await owner.claim.count({ where: { tenantId } });
    const body = { items: [item(1), item(2, { amount: -3 }), item(3, { colour: 'blue' })] };
    const replay = await intakeClaims({ caller, idempotencyKey: 'call-1', body });
    expect(replay.replayed).toBe(true);
    expect(replay.response.summary.claims).toBe(1);
    expect(await owner.claim.count({ where: { tenantId } })).toBe(before);
  });

  it('refuses a reused key with another body', async () => {
    const caller = await authenticateApiKey(`Bearer ${key}`);
    await expect(intakeClaims({ caller, idempotencyKey: 'call-1', body: { items: [item(9)] } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('a new key with an already placed invoice is a duplicate, not a second claim', async () => {
    const caller = await authenticateApiKey(`Bearer ${key}`);
    const { response } = await intakeClaims({ caller, idempotencyKey: 'call-2', body: { items: [item(1)] } });
    expect(response.items[0]).toMatchObject({ outcome: 'duplicate' });
    expect(await owner.claim.count({ where: { tenantId, invoiceNumber: 'API-1' } })).toBe(1);
  });

  it('requires the Idempotency-Key header and a list of items', async () => {
    const caller = await authenticateApiKey(`Bearer ${key}`);
    await expect(intakeClaims({ caller, idempotencyKey: null, body: { items: [item(1)] } })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { 'Idempotency-Key': 'errors.field.required' },
    });
    await expect(intakeClaims({ caller, idempotencyKey: 'k', body: { items: 'nope' } })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it('refuses wrong, tampered or malformed keys the same way', async () => {
    const tampered = key.slice(0, -4) + 'AAAA';
    for (const header of [
      null,
      'Bearer nope',
      `Bearer ${tampered}`,
      `Bearer ${key.replace(/^rcv_[^_]+/, 'rcv_unknown')}`,
    ]) {
      await expect(authenticateApiKey(header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('a key only ever places claims in its own agency', async () => {
    const caller = await authenticateApiKey(`Bearer ${otherAgencyKey}`);
    expect(caller.tenantId).not.toBe(tenantId);
    await intakeClaims({ caller, idempotencyKey: 'x-1', body: { items: [item(50)] } });
    expect(await owner.claim.count({ where: { tenantId, invoiceNumber: 'API-50' } })).toBe(0);
    expect(await owner.claim.count({ where: { tenantId: caller.tenantId, invoiceNumber: 'API-50' } })).toBe(1);
  });
});
