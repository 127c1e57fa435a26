// npm run bench -- statement [--entries 100000] [--keep]
// A camt.053.001.08 of 100,000 entries for one agency's creditors'-funds account: 70 % name an open file by its
// checked RF reference (a sure match, recorded through the payments use-case: allocation, receipt, commission,
// ledger), 30 % nobody's (posted to the unmatched receipts). Measured on the same file, one after the other:
// - the floor: a bare streaming XML parse (saxes, the parser the reader is built on) counting the entries;
// - the application's reader alone (lib/bank/read-statement.ts: every entry parsed and checked);
// - the whole import, as `npm run statement` runs it (lib/reconciliation/import-statement.ts).
// Targets (issue 15): the whole import < 20 s, the reader within 3× the floor, peak memory < 300 MB.
import { createReadStream } from 'node:fs';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SaxesParser } from 'saxes';
import { rfReference } from '../../lib/bank/creditor-reference';
import { camt053Entry, camt053Head, camt053Tail } from '../fixtures/bank/statements';
import { peakRss, scratchDatabase } from './scratch-db';

const TENANT = '00000000-0000-4000-8000-00000000be4d';
const FUNDS_IBAN = 'FR7630006000011234567890189';
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const fileReference = (i: number) => `S${String(i).padStart(7, '0')}`;

function seed(files: number): string {
  return `CREATE FUNCTION pg_temp.uid(text) RETURNS uuid LANGUAGE sql IMMUTABLE
            AS $$ SELECT overlay(overlay(md5($1) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$;
          INSERT INTO agency (id, slug, name, legal_name, address, creditor_funds_iban, creditor_funds_bic)
            VALUES ('${TENANT}', 'bench', 'Bench Recouvrement', 'Bench Recouvrement SAS', '1 rue de la Paix, 75002 Paris',
                    '${FUNDS_IBAN}', 'BNPAFRPPXXX');
          INSERT INTO creditor (tenant_id, id, code, name, address, postcode, city)
            SELECT '${TENANT}', pg_temp.uid('cr' || n), 'CR' || n, 'Créancier ' || n, '1 rue du Commerce', '75015', 'Paris'
              FROM generate_series(1, 20) n;
          INSERT INTO mandate (tenant_id, id, creditor_id, reference, scope, starts_on)
            SELECT '${TENANT}', pg_temp.uid('md' || n), pg_temp.uid('cr' || n), 'MDT-BENCH-' || n, 'AMICABLE', '2024-01-01'
              FROM generate_series(1, 20) n;
          INSERT INTO debtor (tenant_id, id, kind, company_name, display_name)
            SELECT '${TENANT}', pg_temp.uid('d' || i), 'COMPANY', 'Société ' || i || ' SARL', 'Société ' || i || ' SARL'
              FROM generate_series(1, ${files}) i;
          INSERT INTO case_file (tenant_id, id, reference, creditor_id, debtor_id, mandate_id, phase, status,
                                 principal_cents, oldest_due_on, placed_at, nature)
            SELECT '${TENANT}', pg_temp.uid('f' || i), 'S' || lpad(i::text, 7, '0'), pg_temp.uid('cr' || (1 + i % 20)),
                   pg_temp.uid('d' || i), pg_temp.uid('md' || (1 + i % 20)), 'AMICABLE', 'IN_PROGRESS', 50000,
                   current_date - 120, now() - interval '90 days', 'B2B'
              FROM generate_series(1, ${files}) i;
          INSERT INTO claim (tenant_id, file_id, creditor_id, invoice_number, issued_on, due_on, principal_cents, nature,
                             limitation_basis, limitation_starts_on, limitation_on)
            SELECT '${TENANT}', pg_temp.uid('f' || i), pg_temp.uid('cr' || (1 + i % 20)), 'INV-' || i, current_date - 150,
                   current_date - 120, 50000, 'B2B', 'COMMERCIAL', current_date - 120, current_date + 1700
              FROM generate_series(1, ${files}) i`;
}

