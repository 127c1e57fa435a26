import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { scratchDatabase } from './scratch-db';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

/** A receivable list as creditors send it: French formats, ';', about 0.6 debtor per invoice. */
async function writeList(file: string, rows: number, batch = ''): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    'N° facture;Raison sociale;SIREN;Nom;Prénom;Adresse;Code postal;Ville;E-mail;Date facture;Échéance;Montant TTC\n',
  );
  const debtors = Math.round(rows * 0.6);
  for (let i = 0; i < rows; i++) {
    const d = i % debtors;
    const postcode = String(1000 + (d % 94000)).padStart(5, '0');
    const line = `BENCH${batch}-${i};;;Nom${batch}${d};Prénom${d % 97};${d} rue de la République;${postcode};Ville ${d % 500};;01/02/2026;03/03/2026;${1 + (i % 5000)},${String(i % 100).padStart(2, '0')}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * The physical floor: the same bytes into a scratch table with COPY, nothing parsed or checked. The best of three
 * runs: a single one here ranged from 0.10 to 0.24 s, which made the ratio to it swing more than the import did.
 */
async function copyFloor(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'CREATE TEMP TABLE floor (a text, b text, c text, d text, e text, f text, g text, h text, i text, j text, k text, l text)',
  );
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    await client.query('TRUNCATE floor');
    const started = performance.now();
    await pipeline(
      createReadStream(file),
      client.query(copyFrom(`COPY floor FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)`)),
    );
    best = Math.min(best, performance.now() - started);
  }
  await client.end();
  return best;
}

/** Every table the import writes: the storage floor stores what the import stored, with nothing left to compute. */
const WRITTEN_TABLES = ['debtor', 'contact_point', 'case_file', 'claim', 'report_dirty_file', 'activity'];

/**
 * The storage floor: the rows the import wrote (and the seed's few), inserted again into empty copies of its
 * tables (same indexes and checks, no foreign keys or triggers) in one transaction. Nothing is parsed, matched or
 * computed, so this is the least any import of this file into this schema can cost on this machine; the COPY
 * floor above stores one table.
 */
async function storageFloor(url: string): Promise<{ ms: number; rows: number; tables: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  const tables: string[] = [];
  for (const table of WRITTEN_TABLES) {
    await client.query(`CREATE TEMP TABLE "snap_${table}" AS SELECT * FROM "${table}"`);
    await client.query(`CREATE TABLE "floor_${table}" (LIKE "${table}" INCLUDING ALL)`);
  }
  const started = performance.now();
  await client.query('BEGIN');
  for (const table of WRITTEN_TABLES) {
    const tableStarted = performance.now();
    rows += (await client.query(`INSERT INTO "floor_${table}" SELECT * FROM "snap_${table}"`)).rowCount ?? 0;
    tables.push(`${table} ${((performance.now() - tableStarted) / 1000).toFixed(2)}`);
  }
  await client.query('COMMIT');
  const ms = performance.now() - started;
  for (const table of WRITTEN_TABLES) await client.query(`DROP TABLE "floor_${table}"`);
  await client.end();
  return { ms, rows, tables: tables.join(', ') };
}

/**
 * Peak resident memory (VmHWM) and CPU time of processes, read from /proc while they run: the importing process
 * and its parent (tsx runs the script in a child node process), and the database backends serving the import.
 * CPU time tells what the import cost when other work shares the machine and stretches the wall-clock time.
 */
function watchProcesses(rootPid: number, databaseUrl: string) {
  const peaks = new Map<number, number>();
  const cpu = new Map<number, { ticks: number; database: boolean }>();
  const tree = (pid: number): number[] => {
    const children = readdirSafe(`/proc/${pid}/task`).flatMap((task) =>
      readSafe(`/proc/${pid}/task/${task}/children`).split(' ').filter(Boolean).map(Number),
    );
    return [pid, ...children.flatMap(tree)];
  };
  const ticks = (pid: number) => {
    const fields = readSafe(`/proc/${pid}/stat`).split(') ')[1]?.split(' ');
    return fields ? Number(fields[11]) + Number(fields[12]) : null; // utime + stime
  };
  const sample = (pid: number, database: boolean) => {
    const used = ticks(pid);
    if (used !== null) cpu.set(pid, { ticks: used, database });
  };
  const poll = () => {
    for (const pid of tree(rootPid)) {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readSafe(`/proc/${pid}/status`))?.[1];
      if (kb) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(kb) * 1024));
      sample(pid, false);
    }
  };
  const timer = setInterval(poll, 10);
  const monitor = new pg.Client({ connectionString: databaseUrl });
  const backends = monitor.connect().then(() =>
    setInterval(() => {
      monitor
        .query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )
        .then(({ rows }) => rows.forEach((r) => sample(r.pid, true)))
        .catch(() => {});
    }, 50),
  );
  return {
    async stop() {
      clearInterval(timer);
      clearInterval(await backends);
      await monitor.end();
      const seconds = (database: boolean) =>
        [...cpu.values()].filter((c) => c.database === database).reduce((sum, c) => sum + c.ticks, 0) / CLOCK_TICKS;
      // The importing process is the one that used the most memory.
      return { peak: Math.max(...peaks.values()), nodeCpu: seconds(false), databaseCpu: seconds(true) };
    },
  };
}

const CLOCK_TICKS = 100; // USER_HZ, as /proc counts CPU time

function readSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended between two reads
  }
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * `npm run import` exactly as an operator runs it, in its own process: its figures are the import's, not the
 * bench's (which holds the seed code and the generator). The command prints its own time on stderr.
 */
async function importCommand(args: string[], maxBytes: number, databaseUrl: string) {
  const started = performance.now();
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['lib/cli/import.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // A million rows make a file over the default 50 MB upload limit, which operators can raise the same way.
    env: { ...process.env, IMPORT_MAX_BYTES: String(maxBytes) },
  });
  const watch = watchProcesses(child.pid!, databaseUrl);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    if (process.env.DEBUG_IMPORT) process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  const wallMs = performance.now() - started;
  const usage = await watch.stop();
  if (code !== 0) throw new Error(`npm run import exited with ${code}:\n${stderr}\n${stdout}`);
  const importMs = Number(/done in ([\d.]+) s/.exec(stderr)?.[1]) * 1000;
  const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  return { importMs, wallMs, summary, ...usage };
}

export async function run(args: string[]) {
  const { values } = parseArgs({ args, options: { rows: { type: 'string', default: '100000' } } });
  const rows = Number(values.rows);
  const db = await scratchDatabase('import');
  const dir = await mkdtemp(path.join(tmpdir(), 'recouvra-bench-'));
  try {
    // Imported after the scratch database is chosen: the app's modules read the URL when first loaded.
    const { createDb } = await import('../../lib/db/client');
    const { seedAgency } = await import('../../lib/demo/seed-agency');
    const owner = createDb(db.ownerUrl, 2);
    await seedAgency(owner, { slug: 'bench', name: 'Bench', seed: 1, files: 3, password: 'bench-password' });
    const creditor = await owner.creditor.findFirstOrThrow({ select: { code: true }, orderBy: { code: 'asc' } });
    await owner.$disconnect();

    const file = path.join(dir, 'receivables.csv');
    await writeList(file, rows);
    const { size } = await stat(file);
    console.log(`import benchmark: ${rows.toLocaleString('en')} rows, ${mb(size)} CSV`);

    const floorMs = await copyFloor(db.ownerUrl, file);
    const args = ['--agency', 'bench', '--creditor', creditor.code, '--file', file];
    const result = await importCommand(args, Math.max(size, 50 * 1024 * 1024), db.ownerUrl);
    const { importMs } = result;

    const storage = await storageFloor(db.ownerUrl);

    console.log(`  COPY floor         ${(floorMs / 1000).toFixed(2)} s   ${rate(rows, floorMs)}`);
    console.log(
      `  import (real path) ${(importMs / 1000).toFixed(2)} s   ${rate(rows, importMs)}   ${(importMs / floorMs).toFixed(1)}× the floor`,
    );
    console.log(
      `  storage floor      ${(storage.ms / 1000).toFixed(2)} s   ${(storage.ms / floorMs).toFixed(1)}× the floor: ` +
        `the ${storage.rows.toLocaleString('en')} rows the import wrote, into empty copies of its tables`,
    );
    console.log(`                     (${storage.tables} s)`);
    console.log(`  npm run import     ${(result.wallMs / 1000).toFixed(2)} s with process start`);
    console.log(
      `  CPU time           ${result.nodeCpu.toFixed(2)} s node (process start included), ${result.databaseCpu.toFixed(2)} s PostgreSQL`,
    );
    console.log(`  peak memory        ${mb(result.peak)} (peak RSS of the importing process)`);
    console.log(`  result             ${JSON.stringify(result.summary)}`);

    // Agencies import into tables that already hold earlier imports (bigger indexes, statistics gone stale).
    const next = path.join(dir, 'receivables-2.csv');
    await writeList(next, rows, 'B');
    // Its names are a letter longer: the limit follows its own size.
    const nextSize = (await stat(next)).size;
    const again = await importCommand([...args.slice(0, -1), next], Math.max(nextSize, 50 * 1024 * 1024), db.ownerUrl);
    console.log(
      `  second import      ${(again.importMs / 1000).toFixed(2)} s   ${rate(rows, again.importMs)}   new debtors, into the first one's tables`,
    );
    console.log(`  targets            < 5 s, < 10× COPY, < 300 MB peak`);
    console.log(
      `  machine load       ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (1, 5, 15 min; 2 cores)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await db.drop();
  }
}
