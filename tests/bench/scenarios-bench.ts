import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { renderBaseline } from './letters-baseline';
import { sweepAtScale } from './scenarios-sweep';
import { addTestRates } from '../integration/support/test-rates';
import { backendCpu, peakRss, scratchDatabase } from './scratch-db';

/**
 * npm run bench -- scenarios [--files 100000] [--baseline 2000] [--concurrency 4] [--sweep-rows 1000000]
 *                            [--sweep-due 100000] [--only engine|sweep]
 *
 * 1. Places `files` files on a three-step letter scenario (set-based SQL in a scratch database), runs the sweep
 *    and in-process step workers until every first step is done, and compares letters per second with pdfkit
 *    alone rendering the same letter `baseline` times (tests/bench/letters-baseline.ts), both by wall clock and
 *    per CPU second of this process (the engine's own cost; PostgreSQL runs in its own processes).
 * 2. Grows file_scenario to `sweep-rows` rows of which `sweep-due` are due, and times one sweep (select, lease,
 *    enqueue) over them. Target (issue 5): under 10 s.
 */

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** Debtors, addresses, files and claims numbered from `from` to `to`, with ids derived from the number. */
async function placeFiles(url: string, tenantId: string, from: number, to: number, claims: boolean) {
  const creditor = (await sql(url, `SELECT id FROM creditor WHERE tenant_id = $1 ORDER BY code LIMIT 1`, [tenantId]))
    .rows[0].id;
  const mandate = (
    await sql(url, `SELECT id FROM mandate WHERE tenant_id = $1 AND creditor_id = $2 LIMIT 1`, [tenantId, creditor])
  ).rows[0].id;
  await sql(
    url,
    `INSERT INTO debtor (tenant_id, id, kind, display_name, company_name, locale)
     SELECT $1, md5('d' || i)::uuid, 'COMPANY', 'Société Banc ' || i, 'Société Banc ' || i, 'fr'
       FROM generate_series($2::int, $3::int) i`,
    [tenantId, from, to],
  );
  if (claims)
    await sql(
      url,
      `INSERT INTO contact_point (tenant_id, debtor_id, kind, line1, postcode, city, status)
       SELECT $1, md5('d' || i)::uuid, 'ADDRESS', i || ' rue de la République', '69002', 'Lyon', 'VALID'
         FROM generate_series($2::int, $3::int) i`,
      [tenantId, from, to],
    );
  await sql(
    url,
    `INSERT INTO case_file (tenant_id, id, creditor_id, debtor_id, mandate_id, status, phase, nature, placed_at)
     SELECT $1, md5('f' || i)::uuid, $4, md5('d' || i)::uuid, $5, 'IN_PROGRESS', 'AMICABLE', 'B2B',
            '2026-11-02T08:00:00Z'
       FROM generate_series($2::int, $3::int) i`,
    [tenantId, from, to, creditor, mandate],
  );
  if (claims)
    await sql(
      url,
      `INSERT INTO claim (tenant_id, file_id, creditor_id, invoice_number, issued_on, due_on, principal_cents, nature)
       SELECT $1, md5('f' || i)::uuid, $4, 'BANC-' || i, '2026-09-01', '2026-10-01', 50000 + (i % 500) * 100, 'B2B'
         FROM generate_series($2::int, $3::int) i`,
      [tenantId, from, to, creditor],
    );
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      files: { type: 'string', default: '100000' },
      baseline: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '4' },
      'sweep-rows': { type: 'string', default: '1000000' },
      'sweep-due': { type: 'string', default: '100000' },
      only: { type: 'string' },
    },
  });
  if (values.only !== undefined && values.only !== 'engine' && values.only !== 'sweep')
    throw new Error(`--only: expected engine or sweep, got ${values.only}`);
  const files = Number(values.files);
  const concurrency = Number(values.concurrency);
  const sweepRows = Number(values['sweep-rows']);
  const sweepDue = Number(values['sweep-due']);
  const storage = await mkdtemp(path.join(tmpdir(), 'recouvra-scn-bench-'));
  process.env.STORAGE_DIR = storage;
  process.env.QUEUE_PREFIX = `recouvra-bench-scn-${process.pid}`;
  // Letters carry the debtor's page link, derived from this secret (lib/debtor-links/token.ts); a bench's own.
  process.env.NEXTAUTH_SECRET ??= 'bench-only-secret-not-for-production-use';
  process.env.DATABASE_POOL_SIZE = String(Math.max(10, concurrency + 4));
  const db = await scratchDatabase('scenarios');
  // Rates past the published series, as the integration tests add them: without them every letter waits for its
  // rate (guard RATES_NOT_PUBLISHED) and the bench would time postponements.
  await addTestRates(db.ownerUrl);
  const rss = peakRss();
  try {
    const { createDb } = await import('../../lib/db/client');
    const { seedAgency } = await import('../../lib/demo/seed-agency');
    const { stepsSchema } = await import('../../lib/scenarios/schemas');
    const { sweepDueSteps } = await import('../../lib/scenarios/sweep');
    const { runStepJob, scheduledSweep } = await import('../../lib/scenarios/jobs');
    const { QueueName } = await import('../../lib/queue/names');
    const { createProducer } = await import('../../lib/queue/producers');
    const { startWorkerManager } = await import('../../lib/queue/worker-manager');
    const { requestConnection } = await import('../../lib/redis/connection');

    const owner = createDb(db.ownerUrl, 2);
    const { tenantId } = await seedAgency(owner, {
      slug: 'bench',
      name: 'Agence Banc',
      seed: 5,
      files: 1,
      password: 'x',
    });
    await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: 'FR7630006000011234567890189' } });
    const scenario = await owner.scenario.create({ data: { tenantId, name: 'Trois courriers' } });
    const version = await owner.scenarioVersion.create({
      data: {
        tenantId,
        scenarioId: scenario.id,
        version: 1,
        publishedAt: new Date(),
        steps: stepsSchema.parse([
          { delay: { days: 0, from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
          { delay: { days: 10 }, channels: ['SIMPLE_LETTER'] },
          { delay: { days: 10 }, channels: ['REGISTERED_LETTER'] },
        ]),
      },
    });

    if (values.only === 'sweep') {
      await sweepAtScale({
        ownerUrl: db.ownerUrl,
        tenantId,
        versionId: version.id,
        now: new Date('2026-12-01T09:00:00Z'),
        placed: 0,
        rows: sweepRows,
        due: sweepDue,
        placeFiles: (from, to) => placeFiles(db.ownerUrl, tenantId, from, to, false),
      });
      await owner.$disconnect();
      return;
    }
    console.log(`scenarios bench: ${fmt(files)} files, concurrency ${concurrency}, storage ${storage}`);
    let t = performance.now();
    await placeFiles(db.ownerUrl, tenantId, 1, files, true);
    // The engine's clock: a Tuesday morning in Paris, inside every window, whatever the real day is.
    const now = new Date('2026-12-01T09:00:00Z');
    await sql(
      db.ownerUrl,
      `INSERT INTO file_scenario (tenant_id, file_id, scenario_version_id, next_step, next_run_at, state, started_at)
       SELECT $1, md5('f' || i)::uuid, $2, 0, $3::timestamptz - interval '1 minute', 'RUNNING', $3
         FROM generate_series(1, $4::int) i`,
      [tenantId, version.id, now, files],
    );
    await sql(db.ownerUrl, 'ANALYZE');
    console.log(`placed ${fmt(files)} files in ${fmt((performance.now() - t) / 1000, 1)} s (set-based SQL)`);

    // Baseline first, on a quiet process.
    const cpuBase = process.cpuUsage();
    const baseline = await renderBaseline(Number(values.baseline));
    const baselineCpu = cpuSeconds(process.cpuUsage(cpuBase));

    // What each step ended as: anything but DONE means the figures below are not letters.
    const outcomes = new Map<string, number>();
    const producer = createProducer({ connection: requestConnection(), ownsConnection: true });
    for (const q of [QueueName.SCENARIOS, QueueName.NOTIFICATIONS]) await producer.queue(q).obliterate({ force: true });
    const manager = await startWorkerManager({
      handlers: {
        [QueueName.SCENARIOS]: {
          step: async (data, ctx) => {
            const result = await runStepJob(data, ctx, now);
            const key = 'reason' in result ? `${result.outcome} ${result.reason}` : result.outcome;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            return result;
          },
        },
      },
      queues: [QueueName.SCENARIOS],
      concurrency: { [QueueName.SCENARIOS]: concurrency },
      log: (line) => console.error(line),
    });
    const cpuEngine = process.cpuUsage();
    const dbCpu = await backendCpu(db.ownerUrl);
    t = performance.now();
    const sweep = await sweepDueSteps({ producer, now, tenantId });
    const sweepMs = performance.now() - t;
    let lastPrint = performance.now();
    let lastSweep = performance.now();
    const stepQueue = producer.queue(QueueName.SCENARIOS);
    for (let left = files; left > 0;) {
      await new Promise((r) => setTimeout(r, 500));
      // The jobs left, from Redis. Counting file_scenario instead was a table scan in PostgreSQL twice a second
      // (0.1 s each at 100,000 files), beside the engine it measures; the exact counts are checked once, below.
      const counts = await stepQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      left = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const done = files - left;
      // The scheduler's minute, as in production: a sweep (nothing new is due) and the statistics upkeep after it.
      if (performance.now() - lastSweep > 60_000) {
        lastSweep = performance.now();
        const { analyzed } = await scheduledSweep({ producer, now, tenantId });
        if (analyzed.length > 0) console.log(`  the minute's sweep analyzed ${analyzed.join(', ')}`);
      }
      if (performance.now() - lastPrint > 15_000) {
        lastPrint = performance.now();
        console.log(
          `  ${fmt(done)} / ${fmt(files)} letters, ${fmt(done / ((performance.now() - t) / 1000), 1)} letters/s`,
        );
      }
    }
    console.log(`  step outcomes: ${[...outcomes].map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);
    const engineSeconds = (performance.now() - t) / 1000;
    const engineCpu = cpuSeconds(process.cpuUsage(cpuEngine));
    const engineDbCpu = await dbCpu.since();
    await manager.close();
    const [{ documents, executions }] = (
      await sql(
        db.ownerUrl,
        `SELECT (SELECT count(*)::int FROM document WHERE tenant_id = $1) AS documents,
                (SELECT count(*)::int FROM step_execution WHERE tenant_id = $1) AS executions`,
        [tenantId],
      )
    ).rows;

    const engineRate = files / engineSeconds;
    const engineCpuRate = files / engineCpu;
    const baselineCpuRate = Number(values.baseline) / baselineCpu;
    console.log(
      `\nbaseline  pdfkit alone, ${values.baseline} renders: ${fmt(baseline.perSecond, 1)} letters/s wall, ${fmt(baselineCpuRate, 1)} per CPU-second`,
    );
    console.log(
      `engine    sweep + ${concurrency} step workers: ${fmt(engineRate, 1)} letters/s wall (${fmt((100 * engineRate) / baseline.perSecond)} % of baseline), ` +
        `${fmt(engineCpuRate, 1)} per CPU-second of this process (${fmt((100 * engineCpuRate) / baselineCpuRate)} % of baseline per core)`,
    );
    if (engineDbCpu !== null)
      console.log(
        `          PostgreSQL: ${fmt(engineDbCpu, 1)} CPU-s in this database's backends, ${fmt((1000 * engineDbCpu) / files, 2)} ms per letter ` +
          `(this process: ${fmt((1000 * engineCpu) / files, 2)} ms per letter)`,
      );
    console.log(
      `          ${fmt(documents)} documents, ${fmt(executions)} step executions for ${fmt(files)} files (exactly once: ${documents === files && executions === files})`,
    );
    console.log(
      `sweep     ${fmt(sweep.enqueued)} due steps selected, leased and enqueued in ${fmt(sweepMs / 1000, 2)} s`,
    );
    await producer.queue(QueueName.SCENARIOS).obliterate({ force: true });

    // 2. The sweep at scale: grow to `sweepRows` rows, `sweepDue` of them due.
    if (values.only !== 'engine' && sweepRows > files)
      await sweepAtScale({
        ownerUrl: db.ownerUrl,
        tenantId,
        versionId: version.id,
        now,
        placed: files,
        rows: sweepRows,
        due: sweepDue,
        placeFiles: (from, to) => placeFiles(db.ownerUrl, tenantId, from, to, false),
      });
    await producer.close();
    await owner.$disconnect();
    console.log(
      `peak RSS ${fmt(rss.stop() / 1024 / 1024)} MB; load average ${(await import('node:os'))
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await db.drop();
    await rm(storage, { recursive: true, force: true });
  }
}
