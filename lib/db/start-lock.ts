import pg from 'pg';

// Any constant: every process preparing this database (web, worker, the seed) takes the same lock, so two starting
// together migrate, set the roles' passwords and seed one after the other, never side by side.
const START_LOCK_KEY = 72_707_374;

/** Runs `work` while holding the start lock on `url`'s database, on a connection of its own. */
export async function withStartLock<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [START_LOCK_KEY]);
    return await work(client);
  } finally {
    await client.end();
  }
}
