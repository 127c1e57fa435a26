// Restores a backup into a scratch database on the same server, checks it and starts the app on it, then drops it.
//   npm run restore-drill -- /backups/recouvra-2026-12-08.dump [--no-app] [--keep] [--port 3390]
// Exits 1 when any check fails; prints one line per check.
import { env, importDatabaseUrl } from '../config/env';
import { restoreDrill } from '../backup/restore-drill';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) {
  console.error('usage: npm run restore-drill -- <file.dump> [--no-app] [--keep] [--port N]');
  process.exit(2);
}
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? Number(args[portAt + 1]) : 3399;
const scratch = `recouvra_drill_${Date.now()}`;
const started = performance.now();
const report = await restoreDrill({
  file,
  adminUrl: env.MIGRATION_DATABASE_URL,
  appUrl: env.DATABASE_URL,
  importUrl: importDatabaseUrl(),
  scratch,
  startApp: args.includes('--no-app') ? null : { port, redisUrl: env.REDIS_URL },
  keep: args.includes('--keep'),
  log: (line) => console.log(`drill: ${line}`),
});
console.log(`drill: ${report.tables} tables, ${report.rows} rows restored into ${scratch}`);
console.log(
  report.mismatches.length
    ? `drill: FAILED row counts: ${report.mismatches.map((m) => `${m.table} ${m.backup}→${m.restored}`).join(', ')}`
    : 'drill: row counts equal to the backup for every table',
);
if (report.ledger) console.log(`drill: ledger ${report.ledger.ok ? 'balanced' : 'FAILED'}: ${report.ledger.detail}`);
if (report.app) console.log(`drill: app ${report.app.ok ? 'started' : 'FAILED'}: ${report.app.detail}`);
console.log(`drill: ${report.ok ? 'OK' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(report.ok ? 0 : 1);
