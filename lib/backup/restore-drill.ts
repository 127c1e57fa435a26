import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { countRows, ledgerFigures, type BackupManifest } from './snapshot-counts';

export interface DrillOptions {
  /** The dump (pg_dump --format=custom) with its manifest beside it (file.json), as takeBackup writes them. */
  file: string;
  /** A superuser URL on the server to restore on; its database part is replaced by the scratch database. */
  adminUrl: string;
  /** The web role's URL (its password: the app's start sets the role's password from it). */
  appUrl: string;
  importUrl: string;
  scratch: string;
  /** Starts the production build (dist/entry.mjs web) on the restored database and asks /api/health. */
  startApp: { port: number; redisUrl: string } | null;
  keep?: boolean;
  log?: (line: string) => void;
}

export interface DrillReport {
  tables: number;
  rows: number;
  mismatches: { table: string; backup: number | null; restored: number | null }[];
  ledger: { ok: boolean; detail: string } | null;
  app: { ok: boolean; detail: string } | null;
  ok: boolean;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function exec(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(-2000)}`)),
    );
  });
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function appAnswers(options: DrillOptions): Promise<{ ok: boolean; detail: string }> {
  const { port, redisUrl } = options.startApp!;
  const env = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    DATABASE_URL: withDatabase(options.appUrl, options.scratch),
    IMPORT_DATABASE_URL: withDatabase(options.importUrl, options.scratch),
    MIGRATION_DATABASE_URL: withDatabase(options.adminUrl, options.scratch),
    REDIS_URL: redisUrl,
    RECOUVRA_DEMO: '0',
    RECOUVRA_ENV_LOADED: '1',
  };
  const child: ChildProcess = spawn(process.execPath, ['dist/entry.mjs', 'web'], { env, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    for (let attempt = 0; attempt < 240; attempt++) {
      const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('waiting'), 500))]);
      if (early !== 'waiting') return { ok: false, detail: `the web server exited with ${String(early)}` };
      const health = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then(async (r) => (await r.json()) as { ok?: boolean; database?: boolean })
        .catch(() => null);
      if (health?.database) {
        const signin = await fetch(`http://127.0.0.1:${port}/signin`);
        return {
          ok: health.ok === true && signin.status === 200,
          detail: `/api/health ${JSON.stringify(health)}, /signin ${signin.status}`,
        };
      }
    }
    return { ok: false, detail: 'no answer from /api/health within 120 s' };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Restores a backup into a scratch database and proves it usable: every table with exactly the rows the backup
 * counted, a ledger that balances and matches its figures, and the app starting on it. Drops the scratch database
 * afterwards unless asked to keep it.
 */
export async function restoreDrill(options: DrillOptions): Promise<DrillReport> {
  const log = options.log ?? (() => undefined);
  const manifest = JSON.parse(await readFile(`${options.file}.json`, 'utf8')) as BackupManifest;
  const quoted = `"${options.scratch.replace(/"/g, '""')}"`;
  await admin(options.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoted}`);
  });
  try {
    log(`restoring ${options.file} into ${options.scratch}`);
    await exec('pg_restore', [
      '--exit-on-error',
      `--dbname=${withDatabase(options.adminUrl, options.scratch)}`,
      options.file,
    ]);

    const client = new pg.Client({ connectionString: withDatabase(options.adminUrl, options.scratch) });
    await client.connect();
    let restored: Record<string, number>;
    let ledger: Awaited<ReturnType<typeof ledgerFigures>>;
    try {
      restored = await countRows(client);
      ledger = await ledgerFigures(client);
    } finally {
      await client.end();
    }
    const tables = [...new Set([...Object.keys(manifest.rows), ...Object.keys(restored)])].sort();
    const mismatches = tables
      .filter((t) => manifest.rows[t] !== restored[t])
      .map((t) => ({ table: t, backup: manifest.rows[t] ?? null, restored: restored[t] ?? null }));

    let ledgerCheck: DrillReport['ledger'] = null;
    if (manifest.ledger || ledger) {
      const same = JSON.stringify(ledger) === JSON.stringify(manifest.ledger);
      const balanced =
        ledger !== null && ledger.sumCents === '0' && ledger.unbalancedEntries === 0 && ledger.driftingBalances === 0;
      ledgerCheck = {
        ok: same && balanced,
        detail:
          `${ledger?.entries ?? 0} entries, ${ledger?.lines ?? 0} lines, sum ${ledger?.sumCents ?? '-'} cents, ` +
          `${ledger?.unbalancedEntries ?? '-'} unbalanced entries, ${ledger?.driftingBalances ?? '-'} drifting balances` +
          (same ? '' : ' (differs from the backup)'),
      };
    }
    const app = options.startApp ? await appAnswers(options) : null;
    const rows = Object.values(restored).reduce((a, b) => a + b, 0);
    return {
      tables: tables.length,
      rows,
      mismatches,
      ledger: ledgerCheck,
      app,
      ok: mismatches.length === 0 && (ledgerCheck?.ok ?? true) && (app?.ok ?? true),
    };
  } finally {
    if (!options.keep) await admin(options.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`));
  }
}
