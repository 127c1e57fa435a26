import pg from 'pg';

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
