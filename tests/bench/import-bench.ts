import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { peakRss, scratchDatabase } from './scratch-db';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

/** A receivable list as creditors send it: French formats, ';', about 0.6 debtor per invoice. */
async function writeList(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    'N° facture;Raison sociale;SIREN;Nom;Prénom;Adresse;Code postal;Ville;E-mail;Date facture;Échéance;Montant TTC\n',
  );
  const debtors = Math.round(rows * 0.6);
  for (let i = 0; i < rows; i++) {
    const d = i % debtors;
    const postcode = String(1000 + (d % 94000)).padStart(5, '0');
    const line = `BENCH-${i};;;Nom${d};Prénom${d % 97};${d} rue de la République;${postcode};Ville ${d % 500};;01/02/2026;03/03/2026;${1 + (i % 5000)},${String(i % 100).padStart(2, '0')}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The physical floor: the same bytes into a scratch table with COPY, nothing parsed or checked. */
async function copyFloor(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'CREATE TEMP TABLE floor (a text, b text, c text, d text, e text, f text, g text, h text, i text, j text, k text, l text)',
  );
  const started = performance.now();
  await pipeline(
    createReadStream(file),
    client.query(copyFrom(`COPY floor FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)`)),
  );
  const ms = performance.now() - started;
  await client.end();
  return ms;
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
    const { importFromCommand } = await import('../../lib/imports/import-from-command');
    const owner = createDb(db.ownerUrl, 2);
    await seedAgency(owner, { slug: 'bench', name: 'Bench', seed: 1, files: 3, password: 'bench-password' });
    const creditor = await owner.creditor.findFirstOrThrow({ select: { code: true }, orderBy: { code: 'asc' } });
    await owner.$disconnect();

    const file = path.join(dir, 'receivables.csv');
    await writeList(file, rows);
    console.log(`import benchmark: ${rows.toLocaleString('en')} rows, ${mb((await stat(file)).size)} CSV`);

    const floorMs = await copyFloor(db.ownerUrl, file);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    const memory = peakRss();
    const started = performance.now();
    const result = await importFromCommand({ agency: 'bench', creditor: creditor.code, path: file });
    const importMs = performance.now() - started;
    const peak = memory.stop();

    console.log(`  COPY floor        ${(floorMs / 1000).toFixed(2)} s   ${rate(rows, floorMs)}`);
    console.log(
      `  import (real path) ${(importMs / 1000).toFixed(2)} s   ${rate(rows, importMs)}   ${(importMs / floorMs).toFixed(1)}× the floor`,
    );
    console.log(`  peak memory       ${mb(peak)} (process before import: ${mb(baseRss)})`);
    const { sample: _sample, ...counts } = (result.counts ?? {}) as Record<string, unknown>;
    console.log(`  result            ${JSON.stringify(counts)}`);
    console.log(`  targets           < 5 s, < 10× COPY, < 300 MB peak`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await db.drop();
  }
}
