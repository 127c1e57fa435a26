import type pg from 'pg';
import { env } from '../config/env';
import { createDb } from '../db/client';
import { isEmpty, readContents, type DatabaseContents } from './demo-guard';

export interface SeedInto {
  /** Wipe the database first, only if it bears this name (`npm run db:seed -- --wipe <database>`). */
  wipe?: string | null;
  log?: (line: string) => void;
}

/**
 * Under the start lock (the caller holds it on `client`): read what the database holds; seed the demo into an
 * empty one; wipe a non-empty one first only when the caller named it. Anything else is left alone and the
 * contents are returned, for the caller to say why. Used by `npm run db:seed` (prisma/seed.ts) and by every
 * start in demo mode (lib/cli/prepare.ts).
 */
export async function seedDemoInto(
  client: pg.ClientBase,
  { wipe = null, log = console.log }: SeedInto = {},
): Promise<{ seeded: boolean; contents: DatabaseContents }> {
  const contents = await readContents(client);
  if (!isEmpty(contents)) {
    if (wipe !== contents.database) return { seeded: false, contents };
    const owner = createDb(env.MIGRATION_DATABASE_URL, 1);
    try {
      const { resetDemo } = await import('./seed-agency');
      await resetDemo(owner);
    } finally {
      await owner.$disconnect();
    }
    log(`wiped ${contents.database}`);
  } else {
    log(`demo: ${contents.database} is empty; seeding the demo agencies`);
  }
  // Loaded here: the demo data set is large, and most starts never seed.
  const { seedDemo } = await import('./seed-demo');
  await seedDemo();
  return { seeded: true, contents };
}
