import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/client';
import type { PrismaClient } from '../../lib/db/generated/client';
import { seedAgency } from '../../lib/demo/seed-agency';

const run = promisify(execFile);
const HOST = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';
// A database of its own: the entry and the seed are run on it as separate processes, as a user would.
const NAME = `recouvra_it_entry_${process.pid}_${Date.now().toString(36)}`;
const ownerUrl = `postgresql://postgres@${HOST}/${NAME}`;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a project command against the test database, with nothing from a developer's .env. */
async function command(args: string[], extra: Record<string, string> = {}): Promise<Outcome> {
  const env = {
    NODE_ENV: 'test' as const,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RECOUVRA_ENV_LOADED: '1',
    DATABASE_URL: `postgresql://recouvra_app:recouvra_app@${HOST}/${NAME}`,
    MIGRATION_DATABASE_URL: ownerUrl,
    QUEUE_PREFIX: `recouvra-it-entry-${process.pid}`,
    ...extra,
  };
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', ...args], { env, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Every table's row count and a digest of its rows, so any insert, update or delete shows. */
async function snapshot(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`,
      );
      out[name] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

let owner: PrismaClient;

beforeAll(async () => {
  const first = await command(['lib/cli/entry.ts', 'prepare'], { RECOUVRA_DEMO: '0' });
  expect(first.code, first.stderr).toBe(0);
  owner = createDb(ownerUrl, 2);
  // What an agency would have entered: its own agency, creditor, mandate, files and claims, plus a payment and a
  // letter written by hand.
  const { tenantId } = await seedAgency(owner, { slug: 'mine', name: 'Mon cabinet', seed: 7, files: 3, password: 'p' });
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId } });
  await owner.payment.create({
    data: {
      tenantId,
      fileId: file.id,
      creditorId: file.creditorId,
      amountCents: 12_345n,
      method: 'TRANSFER',
      receivedOn: new Date('2026-11-30'),
    },
  });
  await owner.document.create({
    data: { tenantId, fileId: file.id, kind: 'REMINDER_LETTER', storageKey: 'x/letter/y', reference: 'L-MINE-1' },
  });
}, 300_000);

afterAll(async () => {
  await owner?.$disconnect();
  const admin = new pg.Client({ connectionString: `postgresql://postgres@${HOST}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
  await admin.end();
});

describe('the start entry on a database that holds an agency’s data', () => {
  it('changes nothing when started twice in demo mode', async () => {
    const before = await snapshot();
    expect(before.payment).toMatch(/^1:/);
    expect(before.document).toMatch(/^1:/);
    for (let i = 0; i < 2; i++) {
      const started = await command(['lib/cli/entry.ts', 'prepare'], { RECOUVRA_DEMO: '1' });
      expect(started.code, started.stderr).toBe(0);
      expect(started.stdout).toContain('already holds data');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('starts the web app and the worker side by side: both prepare, neither fails', async () => {
    const before = await snapshot();
    // Each sets the roles' passwords: two ALTER ROLE of one role at once would fail without the start lock.
    const both = await Promise.all(
      [1, 2, 3].map(() => command(['lib/cli/entry.ts', 'prepare'], { RECOUVRA_DEMO: '1' })),
    );
    for (const started of both) expect(started.code, started.stderr).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('the seed refuses it, names it, and changes nothing', async () => {
    const before = await snapshot();
    const refused = await command(['prisma/seed.ts']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Refusing to seed: database "${NAME}"`);
    expect(refused.stderr).toContain(`--wipe ${NAME}`);
    // A flag naming another database is no licence to wipe this one.
    const wrongName = await command(['prisma/seed.ts', '--wipe', 'recouvra']);
    expect(wrongName.code).toBe(1);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a production start', () => {
  it('refuses to start without its settings, naming each, before touching any database', async () => {
    const missing = `recouvra_it_never_${process.pid}`;
    const refused = await command(['lib/cli/entry.ts', 'prepare'], {
      RECOUVRA_ENV: 'production',
      MIGRATION_DATABASE_URL: `postgresql://postgres@${HOST}/${missing}`,
      NEXTAUTH_URL: 'http://recouvra.example',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SMTP_CAPTURE: '1',
    });
    expect(refused.code).toBe(1);
    for (const name of ['NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'REDIS_URL', 'SMTP_URL', 'SMTP_CAPTURE']) {
      expect(refused.stderr).toContain(`${name}:`);
    }
    const admin = new pg.Client({ connectionString: `postgresql://postgres@${HOST}/postgres` });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [missing]);
    await admin.end();
    expect(rowCount).toBe(0);
  });
});
