import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/client';
import { forgetRateTables, loadRateTables } from '../../lib/interest/load-rates';
import { MIGRATION_RATES } from '../fixtures/interest/migration-rates';

// The application role (DATABASE_URL), the one the web app and workers read the rates with.
const app = createDb(process.env.DATABASE_URL!, 2);

beforeEach(() => forgetRateTables());
afterAll(() => app.$disconnect());

describe('loadRateTables', () => {
  it("returns the migrations' legal and ECB rates through the app role, as days, oldest first", async () => {
    const role = await app.$queryRaw<{ who: string }[]>`SELECT current_user AS who`;
    expect(role[0]?.who).toBe('recouvra_app');

    const tables = await app.$transaction((tx) => loadRateTables(tx));
    // Admins append later rows (tests/integration/rate-entry.test.ts may already have): the shipped ones come first.
    expect(tables.legal.slice(0, MIGRATION_RATES.legal.length)).toEqual(MIGRATION_RATES.legal);
    expect(tables.ecb.slice(0, MIGRATION_RATES.ecb.length)).toEqual(MIGRATION_RATES.ecb);
  });

  it('serves later calls from the cache until forgotten', async () => {
    const first = await app.$transaction((tx) => loadRateTables(tx));
    expect(await app.$transaction((tx) => loadRateTables(tx))).toBe(first);
    forgetRateTables();
    const reread = await app.$transaction((tx) => loadRateTables(tx));
    expect(reread).not.toBe(first);
    expect(reread).toEqual(first);
  });

  it('knows no rates for a country without a table', async () => {
    const tables = await app.$transaction((tx) => loadRateTables(tx, 'BE'));
    expect(tables.legal).toEqual([]);
    expect(tables.ecb.slice(0, MIGRATION_RATES.ecb.length)).toEqual(MIGRATION_RATES.ecb);
  });

  it('hands out frozen tables, so no caller can alter the shared copy', async () => {
    const tables = await app.$transaction((tx) => loadRateTables(tx));
    expect(Object.isFrozen(tables.legal)).toBe(true);
    expect(Object.isFrozen(tables.legal[0])).toBe(true);
    expect(Object.isFrozen(tables.ecb)).toBe(true);
  });
});
