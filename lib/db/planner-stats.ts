import type pg from 'pg';
import { rawPool } from './raw';

/**
 * Analyzes the growing tables whose statistics are stale by autovacuum's own rule (50 rows + 10 % changed since the
 * last ANALYZE): a table analyzed near-empty and grown since is read through the wrong index (migration
 * 20261125120000). A no-op where autovacuum keeps up. Returns the tables analyzed.
 */
export async function analyzeStaleTables(pool: pg.Pool = rawPool()): Promise<string[]> {
  const { rows } = await pool.query<{ analyzed: string[] }>('SELECT app_analyze_stale() AS analyzed');
  return rows[0]!.analyzed;
}
