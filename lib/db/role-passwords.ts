import pg from 'pg';

/**
 * Gives the application's roles (the web role of DATABASE_URL, the import's of IMPORT_DATABASE_URL) the passwords
 * their URLs carry. Migrations create the roles without one (a password in a migration would be the same on every
 * install); every start sets them from the deployment's own environment, so the secrets live only there.
 */
export async function syncRolePasswords(ownerUrl: string, roleUrls: string[]): Promise<string[]> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const set: string[] = [];
  try {
    for (const url of roleUrls.map((u) => new URL(u))) {
      const role = decodeURIComponent(url.username);
      if (!url.password || role === decodeURIComponent(new URL(ownerUrl).username)) continue;
      const { rowCount } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (!rowCount)
        throw new Error(`${url.host}: no role "${role}"; the migrations create recouvra_app and recouvra_import`);
      await owner.query(
        `ALTER ROLE ${owner.escapeIdentifier(role)} PASSWORD ${owner.escapeLiteral(decodeURIComponent(url.password))}`,
      );
      set.push(role);
    }
    return set;
  } finally {
    await owner.end();
  }
}
