import pg from 'pg';

/**
 * Gives the application role the password its connection URL carries. Migrations create the role without one
 * (a password in a migration would be the same on every install); every start sets it from the deployment's own
 * DATABASE_URL, so the secret lives only in the environment.
 */
export async function syncAppRolePassword(ownerUrl: string, appUrl: string): Promise<boolean> {
  const app = new URL(appUrl);
  const role = decodeURIComponent(app.username);
  const password = decodeURIComponent(app.password);
  if (!role || !password || role === decodeURIComponent(new URL(ownerUrl).username)) return false;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!rowCount) throw new Error(`DATABASE_URL names the role "${role}", which the migrations did not create`);
    await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} PASSWORD ${client.escapeLiteral(password)}`);
    return true;
  } finally {
    await client.end();
  }
}
