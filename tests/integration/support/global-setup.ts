import pg from 'pg';
import { migrate } from '../../../lib/db/migrate';
import { addTestRates } from './test-rates';

const HOST = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';

/** Creates and migrates a database of its own for this run, and drops it afterwards. */
export default async function setup() {
  const name = `recouvra_it_${process.pid}_${Date.now().toString(36)}`;
  const ownerUrl = `postgresql://postgres@${HOST}/${name}`;
  await migrate(ownerUrl);
  await addTestRates(ownerUrl);
  // Test processes are forked after this runs, so they inherit these.
  process.env.MIGRATION_DATABASE_URL = ownerUrl;
  process.env.DATABASE_URL = `postgresql://recouvra_app:recouvra_app@${HOST}/${name}`;
  process.env.IMPORT_DATABASE_URL = `postgresql://recouvra_import@${HOST}/${name}`;
  process.env.QUEUE_PREFIX = `recouvra-it-${process.pid}`;

  return async () => {
    const admin = new pg.Client({ connectionString: `postgresql://postgres@${HOST}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}
