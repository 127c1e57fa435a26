import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// ARCHITECTURE.md rule 10: the role behind every web request (recouvra_app) has no way around row security,
// foreign keys or triggers. Each test connects as that role with plain SQL, as an attacker with an injection would.

const owner = ownerDb();
let web: pg.Client;
let tenantId: string;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('walls'),
    name: 'Walls',
    seed: 31,
    files: 3,
    password: 'x-password-1',
  }));
  web = await appRoleClient();
});
afterAll(async () => {
  await web.end();
  await owner.$disconnect();
});

/** Runs `work` in a transaction of the web role set to the agency (and creditor), always rolled back. */
async function asWeb<T>(work: () => Promise<T>, creditorId = ''): Promise<T> {
  await web.query('BEGIN');
  try {
    await web.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
      tenantId,
      creditorId,
    ]);
    return await work();
  } finally {
    await web.query('ROLLBACK');
  }
}

describe('the web role cannot switch integrity off', () => {
  it('is the application role, not the import role', async () => {
    const { rows } = await web.query<{ who: string }>('SELECT current_user AS who');
    expect(rows[0]!.who).toBe('recouvra_app');
  });

  it('cannot turn foreign keys and triggers off (session_replication_role), by SET or set_config', async () => {
    await expect(asWeb(() => web.query('SET LOCAL session_replication_role = replica'))).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      asWeb(() => web.query(`SELECT set_config('session_replication_role', 'replica', false)`)),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(web.query('SET session_replication_role = replica')).rejects.toMatchObject({ code: '42501' });
    const { rows } = await web.query<{ role: string }>(`SELECT current_setting('session_replication_role') AS role`);
    expect(rows[0]!.role).toBe('origin');
  });

  it('cannot become the import role', async () => {
    await expect(web.query('SET ROLE recouvra_import')).rejects.toMatchObject({ code: '42501' });
    await expect(web.query('SET SESSION AUTHORIZATION recouvra_import')).rejects.toMatchObject({ code: '42501' });
  });

  it('a broken key is refused whatever it sets', async () => {
    await expect(
      asWeb(async () => {
        await web.query('SAVEPOINT attempt');
        await web.query(`SELECT set_config('session_replication_role', 'replica', true)`).catch(() => {});
        await web.query('ROLLBACK TO SAVEPOINT attempt');
        return web.query(
          `INSERT INTO contact_point (tenant_id, debtor_id, kind, phone, source)
           VALUES ($1, gen_random_uuid(), 'PHONE', '+33612345678', 'attack')`,
          [tenantId],
        );
      }),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('the totals setting the merge once used no longer stops the totals trigger', async () => {
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId }, orderBy: { placedAt: 'asc' } });
    const totals = await asWeb(async () => {
      await web.query(`SELECT set_config('app.totals_maintained_by_caller', 'on', true)`);
      await web.query(
        `INSERT INTO claim (tenant_id, file_id, creditor_id, invoice_number, issued_on, due_on, principal_cents, currency)
         VALUES ($1, $2, $3, 'WALL-1', '2026-01-01', '2026-02-01', 123456, $4)`,
        [tenantId, file.id, file.creditorId, file.currency],
      );
      const { rows } = await web.query<{ total: string; sum: string }>(
        `SELECT f.principal_cents::text AS total,
                (SELECT sum(principal_cents)::text FROM claim c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id) AS sum
           FROM case_file f WHERE f.tenant_id = $1 AND f.id = $2`,
        [tenantId, file.id],
      );
      return rows[0]!;
    });
    expect(BigInt(totals.total)).toBe(file.principalCents + 123456n);
    expect(totals.total).toBe(totals.sum);
  });
});
