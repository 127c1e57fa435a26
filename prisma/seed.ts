// npm run db:seed — writes the demo agencies into an empty database. A database that holds anything is left
// alone unless the caller names it: `npm run db:seed -- --wipe <database>` wipes it first (demo resets, e2e).
import { env } from '../lib/config/env';
import { isProduction } from '../lib/config/production';
import { withStartLock } from '../lib/db/start-lock';
import { seedDemoInto } from '../lib/demo/seed-into';

function wipeTarget(args: string[]): string | null {
  const at = args.indexOf('--wipe');
  if (at === -1) return null;
  const name = args[at + 1];
  if (!name || name.startsWith('--')) throw new Error('--wipe needs the name of the database to wipe');
  return name;
}

async function main(): Promise<void> {
  if (isProduction()) throw new Error('the demo seed never runs in production (RECOUVRA_ENV=production)');
  const wipe = wipeTarget(process.argv.slice(2));
  const { seeded, contents } = await withStartLock(env.MIGRATION_DATABASE_URL, (client) =>
    seedDemoInto(client, { wipe }),
  );
  if (!seeded) {
    console.error(
      `Refusing to seed: database "${contents.database}" already holds ${contents.agencies} agencies and ` +
        `${contents.identities} users, which the demo would replace.\n` +
        `To wipe it and load the demo, name it: npm run db:seed -- --wipe ${contents.database}`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('seed failed:', error);
  process.exitCode = 1;
});
