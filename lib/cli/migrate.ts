import { env } from '../config/env';
import { migrate } from '../db/migrate';

const applied = await migrate(env.MIGRATION_DATABASE_URL, (line) => console.log(line));
console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
