import pg from 'pg';

// Any constant: every process that may seed this database takes the same lock, so two starting together
// (the web app and the worker) seed it once.
const SEED_LOCK_KEY = 72_707_374;

export interface DatabaseContents {
  database: string;
  agencies: number;
  identities: number;
}

/** What the database holds that a seed would overwrite: agencies (every tenant row hangs off one) and sign-ins. */
export async function readContents(client: pg.ClientBase): Promise<DatabaseContents> {
  const { rows } = await client.query<{ database: string; agencies: string; identities: string }>(
    `SELECT current_database() AS database,
            (SELECT count(*) FROM agency) AS agencies,
            (SELECT count(*) FROM identity) AS identities`,
  );
  const row = rows[0]!;
  return { database: row.database, agencies: Number(row.agencies), identities: Number(row.identities) };
}

export function isEmpty(contents: DatabaseContents): boolean {
  return contents.agencies === 0 && contents.identities === 0;
}

/** Runs `work` on a connection that holds the seed lock for the whole time. */
export async function withSeedLock<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    return await work(client);
  } finally {
    await client.end();
  }
}
