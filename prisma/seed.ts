// npm run db:seed — writes the demo agencies into an empty database. A database that holds anything is left
// alone unless the caller names it: `npm run db:seed -- --wipe <database>` wipes it first (demo resets, e2e).
import { env } from '../lib/config/env';
import { isProduction } from '../lib/config/production';
import { createDb } from '../lib/db/client';
import { withStartLock } from '../lib/db/start-lock';
import { isEmpty, readContents } from '../lib/demo/demo-guard';
import { resetDemo } from '../lib/demo/seed-agency';
import { seedDemo } from '../lib/demo/seed-demo';

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
  const seeded = await withStartLock(env.MIGRATION_DATABASE_URL, async (client) => {
    const contents = await readContents(client);
    if (!isEmpty(contents) && wipe !== contents.database) {
      console.error(
        `Refusing to seed: database "${contents.database}" already holds ${contents.agencies} agencies and ` +
          `${contents.identities} users, which the demo would replace.\n` +
          `To wipe it and load the demo, name it: npm run db:seed -- --wipe ${contents.database}`,
      );
      return false;
    }
    if (!isEmpty(contents)) {
      const owner = createDb(env.MIGRATION_DATABASE_URL, 1);
      try {
        await resetDemo(owner);
      } finally {
        await owner.$disconnect();
      }
      console.log(`wiped ${contents.database}`);
    }
    await seedDemo();
    return true;
  });
  if (!seeded) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error('seed failed:', error);
  process.exitCode = 1;
});
