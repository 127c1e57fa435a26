// The demo data set: two agencies with creditors, users, files, scenario history, payments and reports.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { PrismaClient } from '../db/generated/client';
import { env } from '../config/env';
import { createDb, db } from '../db/client';
import { BORDEAUX_CREDITORS, LYON_CREDITORS } from './french-data';
import { seedClosingDecisions } from './closing-decisions';
import { seedAgency, type SeedAgencyOptions, type SeedSummary } from './seed-agency';
import { dayIn } from '../dates/days';
import { refreshTenantQueue } from '../workqueue/refresh';
import pg from 'pg';
import { seedCollections } from './collections';
import { seedScenarios } from './seed-scenarios';
import { rebuildReports } from '../reports/summaries';

export const DEMO_PASSWORD = 'Recouvra-demo-2026';
const PASSWORD = DEMO_PASSWORD;
const DAY_MS = 86_400_000;
/** One eligible file in this many gets a scenario history: it bounds the seed's time (each step draws a letter). */
const HISTORY_EVERY = 2;
// A demo intake API key for each agency's first creditor (real keys are issued with a random secret).
const DEMO_KEY_PREFIX = 'DEMOKEY1';
const DEMO_KEY_SECRET = 'demo-secret-do-not-use-in-production';

async function seedDemoApiKey(client: PrismaClient, slug: string, tenantId: string): Promise<string> {
  const creditor = await client.creditor.findFirstOrThrow({ where: { tenantId }, orderBy: { code: 'asc' } });
  await client.creditorApiKey.create({
    data: {
      tenantId,
      creditorId: creditor.id,
      prefix: DEMO_KEY_PREFIX,
      secretSha256: createHash('sha256').update(DEMO_KEY_SECRET).digest('hex'),
      label: 'Démo',
    },
  });
  return `${creditor.code}: rcv_${slug}_${DEMO_KEY_PREFIX}_${DEMO_KEY_SECRET}`;
}

const AGENCIES: SeedAgencyOptions[] = [
  {
    slug: 'alpha',
    name: 'Alpha Recouvrement',
    legalName: 'Alpha Recouvrement SAS',
    address: '24 rue de la République, 69002 Lyon',
    creditors: LYON_CREDITORS,
    seed: 1001,
    files: 320,
    password: PASSWORD,
    workload: true,
    // The demo's people sign in with the printed password alone; a real agency cannot turn this off (decision 0019).
    staffSecondFactor: false,
  },
  {
    slug: 'beta',
    name: 'Cabinet Beta Contentieux',
    legalName: 'Cabinet Beta Contentieux SARL',
    address: "18 cours de l'Intendance, 33000 Bordeaux",
    creditors: BORDEAUX_CREDITORS,
    seed: 2002,
    files: 310,
    password: PASSWORD,
    workload: true,
    // The demo's people sign in with the printed password alone; a real agency cannot turn this off (decision 0019).
    staffSecondFactor: false,
  },
];

function printUsers(results: { slug: string; summary: SeedSummary }[]): void {
  const rows = results.flatMap(({ slug, summary }) => summary.users.map((u) => [u.email, u.role, slug]));
  const header = ['email', 'role', 'agency'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log(`\npassword for every demo user: ${PASSWORD}\n`);
}

/**
 * Writes the two demo agencies into the configured database (the owner's connection; the scenario history runs
 * the engine on the application's own). The caller decides whether the database may receive them
 * (lib/demo/demo-guard.ts): this function assumes an empty one.
 */
export async function seedDemo(): Promise<void> {
  const url = env.MIGRATION_DATABASE_URL;
  const started = performance.now();
  const client = createDb(url, 4);
  try {
    const results: { slug: string; summary: SeedSummary }[] = [];
    for (const agency of AGENCIES) results.push({ slug: agency.slug, summary: await seedAgency(client, agency) });
    // Reminder scenarios. Part of the files placed over the last fifteen months went through theirs, run by the
    // engine day by day (version 2 of the small-amounts scenario from eight months ago on); every other open file
    // is put on the one its rules choose, and the worker's sweep runs it.
    const now = new Date();
    const history = { from: new Date(now.getTime() - 456 * DAY_MS), cutover: new Date(now.getTime() - 240 * DAY_MS) };
    const played: string[] = [];
    for (const { slug, summary } of results) {
      const report = await seedScenarios(client, summary.tenantId, now, { ...history, every: HISTORY_EVERY });
      played.push(`${slug}: ${report.history!.steps} scenario steps run on ${report.history!.files} files`);
    }
    // Payments, reversals and agents' targets, so the dashboards have something to show; after the scenario
    // history, so the money received follows the reminders.
    for (const [i, { summary }] of results.entries()) {
      await seedCollections(client, summary.tenantId, { seed: AGENCIES[i]!.seed + 13, now });
      // The closing decisions of the files closed by then (reasons for the closings page's chart).
      await seedClosingDecisions(client, summary.tenantId);
    }
    // The work queue's ranks, as the nightly job would leave them (the demo agencies are in Paris).
    const queuePool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      for (const { summary } of results) {
        await refreshTenantQueue(summary.tenantId, dayIn('Europe/Paris'), { pool: queuePool });
      }
    } finally {
      await queuePool.end();
    }
    // The dashboards' summary tables, as the nightly rebuild would leave them.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      for (const { summary } of results) await rebuildReports(summary.tenantId, { pool });
    } finally {
      await pool.end();
    }
    printUsers(results);
    for (const { slug, summary } of results) {
      console.log(`intake API key (${slug}) ${await seedDemoApiKey(client, slug, summary.tenantId)}`);
    }
    for (const { slug, summary: s } of results) {
      console.log(
        `${slug}: ${s.creditors} creditors, ${s.files} files, ${s.debtors} debtors, ${s.claims} claims, ${s.activities} activities`,
      );
    }
    for (const line of played) console.log(line);
    console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.$disconnect();
    // The scenario history ran the engine, which uses the application's own client: close it too, or its idle
    // connections keep the process alive for a while after the seed is done.
    await db().$disconnect();
  }
}
