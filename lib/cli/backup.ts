// pg_dump of the database with its manifest (rows per table, ledger figures) counted in the dump's own snapshot.
//   npm run backup -- /backups/recouvra-$(date +%F).dump
// docs/backups.md gives the schedule; the restore drill (npm run restore-drill) proves each dump restorable.
import { env } from '../config/env';
import { takeBackup } from '../backup/take-backup';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- <file.dump>');
  process.exit(2);
}
const manifest = await takeBackup(env.MIGRATION_DATABASE_URL, file);
const rows = Object.values(manifest.rows).reduce((a, b) => a + b, 0);
console.log(
  `backup: ${file} (${Object.keys(manifest.rows).length} tables, ${rows} rows` +
    (manifest.ledger
      ? `, ledger ${manifest.ledger.entries} entries summing to ${manifest.ledger.sumCents} cents)`
      : ')'),
);