/** The statement, written entry by entry to a file (never whole in memory). */
async function writeStatement(path: string, entries: number, files: number): Promise<void> {
  const parts: string[] = [camt053Head(8, FUNDS_IBAN, 'STMT-BENCH')];
  for (let n = 1; n <= entries; n += 1) {
    const sure = n % 10 < 7;
    // Seven in ten entries, each to a file of its own.
    const file = 1 + ((Math.floor(n / 10) * 7 + (n % 10)) % files);
    parts.push(
      camt053Entry(
        8,
        sure
          ? {
              amount: (50 + (n % 200)).toFixed(2),
              bankRef: `BENCH-${n}`,
              name: `Société ${file} SARL`,
              rf: rfReference(fileReference(file)),
              endToEndId: `E2E-${n}`,
            }
          : {
              amount: (10 + (n % 900)).toFixed(2),
              bankRef: `BENCH-${n}`,
              name: `Inconnu ${n}`,
              ustrd: [`VIREMENT ${n}`],
              endToEndId: `E2E-${n}`,
            },
      ),
    );
    if (parts.length >= 5_000) {
      await writeFile(path, parts.join(''), { flag: 'a' });
      parts.length = 0;
    }
  }
  parts.push(camt053Tail);
  await writeFile(path, parts.join(''), { flag: 'a' });
}

/** The floor: saxes alone, streaming the file and counting the entries. */
async function bareParse(path: string): Promise<number> {
  const parser = new SaxesParser({ xmlns: false });
  let count = 0;
  parser.on('opentag', (tag) => {
    if (tag.name === 'Ntry') count += 1;
  });
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    parser.write(chunk as string);
  }
  parser.close();
  return count;
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { entries: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } },
  });
  const entries = Number(values.entries);
  // Each file is paid at most once by the statement (70 % of the entries name one).
  const files = Math.max(1, Math.ceil(entries * 0.7));
  const db = await scratchDatabase('statement');
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    console.log(`statement benchmark: camt.053.001.08, ${entries.toLocaleString('en')} entries, ${files} open files`);
    let started = performance.now();
    await owner.query(`SET session_replication_role = replica; SET synchronous_commit = off`);
    await owner.query(seed(files));
    await owner.query('SET session_replication_role = origin');
    await owner.query('ANALYZE');
    console.log(`  seed                                   ${seconds(performance.now() - started)}`);
    const path = join(await mkdtemp(join(tmpdir(), 'statement-bench-')), 'releve.xml');
    started = performance.now();
    await writeStatement(path, entries, files);
    console.log(
      `  statement file                         ${megabytes((await stat(path)).size)}, written in ${seconds(performance.now() - started)}`,
    );

    // Imported after the scratch database is chosen: the app's modules read the URL when first loaded.
    const { readStatement } = await import('../../lib/bank/read-statement');
    const { importStatement } = await import('../../lib/reconciliation/import-statement');
    const { automaticActor } = await import('../../lib/tenancy/actor');

    started = performance.now();
    const counted = await bareParse(path);
    const floor = performance.now() - started;

    started = performance.now();
    const source = await readStatement(path);
    let read = 0;
    try {
      for await (const batch of source.entries()) read += batch.length;
    } finally {
      source.close();
    }
    const parse = performance.now() - started;
    if (read !== counted) throw new Error(`the reader gave ${read} entries, the file holds ${counted}`);

    const memory = peakRss();
    started = performance.now();
    const result = await importStatement({
      actor: automaticActor(TENANT, 'bench'),
      path,
      fileName: 'releve.xml',
      source: 'CLI',
    });
    const whole = performance.now() - started;
    const peak = memory.stop();
    const { statementId: _, ...counts } = result;
    console.log(`  import result                          ${JSON.stringify(counts)}`);
    console.log(`  floor (saxes alone, counting entries)  ${seconds(floor)}`);
    console.log(
      `  reader alone                           ${seconds(parse)}  (${(parse / floor).toFixed(2)}× the floor; target ≤ 3×)`,
    );
    console.log(`  parse + match + record                 ${seconds(whole)}  (target < 20 s)`);
    console.log(`  peak memory (RSS) during the import    ${megabytes(peak)}  (target < 300 MB)`);
  } finally {
    await owner.end();
    if (!values.keep) await db.drop();
  }
}
