import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { countRows, ledgerFigures, type BackupManifest } from './snapshot-counts';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code ?? 'a signal'}`)),
    );
  });
}

/**
 * pg_dump in the custom format, and beside it (file.json) the rows per table and the ledger's figures counted in the
 * very snapshot the dump reads (pg_export_snapshot): the drill can then demand equality, not "about the same".
 */
export async function takeBackup(databaseUrl: string, file: string): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const dumping = run('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.id}`, `--file=${file}`, databaseUrl]);
    const [counts, ledger] = await Promise.all([countRows(client), ledgerFigures(client)]);
    await dumping;
    const manifest: BackupManifest = {
      takenAt: new Date().toISOString(),
      database: new URL(databaseUrl).pathname.slice(1),
      rows: counts,
      ledger,
    };
    await writeFile(`${file}.json`, JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    await client.query('COMMIT').catch(() => undefined);
    await client.end();
  }
}
