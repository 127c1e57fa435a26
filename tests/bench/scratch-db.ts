import pg from 'pg';
import { migrate } from '../../lib/db/migrate';

const HOST = process.env.BENCH_PG_HOST ?? '127.0.0.1:5432';

/** A freshly migrated database of the bench's own, so figures don't depend on what the dev database holds. */
export async function scratchDatabase(label: string) {
  const name = `recouvra_bench_${label}_${process.pid}`;
  const ownerUrl = `postgresql://postgres@${HOST}/${name}`;
  await migrate(ownerUrl);
  process.env.RECOUVRA_ENV_LOADED = '1'; // a developer's .env must not point the bench elsewhere
  process.env.MIGRATION_DATABASE_URL = ownerUrl;
  process.env.DATABASE_URL = `postgresql://recouvra_app:recouvra_app@${HOST}/${name}`;
  process.env.IMPORT_DATABASE_URL = `postgresql://recouvra_import@${HOST}/${name}`;
  return {
    ownerUrl,
    async drop() {
      // The app's pool would otherwise see its connections killed by the drop and log each one.
      await (await import('../../lib/db/raw')).closeRawPool();
      const admin = new pg.Client({ connectionString: `postgresql://postgres@${HOST}/postgres` });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}
