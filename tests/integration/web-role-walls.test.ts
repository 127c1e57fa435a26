import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// ARCHITECTURE.md rule 10: the role behind every web request (recouvra_app) has no way around row security,
// foreign keys or triggers. Each test connects as that role with plain SQL, as an attacker with an injection would.

const owner = ownerDb();
let web: pg.Client;
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('walls'),
    name: 'Walls',
    seed: 31,
    files: 3,
    password: 'x-password-1',
  }));
  ({ tenantId: otherTenantId } = await seedAgency(owner, {
    slug: uniqueSlug('walls-b'),
    name: 'Walls B',
    seed: 32,
    files: 2,
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
        `INSERT INTO claim (tenant_id, file_id, creditor_id, invoice_number, issued_on, due_on, principal_cents, currency,
                            nature)
         VALUES ($1, $2, $3, 'WALL-1', '2026-01-01', '2026-02-01', 123456, $4, 'B2B')`,
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

async function emailsOf(where: { tenantId: string; creditorId?: string }): Promise<string[]> {
  const members = await owner.membership.findMany({ where, select: { identityId: true } });
  const people = await owner.identity.findMany({
    where: { id: { in: members.map((m) => m.identityId) } },
    select: { email: true },
  });
  return people.map((p) => p.email).sort();
}

describe('the web role reads only its agency’s people and changes no agency settings', () => {
  it('cannot change the agency, the IBAN printed on letters included', async () => {
    await expect(
      asWeb(() =>
        web.query(`UPDATE agency SET creditor_funds_iban = 'FR7630006000011234567890189' WHERE id = $1`, [tenantId]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      asWeb(() => web.query(`UPDATE agency SET channel_caps = '{}' WHERE id = $1`, [tenantId])),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('sees the identities of its agency only, never a password hash, and changes none', async () => {
    const seen = await asWeb(async () => (await web.query<{ email: string }>('SELECT email FROM identity')).rows);
    expect(seen.map((r) => r.email).sort()).toEqual(await emailsOf({ tenantId }));
    const others = await emailsOf({ tenantId: otherTenantId });
    expect(others.length).toBeGreaterThan(0);
    expect(seen.some((r) => others.includes(r.email))).toBe(false);

    await expect(asWeb(() => web.query('SELECT password_hash FROM identity'))).rejects.toMatchObject({
      code: '42501',
    });
    for (const change of [`password_hash = 'x'`, `name = 'Mallory'`, `locale = 'en'`])
      await expect(
        asWeb(() => web.query(`UPDATE identity SET ${change} WHERE email = $1`, [others[0]])),
      ).rejects.toMatchObject({ code: '42501' });
  });

  it('outside an agency sees no identity; sign-in’s lookup answers one e-mail at a time', async () => {
    const { rows } = await web.query<{ n: number }>('SELECT count(*)::int AS n FROM identity');
    expect(rows[0]!.n).toBe(0);
    const other = (await emailsOf({ tenantId: otherTenantId }))[0]!;
    const found = await web.query<{ email: string; password_hash: string }>(
      'SELECT email, password_hash FROM app_sign_in_identity($1)',
      [other],
    );
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]!.email).toBe(other);
    expect(found.rows[0]!.password_hash).toMatch(/^\$argon2/);
    expect((await web.query('SELECT * FROM app_sign_in_identity($1)', ['nobody@nowhere.example'])).rows).toEqual([]);
  });

  it('reads no membership or audit entry of another agency', async () => {
    const agentB = await owner.membership.findFirstOrThrow({ where: { tenantId: otherTenantId, role: 'AGENT' } });
    await owner.auditLog.create({
      data: {
        tenantId: otherTenantId,
        actorId: agentB.id,
        action: 'file.viewed',
        entity: 'case_file',
        ip: '198.51.100.9',
      },
    });
    const counts = await asWeb(async () => {
      const { rows } = await web.query<{ memberships: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM membership WHERE tenant_id = $1) AS memberships,
                (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1) AS audit`,
        [otherTenantId],
      );
      return rows[0]!;
    });
    expect(counts).toEqual({ memberships: 0, audit: 0 });
  });

  it('a creditor’s user reads no staff membership, e-mail or audit entry, and still appends its own', async () => {
    const creditorUser = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'CREDITOR' } });
    const creditorId = creditorUser.creditorId!;
    const agent = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'AGENT' } });
    await owner.auditLog.create({
      data: { tenantId, actorId: agent.id, action: 'auth.sign_in', entity: 'identity', ip: '203.0.113.77' },
    });
    const seen = await asWeb(async () => {
      const memberships = (
        await web.query<{ role: string; creditor: string | null }>(
          'SELECT role::text, creditor_id AS creditor FROM membership',
        )
      ).rows;
      const emails = (await web.query<{ email: string }>('SELECT email FROM identity')).rows.map((r) => r.email);
      const audit = (await web.query<{ ip: string | null }>('SELECT ip FROM audit_log')).rows;
      const appended = await web.query(
        `INSERT INTO audit_log (tenant_id, actor_id, action, entity, ip) VALUES ($1, $2, 'file.viewed', 'case_file', '192.0.2.1')
         RETURNING id`,
        [tenantId, creditorUser.id],
      );
      return { memberships, emails, audit, appended: appended.rowCount };
    }, creditorId);
    expect(seen.memberships.length).toBeGreaterThan(0);
    expect(seen.memberships.every((m) => m.role === 'CREDITOR' && m.creditor === creditorId)).toBe(true);
    expect(seen.emails.sort()).toEqual(await emailsOf({ tenantId, creditorId }));
    expect(seen.emails).not.toContain((await emailsOf({ tenantId })).find((e) => e.startsWith('agent@')));
    expect(seen.audit.map((a) => a.ip)).not.toContain('203.0.113.77');
    expect(seen.appended).toBe(1);
    // The agency's own staff still read the whole trail.
    const staffView = await asWeb(async () => (await web.query<{ ip: string }>('SELECT ip FROM audit_log')).rows);
    expect(staffView.map((a) => a.ip)).toContain('203.0.113.77');
  });
});
