import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStaleTables } from '../../lib/db/planner-stats';
import { rawPool } from '../../lib/db/raw';
import { seedAgency } from '../../lib/demo/seed-agency';
import { ownerClient, ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
let sql: pg.Client;
let tenantId: string;

// Read in its own statement: a transaction would keep reading the statistics snapshot it took first.
async function staleness(table: string) {
  const { rows } = await sql.query<{ changed: number; threshold: number }>(
    `SELECT s.n_mod_since_analyze::int AS changed, (50 + 0.1 * greatest(c.reltuples, 0))::int AS threshold
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = $1`,
    [table],
  );
  return rows[0]!;
}

beforeAll(async () => {
  sql = await ownerClient();
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('stats'),
    name: 'Stats',
    seed: 3,
    files: 1,
    password: 'x',
  }));
});

afterAll(async () => {
  await sql.end();
  await owner.$disconnect();
});

describe('planner statistics upkeep', () => {
  it('analyzes a table grown past autovacuum’s threshold since its last ANALYZE, and then finds nothing to do', async () => {
    await sql.query('ANALYZE activity');
    const { threshold } = await staleness('activity');
    await sql.query(
      `INSERT INTO activity (tenant_id, file_id, kind, details)
       SELECT $1, f.id, 'contact.note', jsonb_build_object('channel', 'NOTE', 'outcome', 'NONE', 'note', 'ligne ' || g)
         FROM case_file f, generate_series(1, $2::int) g WHERE f.tenant_id = $1`,
      [tenantId, threshold + 10],
    );
    // The insert's counters reach the shared statistics when this statement ends, not up to a second later.
    await sql.query('SELECT pg_stat_force_next_flush()');
    const before = await staleness('activity');
    expect(before.changed).toBeGreaterThan(before.threshold);

    // As the application role, which may not ANALYZE these tables itself: only through the function.
    const analyzed = await analyzeStaleTables(rawPool());
    // Autovacuum, where it runs, may have got there first: either way the statistics are fresh afterwards.
    const after = await staleness('activity');
    expect(after.changed).toBeLessThan(after.threshold);
    if (!analyzed.includes('activity')) {
      const { rows } = await sql.query(`SELECT last_autoanalyze FROM pg_stat_user_tables WHERE relname = 'activity'`);
      expect(rows[0].last_autoanalyze).not.toBeNull();
    }
    expect(await analyzeStaleTables(rawPool())).not.toContain('activity');
  });
});
