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

/**
 * CPU time of the PostgreSQL backends serving this bench's database, read from /proc (the server runs on this
 * machine): what the database spends for the work measured, which the bench process's own CPU leaves out.
 * Other databases' work (tests beside the bench) is not counted. Null when /proc cannot tell (a remote server).
 */
export async function backendCpu(ownerUrl: string): Promise<{ since: () => Promise<number | null> }> {
  const { readFile } = await import('node:fs/promises');
  const ticks = async (): Promise<Map<number, number> | null> => {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      const map = new Map<number, number>();
      for (const { pid } of rows) {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
        if (stat === null) continue;
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        map.set(pid, Number(fields[11]) + Number(fields[12]));
      }
      return map;
    } catch {
      return null;
    } finally {
      await client.end();
    }
  };
  const start = await ticks();
  return {
    async since() {
      const end = await ticks();
      if (!start || !end || end.size === 0) return null;
      let total = 0;
      for (const [pid, t] of end) total += t - (start.get(pid) ?? 0);
      return total / 100; // USER_HZ is 100 on Linux
    },
  };
}
