import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { REWRITTEN, migrate, readMigrations } from '../../lib/db/migrate';

const HOST = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';
const created: string[] = [];

function freshUrl(): string {
  const name = `recouvra_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  created.push(name);
  return `postgresql://postgres@${HOST}/${name}`;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of created) {
    await query(`postgresql://postgres@${HOST}/postgres`, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
});

describe('db:migrate', () => {
  it('creates the database, applies every migration once and records it like Prisma does', async () => {
    const url = freshUrl();
    const first = await migrate(url);
    expect(first).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(url)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished: boolean; steps: number }>(
      url,
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count AS steps
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(
      readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum, finished: true, steps: 1 })),
    );
  });

  it('applies each migration once when several processes migrate together (advisory lock)', async () => {
    const url = freshUrl();
    await query(`postgresql://postgres@${HOST}/postgres`, `CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(results.flat().sort()).toEqual(
      readMigrations()
        .map((m) => m.name)
        .sort(),
    );
    const [row] = await query<{ count: string }>(url, 'SELECT count(*) FROM "_prisma_migrations"');
    expect(Number(row?.count)).toBe(readMigrations().length);
  });

  it('refuses to go on when an applied migration was edited afterwards', async () => {
    const url = freshUrl();
    await migrate(url);
    await query(
      url,
      `UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = '${readMigrations()[0]!.name}'`,
    );
    await expect(migrate(url)).rejects.toThrow(/was edited after it was applied/);
  });

  it('takes a migration rewritten on purpose as applied, and records its new checksum', async () => {
    const url = freshUrl();
    await migrate(url);
    const [name, earlier] = Object.entries(REWRITTEN)[0]!;
    await query(url, `UPDATE "_prisma_migrations" SET checksum = '${earlier[0]}' WHERE migration_name = '${name}'`);
    expect(await migrate(url)).toEqual([]);
    const [row] = await query<{ checksum: string }>(
      url,
      `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = '${name}'`,
    );
    expect(row?.checksum).toBe(readMigrations().find((m) => m.name === name)!.checksum);
  });
});
