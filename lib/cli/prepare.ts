import { env, importDatabaseUrl } from '../config/env';
import { assertProductionReady, isProduction } from '../config/production';
import { syncRolePasswords } from '../db/role-passwords';
import { ensureDatabase, migrate } from '../db/migrate';
import { withStartLock } from '../db/start-lock';
import { seedDemoInto } from '../demo/seed-into';

export type Log = (line: string) => void;

/**
 * What every start does before serving, whoever starts (npm start, docker compose, the production image): refuse
 * an unsafe production configuration, migrate, and seed the demo only into an empty database when demo mode is
 * asked for. Never wipes anything; safe to run on every start and from two processes at once.
 */
export async function prepare(log: Log = console.log): Promise<void> {
  assertProductionReady();
  await ensureDatabase(env.MIGRATION_DATABASE_URL);
  await withStartLock(env.MIGRATION_DATABASE_URL, async (client) => {
    const applied = await migrate(env.MIGRATION_DATABASE_URL, log);
    log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
    // Two ALTER ROLE of one role at once fail ("tuple concurrently updated"): hence under the lock.
    await syncRolePasswords(env.MIGRATION_DATABASE_URL, [env.DATABASE_URL, importDatabaseUrl()]);
    if (process.env.RECOUVRA_DEMO !== '1' || isProduction()) return;
    const { seeded, contents } = await seedDemoInto(client, { log });
    if (!seeded) log(`demo: ${contents.database} already holds data (${contents.agencies} agencies); not seeding`);
  });
}
