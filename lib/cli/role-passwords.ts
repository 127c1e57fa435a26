import pg from 'pg';
import { env, importDatabaseUrl } from '../config/env';

// `npm run setup`: gives the application's roles the passwords written in .env. Migrations create the roles
// without one (a password in a migration would be the same on every install).
const owner = new pg.Client({ connectionString: env.MIGRATION_DATABASE_URL });
await owner.connect();
try {
  for (const url of [env.DATABASE_URL, importDatabaseUrl()].map((u) => new URL(u))) {
    if (!url.password) continue;
    const role = decodeURIComponent(url.username);
    await owner.query(
      `ALTER ROLE ${owner.escapeIdentifier(role)} PASSWORD ${owner.escapeLiteral(decodeURIComponent(url.password))}`,
    );
    console.log(`password set for ${role}`);
  }
} finally {
  await owner.end();
}
