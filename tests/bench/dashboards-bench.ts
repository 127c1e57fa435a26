import { isDeepStrictEqual } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { scratchDatabase } from './scratch-db';

// npm run bench -- dashboards [--claims 1000000] [--payments 2000000] [--requests 100] [--direct 10]
// Seeds one agency with claims and payments over three years with set-based SQL, rebuilds the summary tables,
// then times dashboard requests with varied filters read from the summaries, beside the same dashboards
// computed straight from the raw tables (lib/reports/direct.ts) in the same run, and checks both agree.

const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const CREDITORS = 20;
const AGENTS = 30;
const TODAY = '2026-11-25';
const START = '2023-11-26';

async function seed(url: string, claims: number, payments: number): Promise<{ tenantId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (text: string, values?: unknown[]) => client.query(text, values);
  const files = Math.round(claims / 2);
  try {
    const { rows } = await q(`SELECT id FROM agency WHERE slug = 'bench'`);
    const tenantId = rows[0].id as string;
    // A seed, not an application path: triggers (foreign keys, file totals, report marks) are off; totals are
    // set below and the rebuild reads everything anyway.
    await q(`SET session_replication_role = replica`);
    await q(`SET work_mem = '256MB'`);
    await q(
      `INSERT INTO creditor (tenant_id, id, code, name, address, postcode, city)
       SELECT $1, gen_random_uuid(), 'BENCH' || g, 'Créancier ' || g, g || ' rue du Commerce', '69002', 'Lyon'
         FROM generate_series(1, $2) g`,
      [tenantId, CREDITORS],
    );
    await q(
      `INSERT INTO mandate (tenant_id, id, creditor_id, reference, scope, starts_on)
       SELECT tenant_id, gen_random_uuid(), id, 'MDT-' || code, 'AMICABLE_AND_JUDICIAL', '2023-01-01'
         FROM creditor WHERE tenant_id = $1 AND code LIKE 'BENCH%'`,
      [tenantId],
    );
    await q(
      `INSERT INTO identity (id, email, password_hash, name)
       SELECT gen_random_uuid(), 'agent' || g || '@bench.test', 'x', 'Agent ' || lpad(g::text, 2, '0')
         FROM generate_series(1, $1) g`,
      [AGENTS],
    );
    await q(
      `INSERT INTO membership (tenant_id, id, identity_id, role)
       SELECT $1, gen_random_uuid(), id, 'AGENT' FROM identity WHERE email LIKE '%@bench.test'`,
      [tenantId],
    );
    await q(`CREATE TEMP TABLE c AS SELECT row_number() OVER (ORDER BY code) AS n, c.id, m.id AS mandate_id
               FROM creditor c JOIN mandate m ON m.creditor_id = c.id WHERE c.code LIKE 'BENCH%'`);
    await q(`CREATE TEMP TABLE a AS SELECT row_number() OVER (ORDER BY m.id) AS n, m.id FROM membership m
               JOIN identity i ON i.id = m.identity_id WHERE i.email LIKE '%@bench.test'`);

    // h(i, k): a deterministic pseudo-random number in [0, 1) per row and purpose.
    await q(`CREATE FUNCTION pg_temp.h(i bigint, k int) RETURNS double precision LANGUAGE sql IMMUTABLE AS
               $$ SELECT ((hashint8(i * 7919 + k) & 2147483647)::double precision / 2147483648) $$`);
    let t = performance.now();
    await q(
      `INSERT INTO debtor (tenant_id, id, kind, last_name, first_name, display_name)
       SELECT $1, md5('d' || g)::uuid, 'PERSON', 'Nom' || g, 'Prénom', 'NOM' || g || ' Prénom'
         FROM generate_series(1, $2) g`,
      [tenantId, files],
    );
    // Statuses roughly as an agency's book: most open, a third closed.
    await q(
      `INSERT INTO case_file (tenant_id, id, reference, creditor_id, debtor_id, mandate_id, assignee_id, phase, status,
                              placed_at, closed_at, updated_at)
       SELECT $1, md5('f' || g)::uuid, 'B' || lpad(g::text, 8, '0'), c.id, md5('d' || g)::uuid, c.mandate_id,
              CASE WHEN pg_temp.h(g, 2) < 0.1 THEN NULL ELSE a.id END,
              s.phase::"FilePhase", s.status::"FileStatus", p.placed_at,
              CASE WHEN s.phase = 'CLOSED' THEN p.placed_at + (pg_temp.h(g, 4) * (timestamptz '${TODAY}' - p.placed_at)) END,
              now()
         FROM generate_series(1, $2) g
         CROSS JOIN LATERAL (SELECT timestamptz '${START} 09:00+01' + pg_temp.h(g, 1) * (timestamptz '${TODAY}' - timestamptz '${START}') AS placed_at) p
         CROSS JOIN LATERAL (SELECT CASE
              WHEN x < 0.05 THEN ARRAY['INTAKE', 'NEW'] WHEN x < 0.35 THEN ARRAY['AMICABLE', 'IN_PROGRESS']
              WHEN x < 0.42 THEN ARRAY['AMICABLE', 'PROMISE'] WHEN x < 0.5 THEN ARRAY['AMICABLE', 'PAYMENT_PLAN']
              WHEN x < 0.54 THEN ARRAY['AMICABLE', 'DISPUTED'] WHEN x < 0.57 THEN ARRAY['AMICABLE', 'SUSPENDED']
              WHEN x < 0.64 THEN ARRAY['JUDICIAL', 'AWAITING_JUDICIAL'] WHEN x < 0.82 THEN ARRAY['CLOSED', 'PAID']
              WHEN x < 0.92 THEN ARRAY['CLOSED', 'IRRECOVERABLE'] ELSE ARRAY['CLOSED', 'WITHDRAWN'] END AS st
              FROM (SELECT pg_temp.h(g, 3) AS x) r) st0
         CROSS JOIN LATERAL (SELECT st0.st[1] AS phase, st0.st[2] AS status) s
         JOIN c ON c.n = 1 + (g % ${CREDITORS})
         JOIN a ON a.n = 1 + ((g / 7) % ${AGENTS})`,
      [tenantId, files],
    );
    await q(
      `INSERT INTO claim (tenant_id, id, file_id, creditor_id, invoice_number, issued_on, due_on, principal_cents, created_at,
                        nature, limitation_basis, limitation_starts_on, limitation_on)
       SELECT f.tenant_id, md5('c' || g)::uuid, f.id, f.creditor_id, 'INV-' || g,
              due - 30, due, 3500 + (pg_temp.h(g, 5) ^ 2 * 500000)::bigint, f.placed_at, f.nature,
              -- Triggers are off here: the limitation columns their trigger would fill, as the import merge writes them.
              default_limitation_basis(f.nature), due,
              (due + make_interval(years => limitation_years(default_limitation_basis(f.nature))))::date
         FROM generate_series(1, $1) g
         JOIN case_file f ON f.tenant_id = $2 AND f.id = md5('f' || (1 + (g - 1) % ${files}))::uuid
         CROSS JOIN LATERAL (SELECT ((f.placed_at AT TIME ZONE 'Europe/Paris')::date - 30 - (pg_temp.h(g, 6) * 700)::int) AS due) d`,
      [claims, tenantId],
    );
    await q(
      `UPDATE case_file f SET principal_cents = t.total, oldest_due_on = t.oldest
         FROM (SELECT file_id, sum(principal_cents) AS total, min(due_on) AS oldest FROM claim GROUP BY file_id) t
        WHERE f.tenant_id = $1 AND f.id = t.file_id`,
      [tenantId],
    );
    console.log(
      `  seeded ${files.toLocaleString('en')} files, ${claims.toLocaleString('en')} claims in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    t = performance.now();
    // Payments on the first claim of a file, dated between placement and today; 1 % of them reversed.
    const originals = Math.round(payments * 0.99);
    await q(
      `INSERT INTO payment (tenant_id, id, file_id, creditor_id, amount_cents, method, received_on, recorded_by, recorded_at,
                            receipt_number)
       SELECT f.tenant_id, md5('p' || g)::uuid, f.id, f.creditor_id, 1000 + (pg_temp.h(g, 8) * 30000)::bigint, 'TRANSFER',
              r.day, f.assignee_id, r.day + time '10:00', 'P' || g
         FROM generate_series(1, $1) g
         JOIN case_file f ON f.tenant_id = $2 AND f.id = md5('f' || (1 + (pg_temp.h(g, 7) * ${files})::int % ${files}))::uuid
         CROSS JOIN LATERAL (SELECT ((f.placed_at AT TIME ZONE 'Europe/Paris')::date
                                     + (pg_temp.h(g, 9) * (date '${TODAY}' - (f.placed_at AT TIME ZONE 'Europe/Paris')::date))::int) AS day) r`,
      [originals, tenantId],
    );
    // Each payment goes to its file's oldest claim (a hash join, not two million index probes).
    await q(
      `CREATE TEMP TABLE first_claim AS
               SELECT DISTINCT ON (file_id) file_id, id FROM claim WHERE tenant_id = $1 ORDER BY file_id, due_on, id`,
      [tenantId],
    );
    await q('ANALYZE first_claim');
    await q(
      `INSERT INTO allocation (tenant_id, payment_id, file_id, claim_id, part, amount_cents)
       SELECT p.tenant_id, p.id, p.file_id, c.id,
              CASE WHEN pg_temp.h(hashtext(p.receipt_number), 10) < 0.2 THEN 'INTEREST' ELSE 'PRINCIPAL' END::"AllocationPart",
              p.amount_cents
         FROM payment p JOIN first_claim c ON c.file_id = p.file_id
        WHERE p.tenant_id = $1`,
      [tenantId],
    );
    await q(
      `INSERT INTO payment (tenant_id, id, file_id, creditor_id, amount_cents, method, received_on, recorded_by, recorded_at,
                            receipt_number, reverses_id)
       SELECT tenant_id, md5('r' || receipt_number)::uuid, file_id, creditor_id, -amount_cents, method, received_on,
              recorded_by, recorded_at + interval '5 days', 'R' || receipt_number, id
         FROM payment WHERE tenant_id = $1 AND pg_temp.h(hashtext(receipt_number), 11) < ${(payments - originals) / originals}`,
      [tenantId],
    );
    await q(
      `INSERT INTO allocation (tenant_id, payment_id, file_id, claim_id, part, amount_cents)
       SELECT r.tenant_id, r.id, r.file_id, a.claim_id, a.part, -a.amount_cents
         FROM payment r JOIN allocation a ON a.tenant_id = r.tenant_id AND a.payment_id = r.reverses_id
        WHERE r.tenant_id = $1 AND r.reverses_id IS NOT NULL`,
      [tenantId],
    );
    await q(
      `UPDATE case_file f SET collected_cents = t.cents
         FROM (SELECT file_id, sum(amount_cents) AS cents FROM allocation WHERE tenant_id = $1 GROUP BY file_id) t
        WHERE f.tenant_id = $1 AND f.id = t.file_id`,
      [tenantId],
    );
    const { rows: counted } = await q(`SELECT count(*)::int AS n FROM payment WHERE tenant_id = $1`, [tenantId]);
    console.log(
      `  seeded ${counted[0].n.toLocaleString('en')} payments with their allocations in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    t = performance.now();
    // The agents' days: a call or a letter per file every few months, promises on one file in five.
    await q(
      `INSERT INTO activity (tenant_id, file_id, actor_id, kind, occurred_at)
       SELECT f.tenant_id, f.id, f.assignee_id, CASE WHEN pg_temp.h(g, 12) < 0.6 THEN 'contact.call' ELSE 'letter.sent' END,
              f.placed_at + pg_temp.h(g, 13) * (timestamptz '${TODAY}' - f.placed_at)
         FROM generate_series(1, $1) g
         JOIN case_file f ON f.tenant_id = $2 AND f.id = md5('f' || (1 + (g - 1) % ${files}))::uuid
        WHERE f.assignee_id IS NOT NULL`,
      [claims, tenantId],
    );
    await q(
      `INSERT INTO promise (tenant_id, file_id, amount_cents, due_on, status, created_by, created_at, resolved_at)
       SELECT f.tenant_id, f.id, 5000, (f.placed_at + interval '40 days')::date,
              CASE WHEN pg_temp.h(g, 14) < 0.6 THEN 'KEPT' ELSE 'BROKEN' END::"PromiseStatus", f.assignee_id,
              f.placed_at + interval '20 days', f.placed_at + interval '41 days'
         FROM generate_series(1, $1, 5) g
         JOIN case_file f ON f.tenant_id = $2 AND f.id = md5('f' || g)::uuid
        WHERE f.placed_at < timestamptz '${TODAY}' - interval '45 days'`,
      [files, tenantId],
    );
    await q(`SET session_replication_role = origin`);
    await q('ANALYZE');
    console.log(`  seeded activities and promises in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return { tenantId };
  } finally {
    await client.end();
  }
}

/** Filters a manager would pick: periods, a creditor, an agent, a phase, a debt age, breakdowns and grains. */
function filterSets(n: number, creditors: string[], agents: string[]): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const by = ['creditor', 'portfolio', 'agent', 'phase', 'ageBand'];
  const grains = ['day', 'week', 'month'];
  const phases = ['AMICABLE', 'JUDICIAL', 'CLOSED'];
  const bands = ['0-90', '91-180', '181-365', '366-730'];
  let x = 12345;
  const next = (m: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % m;
  };
  for (let i = 0; i < n; i++) {
    const q: Record<string, string> = { by: by[i % by.length]!, grain: grains[next(3)]! };
    const months = [3, 6, 12, 24, 36][next(5)]!;
    const end = new Date(Date.UTC(2026, 10 - next(6), 28));
    q.to = end.toISOString().slice(0, 10);
    q.from = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - months + 1, 1)).toISOString().slice(0, 10);
    const kind = i % 6;
    if (kind === 1 || kind === 4) q.creditorId = creditors[next(creditors.length)]!;
    if (kind === 2 || kind === 4) q.agentId = agents[next(agents.length)]!;
    if (kind === 3) q.phase = phases[next(3)]!;
    if (kind === 5) q.ageBand = bands[next(4)]!;
    out.push(q);
  }
  return out;
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      claims: { type: 'string', default: '1000000' },
      payments: { type: 'string', default: '2000000' },
      requests: { type: 'string', default: '100' },
      direct: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const claims = Number(values.claims);
  const payments = Number(values.payments);
  const requests = Number(values.requests);
  const directCount = Math.min(requests, Number(values.direct));
  console.log(
    `dashboards benchmark: ${claims.toLocaleString('en')} claims, ${payments.toLocaleString('en')} payments over 3 years; ` +
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const db = await scratchDatabase('dashboards');
  try {
    // Imported after the scratch database is chosen: the app's modules read the URL when first loaded.
    const { createDb } = await import('../../lib/db/client');
    const { seedAgency } = await import('../../lib/demo/seed-agency');
    const { rebuildReports } = await import('../../lib/reports/summaries');
    const { dashboard } = await import('../../lib/reports/queries');
    const { directDashboard } = await import('../../lib/reports/direct');
    const { resolveActor } = await import('../../lib/tenancy/resolve-actor');
    const owner = createDb(db.ownerUrl, 2);
    await seedAgency(owner, { slug: 'bench', name: 'Bench', seed: 1, files: 3, password: 'bench-password' });
    const { tenantId } = await seed(db.ownerUrl, claims, payments);
    // Each closed file its closing decision, as every path leaves one (decision 0023): the closing-reasons chart.
    const { seedClosingDecisions } = await import('../../lib/demo/closing-decisions');
    const closingRows = await seedClosingDecisions(owner, tenantId);

    let t = performance.now();
    // The application role, as the nightly job runs it.
    const rebuilt = await rebuildReports(tenantId, { asOf: TODAY });
    const rebuildMs = performance.now() - t;
    console.log(
      `  rebuild of the summary tables: ${(rebuildMs / 1000).toFixed(1)} s for ${rebuilt.files.toLocaleString('en')} files`,
    );
    const sizes = await owner.$queryRaw<{ table: string; rows: number }[]>`
      SELECT relname AS table, n_live_tup::int AS rows FROM pg_stat_user_tables
       WHERE relname IN ('placement_fact', 'recovery_fact', 'aging_fact', 'agent_activity_daily', 'report_file_placement',
                         'report_file_recovery', 'claim', 'payment', 'allocation') ORDER BY relname`;
    console.log(`  rows: ${sizes.map((s) => `${s.table} ${s.rows.toLocaleString('en')}`).join(', ')}`);
    // What the closing-reasons chart must show over its twelve months, counted on the raw rows.
    const [rawClosings] = await owner.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM file_closing c JOIN agency a ON a.id = c.tenant_id
       WHERE c.tenant_id = ${tenantId}::uuid AND c.status = 'CLOSED'
         AND c.decided_at >= (date_trunc('month', ${TODAY}::timestamp) - interval '11 months') AT TIME ZONE a.time_zone`;
    console.log(`  closing decisions: ${closingRows.toLocaleString('en')} (${rawClosings!.n} in the last 12 months)`);

    // The incremental path: one file changed (a payment, a status), applied alone.
    const { applyDirtyFiles } = await import('../../lib/reports/summaries');
    const sample = await owner.caseFile.findMany({ where: { tenantId }, select: { id: true }, take: 20, skip: 1000 });
    const applyTimes: number[] = [];
    for (const { id } of sample) {
      await owner.reportDirtyFile.create({ data: { tenantId, fileId: id } });
      t = performance.now();
      await applyDirtyFiles(tenantId);
      applyTimes.push(performance.now() - t);
    }
    const a = [...applyTimes].sort((x, y) => x - y);
    console.log(`  incremental apply of one changed file: p50 ${ms(pct(a, 50))}, p95 ${ms(pct(a, 95))}`);

    const manager = await owner.membership.findFirstOrThrow({ where: { tenantId, role: 'MANAGER' } });
    const actor = await resolveActor({ tenantId, membershipId: manager.id, identityId: manager.identityId });
    const creditors = (await owner.creditor.findMany({ where: { tenantId }, select: { id: true } })).map((c) => c.id);
    const agents = (await owner.membership.findMany({ where: { tenantId, role: 'AGENT' }, select: { id: true } })).map(
      (a) => a.id,
    );
    await owner.$disconnect();
    const sets = filterSets(requests, creditors, agents);

    // One warm-up request each way (connection, query plans), not counted.
    await dashboard({ actor, query: sets[0]! });
    const summaryTimes: number[] = [];
    const results: unknown[] = [];
    for (const query of sets) {
      t = performance.now();
      results.push(await dashboard({ actor, query }));
      summaryTimes.push(performance.now() - t);
      if (values.verbose) console.log(`    ${summaryTimes.at(-1)!.toFixed(0).padStart(6)} ms ${JSON.stringify(query)}`);
    }
    const s = [...summaryTimes].sort((a, b) => a - b);
    console.log(
      `  summaries, ${requests} requests: p50 ${ms(pct(s, 50))}, p95 ${ms(pct(s, 95))}, max ${ms(s.at(-1)!)}`,
    );
    const directTimes: number[] = [];
    let agree = 0;
    for (const [i, query] of sets.slice(0, directCount).entries()) {
      t = performance.now();
      const raw = await directDashboard({ actor, query, asOf: TODAY });
      directTimes.push(performance.now() - t);
      if (isDeepStrictEqual(raw, results[i])) agree++;
      else console.log(`  ! request ${i} differs from the raw computation: ${JSON.stringify(query)}`);
    }
    const sub = [...summaryTimes.slice(0, directCount)].sort((a, b) => a - b);
    const d = [...directTimes].sort((a, b) => a - b);
    if (directCount > 0) {
      console.log(
        `  raw tables, first ${directCount} of the same requests: p50 ${ms(pct(d, 50))}, p95 ${ms(pct(d, 95))} ` +
          `(summaries on those: p50 ${ms(pct(sub, 50))}, p95 ${ms(pct(sub, 95))})`,
      );
      console.log(
        `  speed-up on the same requests: ${(pct(d, 50) / pct(sub, 50)).toFixed(0)}× at p50, ${(pct(d, 95) / pct(sub, 95)).toFixed(0)}× at p95; ` +
          `${agree}/${directCount} dashboards identical to the raw computation`,
      );
    }

    // Closing reasons by creditor and month (issue 16) from closing_fact: every creditor, or one; the agency's day is
    // the seed's. Checked against the raw count of decisions over the same twelve months.
    const { closingReasons } = await import('../../lib/closing/queries');
    const closingNow = new Date(`${TODAY}T12:00:00Z`);
    const allReasons = await closingReasons({ actor, input: {}, now: closingNow });
    const charted = allReasons.months.reduce((sum, m) => sum + m.total, 0);
    const reasonTimes: number[] = [];
    for (let i = 0; i < requests; i++) {
      const input = i % 5 === 0 ? {} : { creditorId: creditors[i % creditors.length] };
      t = performance.now();
      await closingReasons({ actor, input, now: closingNow });
      reasonTimes.push(performance.now() - t);
    }
    const r = [...reasonTimes].sort((x, y) => x - y);
    console.log(
      `  closing reasons, ${requests} requests: p50 ${ms(pct(r, 50))}, p95 ${ms(pct(r, 95))}, max ${ms(r.at(-1)!)}; ` +
        `${charted === rawClosings!.n ? 'equal to' : `! ${charted} against`} the raw count`,
    );
    console.log(`  targets           p95 < 200 ms, ≥ 20× faster than the raw tables`);
    console.log(
      `  load average now  ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    if (!values.keep) await db.drop();
  }
}
