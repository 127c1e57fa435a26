import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreDrill } from '../../lib/backup/restore-drill';
import type { BackupManifest } from '../../lib/backup/snapshot-counts';
import { takeBackup } from '../../lib/backup/take-backup';
import { dayIn } from '../../lib/dates/days';
import { seedAgency } from '../../lib/demo/seed-agency';
import { recordPaymentIn } from '../../lib/payments/record-payment';
import { actorFor } from './support/actors';
import { ownerClient, ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
let dir: string;
let file: string;
const adminUrl = () => process.env.MIGRATION_DATABASE_URL!;
const drill = (dump: string, scratch: string) =>
  restoreDrill({
    file: dump,
    adminUrl: adminUrl(),
    appUrl: process.env.DATABASE_URL!,
    importUrl: process.env.IMPORT_DATABASE_URL!,
    scratch,
    // The app's start on a restored database is drilled by `npm run restore-drill` against the production build
    // (docs/backups.md); here the checks of the data.
    startApp: null,
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'recouvra-backup-'));
  file = path.join(dir, 'it.dump');
  // Files, payments and so journal entries, as the demo plays them.
  const { tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('backup'),
    name: 'Backup',
    seed: 53,
    files: 8,
    password: 'x-password-1',
  });
  // A payment posts its journal entries: the drill has a ledger to balance.
  const open = await owner.caseFile.findFirstOrThrow({
    where: { tenantId, status: 'IN_PROGRESS', principalCents: { gt: 20_000n } },
  });
  await recordPaymentIn({
    actor: await actorFor(owner, tenantId, 'MANAGER'),
    fileId: open.id,
    amount: '100',
    method: 'TRANSFER',
    receivedOn: dayIn('Europe/Paris'),
    expectedVersion: open.version,
  });
});
afterAll(() => owner.$disconnect());

describe('backup and restore drill', () => {
  it('restores every row the backup counted, with a balanced ledger, into a scratch database it then drops', async () => {
    const manifest = await takeBackup(adminUrl(), file);
    expect(manifest.rows.debtor).toBeGreaterThan(0);
    expect(manifest.ledger!.entries).toBeGreaterThan(0);

    const scratch = `recouvra_drill_it_${Date.now()}`;
    const report = await drill(file, scratch);
    console.log(
      `restore drill: ${report.tables} tables, ${report.rows} rows, ledger: ${report.ledger?.detail ?? 'none'}`,
    );
    expect(report).toMatchObject({ mismatches: [], ledger: { ok: true }, app: null, ok: true });
    expect(report.tables).toBe(Object.keys(manifest.rows).length);

    const client = await ownerClient();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [scratch]);
      expect(rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('fails, naming the table, when the restored rows differ from what the backup counted', async () => {
    const manifest = JSON.parse(await readFile(`${file}.json`, 'utf8')) as BackupManifest;
    const tampered = path.join(dir, 'tampered.dump');
    await writeFile(tampered, await readFile(file));
    await writeFile(
      `${tampered}.json`,
      JSON.stringify({ ...manifest, rows: { ...manifest.rows, debtor: manifest.rows.debtor! + 1 } }),
    );
    const report = await drill(tampered, `recouvra_drill_it_bad_${Date.now()}`);
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([
      { table: 'debtor', backup: manifest.rows.debtor! + 1, restored: manifest.rows.debtor },
    ]);
  });
});
