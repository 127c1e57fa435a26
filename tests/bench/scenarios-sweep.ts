import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

/**
 * The scenario bench's second part (issue 5): file_scenario grown to `rows` rows of which `due` are due, one sweep
 * timed over them (select and lease, build the jobs, add them to Redis), then a second sweep that must add nothing.
 * Baseline, same run: the same jobs added to an empty queue with no database at all, the floor the sweep stands on
 * (BullMQ runs one Lua script per job).
 * Kept apart so `npm run bench -- scenarios --only sweep` runs it without the engine part.
 */
export interface SweepAtScaleOptions {
  ownerUrl: string;
  tenantId: string;
  versionId: string;
  now: Date;
  /** Files 1..placed already exist (the engine part's); rows placed+1..rows are added here. */
  placed: number;
  rows: number;
  due: number;
  placeFiles: (from: number, to: number) => Promise<void>;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

export async function sweepAtScale(o: SweepAtScaleOptions): Promise<void> {
  const { sweepDueSteps, stepJob } = await import('../../lib/scenarios/sweep');
  const { addInChunks } = await import('../../lib/queue/add-in-chunks');
  const { QueueName, queuePrefix } = await import('../../lib/queue/names');
  const { createProducer } = await import('../../lib/queue/producers');
  const { requestConnection } = await import('../../lib/redis/connection');

  const pgc = new pg.Client({ connectionString: o.ownerUrl });
  await pgc.connect();
  try {
    let t = performance.now();
    await o.placeFiles(o.placed + 1, o.rows);
    await pgc.query(
      `INSERT INTO file_scenario (tenant_id, file_id, scenario_version_id, next_step, next_run_at, state, started_at)
       SELECT $1, md5('f' || i)::uuid, $2, 0,
              CASE WHEN i <= $3::int + $5::int THEN $4::timestamptz - interval '1 minute'
                   ELSE $4::timestamptz + (i % 30 + 1) * interval '1 day' END,
              'RUNNING', $4
         FROM generate_series($3::int + 1, $6::int) i`,
      [o.tenantId, o.versionId, o.placed, o.now, o.due, o.rows],
    );
    // A settled table, as autovacuum leaves it in production, not one whose every hint bit the sweep would set.
    await pgc.query('VACUUM ANALYZE file_scenario');
    const [{ total, due }] = (
      await pgc.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'RUNNING' AND next_run_at <= $2)::int AS due
           FROM file_scenario WHERE tenant_id = $1`,
        [o.tenantId, o.now],
      )
    ).rows;
    console.log(
      `\ngrew file_scenario to ${fmt(total)} rows (${fmt(due)} due) in ${fmt((performance.now() - t) / 1000, 1)} s`,
    );

    const big = createProducer({
      connection: requestConnection(),
      prefix: queuePrefix(`recouvra-bench-sweep-${process.pid}`),
      ownsConnection: true,
    });
    const queue = big.queue(QueueName.SCENARIOS);
    try {
      console.log(`load average before the sweep: ${load()}`);
      t = performance.now();
      const report = await sweepDueSteps({ producer: big, now: o.now, tenantId: o.tenantId });
      const ms = performance.now() - t;
      const jobs = await queue.count();
      const again = await sweepDueSteps({ producer: big, now: o.now, tenantId: o.tenantId });
      const p = report.phases;
      console.log(
        `sweep     ${fmt(report.enqueued)} of ${fmt(total)} rows enqueued in ${fmt(ms / 1000, 2)} s (target < 10 s); ` +
          `${fmt(jobs)} jobs in Redis; a second sweep enqueued ${fmt(again.enqueued)} in ${fmt(again.ms / 1000, 2)} s`,
      );
      console.log(
        `          phases (summed over batches): select and lease ${fmt(p.selectMs / 1000, 2)} s, ` +
          `wait for Redis ${fmt(p.waitMs / 1000, 2)} s, build and add the jobs ${fmt(p.enqueueMs / 1000, 2)} s, ` +
          `commit ${fmt(p.commitMs / 1000, 2)} s; load average ${load()}`,
      );
      if (jobs !== due || report.enqueued !== due || again.enqueued !== 0)
        throw new Error(
          `sweep at scale: ${due} due, ${report.enqueued} enqueued, ${jobs} jobs, ${again.enqueued} again`,
        );

      await queue.obliterate({ force: true });
      const rows = (
        await pgc.query<{ file_id: string; scenario_version_id: string; next_step: number; run: number }>(
          `SELECT file_id, scenario_version_id, next_step, run FROM file_scenario
            WHERE tenant_id = $1 AND state = 'RUNNING' AND next_run_at <= $2`,
          [o.tenantId, o.now],
        )
      ).rows;
      t = performance.now();
      await addInChunks(queue, rows, (r) => stepJob(o.tenantId, r));
      const bareMs = performance.now() - t;
      console.log(
        `baseline  the same ${fmt(rows.length)} jobs added to Redis alone (no database): ${fmt(bareMs / 1000, 2)} s; ` +
          `the sweep took ${fmt(ms / bareMs, 2)}× that; load average ${load()}`,
      );
    } finally {
      await queue.obliterate({ force: true });
      // The sweep also looks for unsent messages, which creates the notifications queue's keys.
      await big.queue(QueueName.NOTIFICATIONS).obliterate({ force: true });
      await big.close();
    }
  } finally {
    await pgc.end();
  }
}
