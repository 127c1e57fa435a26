// After the end-to-end run: reads what its web server and worker logged (tests/e2e/serve.sh keeps it) and fails if a
// debtor's name, address, e-mail or phone of the run's own database appears in it, or if the logs do not show the
// ids they must carry (a run that logged nothing proves nothing).
//   npx tsx tests/logs/scan-logs.ts [port]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { findPersonalData, personalTerms, requiredIds } from './personal-terms';

const port = process.argv[2] ?? process.env.E2E_PORT ?? '3100';
const dir = path.join(process.env.E2E_LOG_DIR ?? '.e2e-logs', port);
const database = `recouvra_e2e${port === '3100' ? '' : `_${port}`}`;

async function main(): Promise<void> {
  if (!existsSync(dir)) throw new Error(`no logs in ${dir}: run the e2e tests first (E2E_PORT=${port})`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
  const text = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');

  const client = new pg.Client(`postgresql://postgres@127.0.0.1:5432/${database}`);
  await client.connect();
  const terms = await personalTerms(client).finally(() => client.end());

  const leaks = findPersonalData(text, terms);
  const missing = requiredIds(text);
  console.log(
    `${files.join(', ')}: ${text.split('\n').length} lines, ${terms.length} personal values looked for, ` +
      `${leaks.length} found; ids missing: ${missing.length ? missing.join(', ') : 'none'}`,
  );
  for (const leak of leaks.slice(0, 20)) console.log(`  ${leak.kind} found: …${leak.excerpt}…`);
  if (leaks.length || missing.length) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
