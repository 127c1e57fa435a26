// npm run bench -- workspace [--files 1000000] [--agents 50] [--requests 200] [--keep] [--explain]
//                            [--reuse recouvra_bench_workspace_<pid>] [--as-migrated]
// One agency with a million files, seeded with set-based SQL; then the work-queue and file-page reads an agent
// makes all day, timed through the application's own functions (Prisma, row-level security, one transaction
// each) beside a primary-key lookup of one file through the same path.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { scratchDatabase } from './scratch-db';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Everything per file is a function of its number, kept in a temporary table so each child table (claims,
 * activities, promises…) is one INSERT … SELECT from it. session_replication_role=replica skips triggers and
 * foreign-key checks (the rows are consistent by construction); totals are written directly.
 */
export function seedSteps(files: number, agents: number): [string, string][] {
  const h = (expr: string) => `(hashint4(${expr})::bigint & 2147483647)`;
  return [
    [
      'staff, creditors, mandates',
      `CREATE FUNCTION pg_temp.uid(text) RETURNS uuid LANGUAGE sql IMMUTABLE
         AS $$ SELECT overlay(overlay(md5($1) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$;
       INSERT INTO agency (id, slug, name, legal_name, address)
         VALUES ('00000000-0000-4000-8000-00000000be4c', 'bench', 'Bench Recouvrement', 'Bench Recouvrement SAS',
                 '1 rue de la Paix, 75002 Paris');
       INSERT INTO identity (id, email, password_hash, name)
         SELECT pg_temp.uid('i' || n), CASE WHEN n = 0 THEN 'manager@bench.test' ELSE 'agent' || n || '@bench.test' END,
                'x', CASE WHEN n = 0 THEN 'Responsable Bench' ELSE 'Agent ' || n END
           FROM generate_series(0, ${agents}) n;
       INSERT INTO membership (tenant_id, id, identity_id, role)
         SELECT t.id, pg_temp.uid('m' || n), pg_temp.uid('i' || n), (CASE WHEN n = 0 THEN 'MANAGER' ELSE 'AGENT' END)::"Role"
           FROM generate_series(0, ${agents}) n, (SELECT id FROM agency WHERE slug = 'bench') t;
       INSERT INTO creditor (tenant_id, id, code, name, address, postcode, city)
         SELECT t.id, pg_temp.uid('cr' || n), 'CR' || lpad(n::text, 2, '0'), 'Créancier ' || n, '1 rue du Commerce',
                '75015', 'Paris'
           FROM generate_series(1, 20) n, (SELECT id FROM agency WHERE slug = 'bench') t;
       INSERT INTO mandate (tenant_id, id, creditor_id, reference, scope, starts_on)
         SELECT t.id, pg_temp.uid('md' || n), pg_temp.uid('cr' || n), 'MDT-BENCH-' || n, 'AMICABLE_AND_JUDICIAL', '2023-01-01'
           FROM generate_series(1, 20) n, (SELECT id FROM agency WHERE slug = 'bench') t`,
    ],
    [
      'file plan (temporary table)',
      `CREATE TEMP TABLE seed_file AS
       SELECT i, pg_temp.uid('f' || i) AS id, pg_temp.uid('d' || i) AS debtor_id, 1 + i % 20 AS cr,
              CASE WHEN i % 23 = 0 THEN NULL ELSE pg_temp.uid('m' || (1 + i % ${agents})) END AS assignee,
              (ARRAY['NEW','NEW','NEW','IN_PROGRESS','IN_PROGRESS','IN_PROGRESS','IN_PROGRESS','IN_PROGRESS',
                     'IN_PROGRESS','IN_PROGRESS','PROMISE','PROMISE','PAYMENT_PLAN','PAYMENT_PLAN','DISPUTED',
                     'SUSPENDED','AWAITING_JUDICIAL','PAID','PAID','PAID','PAID','IRRECOVERABLE','WITHDRAWN',
                     'IN_PROGRESS','AWAITING_JUDICIAL'])[1 + ${h('i')} % 25]::"FileStatus" AS status,
              (1 + ${h('i + 7')} % 700)::int AS pd,
              1 + (i % 3 = 0)::int + (i % 7 = 0)::int AS nc,
              (${h('i + 11')} % 120)::int AS contact_days,
              i % 3 = 0 AS company
         FROM generate_series(1, ${files}) i;
       UPDATE seed_file SET pd = 1 + pd % 25 WHERE status = 'NEW';
       ALTER TABLE seed_file ADD PRIMARY KEY (i);
       ANALYZE seed_file`,
    ],
    [
      'drop secondary indexes',
      // A bulk load is faster building each index once at the end than growing it row by row. Only indexes
      // that back no constraint are dropped; the same definitions are rebuilt below, before anything is read.
      `CREATE TEMP TABLE bench_index AS
       SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relnamespace = 'public'::regnamespace
          AND t.relname IN ('debtor', 'contact_point', 'case_file', 'claim', 'activity', 'promise', 'task', 'dispute',
                            'payment_plan', 'plan_instalment', 'payment', 'allocation')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
       DO $$ DECLARE r record; BEGIN
         FOR r IN SELECT name FROM bench_index LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
       END $$`,
    ],
    [
      'debtors',
      `INSERT INTO debtor (tenant_id, id, kind, first_name, last_name, company_name, display_name)
       SELECT t.id, s.debtor_id, (CASE WHEN s.company THEN 'COMPANY' ELSE 'PERSON' END)::"DebtorKind",
              CASE WHEN s.company THEN NULL ELSE 'Prénom' || (s.i % 997) END,
              CASE WHEN s.company THEN NULL ELSE 'NOM' || s.i END,
              CASE WHEN s.company THEN 'Société ' || s.i || ' SARL' END,
              CASE WHEN s.company THEN 'Société ' || s.i || ' SARL' ELSE 'NOM' || s.i || ' Prénom' || (s.i % 997) END
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t`,
    ],
    [
      'contact points',
      `INSERT INTO contact_point (tenant_id, debtor_id, kind, label, line1, postcode, city, country, status)
       SELECT t.id, s.debtor_id, 'ADDRESS', 'Domicile', (1 + s.i % 140) || ' rue de la République',
              lpad((1000 + s.i % 94000)::text, 5, '0'), 'Ville ' || (s.i % 500), 'FR', 'VALID'
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t;
       INSERT INTO contact_point (tenant_id, debtor_id, kind, label, phone, status)
       SELECT t.id, s.debtor_id, 'PHONE', 'Mobile', '+3361' || lpad((s.i % 10000000)::text, 7, '0'), 'UNVERIFIED'
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t WHERE s.i % 5 <> 0`,
    ],
    [
      'files',
      `INSERT INTO case_file (tenant_id, id, reference, creditor_id, debtor_id, mandate_id, assignee_id, phase, status,
                              principal_cents, collected_cents, oldest_due_on, placed_at, closed_at, last_contact_at,
                              limitation_on, nature)
       SELECT t.id, s.id, 'B' || lpad(s.i::text, 7, '0'), pg_temp.uid('cr' || s.cr), s.debtor_id, pg_temp.uid('md' || s.cr),
              s.assignee,
              (CASE WHEN s.status IN ('PAID', 'IRRECOVERABLE', 'WITHDRAWN') THEN 'CLOSED'
                    WHEN s.status = 'NEW' THEN 'INTAKE' WHEN s.status = 'AWAITING_JUDICIAL' THEN 'JUDICIAL'
                    ELSE 'AMICABLE' END)::"FilePhase",
              s.status, a.total, CASE WHEN s.status = 'PAID' THEN a.total ELSE 0 END,
              current_date - s.pd - 30 - s.i % 200, now() - s.pd * interval '1 day',
              CASE WHEN s.status IN ('PAID', 'IRRECOVERABLE', 'WITHDRAWN') THEN now() - (s.pd / 2) * interval '1 day' END,
              CASE WHEN s.status = 'NEW' OR s.i % 17 = 0 THEN NULL
                   ELSE now() - least(s.contact_days, s.pd - 1) * interval '1 day' END,
              current_date - s.pd - 30 - s.i % 200 + CASE WHEN s.company THEN interval '5 years' ELSE interval '2 years' END,
              (CASE WHEN s.company THEN 'B2B' ELSE 'CONSUMER' END)::"ClaimNature"
         FROM seed_file s
        CROSS JOIN (SELECT id FROM agency WHERE slug = 'bench') t
        CROSS JOIN LATERAL (SELECT sum(3500 + ${h('s.i * 4 + k')} % 400000) AS total FROM generate_series(1, s.nc) k) a`,
    ],
    [
      'claims',
      // Triggers are off (replica): the limitation columns their trigger would fill, as the import merge writes them.
      `INSERT INTO claim (tenant_id, file_id, creditor_id, invoice_number, issued_on, due_on, principal_cents, nature,
                         limitation_basis, limitation_starts_on, limitation_on)
       SELECT t.id, s.id, pg_temp.uid('cr' || s.cr), 'INV-' || s.i || '-' || k, d.due - 30, d.due,
              3500 + ${h('s.i * 4 + k')} % 400000, 'B2B', 'COMMERCIAL', d.due, (d.due + interval '5 years')::date
         FROM seed_file s CROSS JOIN generate_series(1, s.nc) k CROSS JOIN (SELECT id FROM agency WHERE slug = 'bench') t
        CROSS JOIN LATERAL (SELECT current_date - s.pd - 30 - s.i % 200 + (k - 1) * 30 AS due) d`,
    ],
    [
      'activities (3 per file)',
      `INSERT INTO activity (tenant_id, file_id, actor_id, kind, details, occurred_at)
       SELECT t.id, s.id, CASE WHEN k = 1 THEN NULL ELSE s.assignee END,
              (ARRAY['file.placed', 'letter.sent', 'contact.call'])[k],
              (ARRAY['{"creditorName": "Créancier", "claims": 1, "principalCents": 350000, "currency": "EUR"}',
                     '{"channel": "SIMPLE_LETTER"}',
                     '{"channel": "CALL", "answeredBy": "VOICEMAIL", "outcome": "NONE"}'])[k]::jsonb,
              now() - s.pd * interval '1 day' + (k - 1) * least(s.pd / 3, 5) * interval '1 day'
         FROM seed_file s CROSS JOIN generate_series(1, 3) k CROSS JOIN (SELECT id FROM agency WHERE slug = 'bench') t`,
    ],
    [
      'promises, tasks, disputes',
      `INSERT INTO promise (tenant_id, file_id, amount_cents, due_on, status, created_at, resolved_at)
       SELECT t.id, s.id, 5000 + s.i % 50000, current_date + (s.i % 31) - 15, 'PENDING', now() - interval '20 days', NULL
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t WHERE s.status = 'PROMISE'
       UNION ALL
       SELECT t.id, s.id, 5000 + s.i % 20000, current_date - 30 - s.i % 30,
              (CASE WHEN s.i % 20 = 3 THEN 'KEPT' ELSE 'BROKEN' END)::"PromiseStatus",
              now() - interval '60 days', now() - (29 + s.i % 30) * interval '1 day'
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t
        WHERE s.status = 'IN_PROGRESS' AND s.i % 10 IN (2, 3);
       INSERT INTO task (tenant_id, file_id, kind, source, due_at, assignee_id)
       SELECT t.id, s.id, (CASE WHEN s.i % 8 = 0 THEN 'CALLBACK' ELSE 'CALL' END)::"TaskKind",
              CASE WHEN s.i % 8 = 0 THEN 'agent' ELSE 'scenario' END,
              date_trunc('day', now()) + ((s.i % 5) - 2) * interval '1 day' + (8 + s.i % 10) * interval '1 hour',
              s.assignee
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t
        WHERE s.status IN ('NEW', 'IN_PROGRESS', 'PROMISE', 'AWAITING_JUDICIAL') AND s.i % 8 IN (0, 1);
       INSERT INTO task (tenant_id, file_id, kind, source, due_at, assignee_id)
       SELECT t.id, s.id, 'INSOLVENCY_FOLLOW_UP', 'agent', now() + (s.i % 40) * interval '1 day', s.assignee
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t WHERE s.status = 'SUSPENDED' AND s.company;
       INSERT INTO dispute (tenant_id, file_id, reason, opened_at)
       SELECT t.id, s.id, 'Conteste le montant facturé', now() - (s.i % 20) * interval '1 day'
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t WHERE s.status = 'DISPUTED'`,
    ],
    [
      'payment plans and instalments',
      `INSERT INTO payment_plan (tenant_id, id, file_id, status, total_cents, frequency, first_due_on, grace_days)
       SELECT t.id, pg_temp.uid('p' || s.i), s.id, 'ACTIVE', 60000, 'MONTHLY', current_date - (s.i % 120), 10
         FROM seed_file s, (SELECT id FROM agency WHERE slug = 'bench') t WHERE s.status = 'PAYMENT_PLAN';
       INSERT INTO plan_instalment (tenant_id, plan_id, seq, due_on, amount_cents, paid_cents, status)
       SELECT p.tenant_id, p.id, n, p.first_due_on + n * interval '1 month', 10000,
              CASE WHEN p.first_due_on + n * interval '1 month' < current_date - 12 THEN 10000 ELSE 0 END,
              (CASE WHEN p.first_due_on + n * interval '1 month' >= current_date THEN 'DUE'
                    WHEN p.first_due_on + n * interval '1 month' >= current_date - 12 THEN 'LATE'
                    ELSE 'PAID' END)::"InstalmentStatus"
         FROM payment_plan p CROSS JOIN generate_series(0, 5) n`,
    ],
    [
      'payments and allocations',
      `INSERT INTO payment (tenant_id, id, file_id, creditor_id, amount_cents, method, received_on)
       SELECT f.tenant_id, pg_temp.uid('pay' || f.id), f.id, f.creditor_id, f.principal_cents, 'TRANSFER', f.closed_at::date
         FROM case_file f WHERE f.status = 'PAID';
       INSERT INTO allocation (tenant_id, payment_id, file_id, claim_id, part, amount_cents)
       SELECT c.tenant_id, pg_temp.uid('pay' || c.file_id), c.file_id, c.id, 'PRINCIPAL', c.principal_cents
         FROM claim c JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id WHERE f.status = 'PAID'`,
    ],
    [
      'rebuild secondary indexes',
      `SET max_parallel_maintenance_workers = 2;
       DO $$ DECLARE r record; BEGIN
         FOR r IN SELECT def FROM bench_index LOOP EXECUTE r.def; END LOOP;
       END $$`,
    ],
  ];
}

/**
 * Schema and settings changes this benchmark found necessary, applied to its scratch database only (the lead
 * moves them to a migration). Row-level security makes the planner cost even a one-row read of a file's
 * plans or payments above jit_above_cost, and JIT then compiles the statement for 0.5–4.5 s before running it
 * in a millisecond; and a file's payment plans had no index by file, so each read scanned all of them.
 */
export const PROPOSED_CHANGES = [
  'CREATE INDEX IF NOT EXISTS payment_plan_tenant_id_file_id_idx ON payment_plan (tenant_id, file_id)',
  // Scoped to this database: the role is shared by every database of the server.
  `DO $$ BEGIN EXECUTE format('ALTER ROLE recouvra_app IN DATABASE %I SET jit = off', current_database()); END $$`,
];

/** Seeds one agency with `files` files and `agents` agents (seedSteps), then ANALYZE. */
export async function seedWorkspace(owner: pg.Client, files: number, agents: number) {
  await owner.query(`SET session_replication_role = replica; SET synchronous_commit = off;
                     SET maintenance_work_mem = '512MB'; SET work_mem = '128MB'`);
  const seedStarted = performance.now();
  for (const [label, sql] of seedSteps(files, agents)) {
    const started = performance.now();
    await owner.query(sql);
    console.log(`  seed ${label.padEnd(30)} ${seconds(performance.now() - started)}`);
  }
  await owner.query('SET session_replication_role = origin');
  // A database in service has been vacuumed: its visibility map lets index-only scans skip the heap. Without it the
  // bench timed every read of a freshly loaded table as if nothing had ever been vacuumed.
  await owner.query('VACUUM (ANALYZE)');
  console.log(`  seeded in ${seconds(performance.now() - seedStarted)} (with VACUUM ANALYZE)`);
}

/** PROPOSED_CHANGES, or (as migrated) their undoing on a database an earlier run changed. */
export async function applyProposedChanges(owner: pg.Client, apply: boolean) {
  if (apply) {
    for (const sql of PROPOSED_CHANGES) {
      await owner.query(sql);
      console.log(`  proposed change applied: ${sql.replace(/\s+/g, ' ')}`);
    }
    await owner.query('ANALYZE payment_plan');
  } else {
    await owner.query(`DO $$ BEGIN EXECUTE format('ALTER ROLE recouvra_app IN DATABASE %I RESET jit', current_database()); END $$;
                       DROP INDEX IF EXISTS payment_plan_tenant_id_file_id_idx`);
  }
}

interface Timing {
  label: string;
  samples: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function table(rows: Timing[], targets: Record<string, number>) {
  const header = ['query', 'p50', 'p95', 'max', 'target p95'];
  const body = rows.map((r) => {
    const s = [...r.samples].sort((a, b) => a - b);
    const target = targets[r.label];
    const p95 = percentile(s, 95);
    return [
      r.label,
      `${percentile(s, 50).toFixed(1)} ms`,
      `${p95.toFixed(1)} ms`,
      `${s[s.length - 1]!.toFixed(1)} ms`,
      target ? `< ${target} ms ${p95 < target ? 'ok' : 'MISSED'}` : 'baseline',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')}`;
  console.log(line(header));
  for (const b of body) console.log(line(b));
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      files: { type: 'string', default: '1000000' },
      agents: { type: 'string', default: '50' },
      requests: { type: 'string', default: '200' },
      keep: { type: 'boolean', default: false },
      /** A database kept by an earlier --keep run: skip the seed, measure again. */
      reuse: { type: 'string' },
      /** Measure the schema and settings as migrated, without PROPOSED_CHANGES. */
      'as-migrated': { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
    },
  });
  const files = Number(values.files);
  const agents = Number(values.agents);
  const requests = Number(values.requests);
  const db = values.reuse ? existingDatabase(values.reuse) : await scratchDatabase('workspace');
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    console.log(
      `workspace benchmark: ${files.toLocaleString('en')} files, ${agents} agents, ${requests} requests each`,
    );
    if (!values.reuse) await seedWorkspace(owner, files, agents);
    await applyProposedChanges(owner, !values['as-migrated']);
    const counts = await owner.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM case_file) AS files, (SELECT count(*) FROM claim) AS claims,
             (SELECT count(*) FROM activity) AS activities, (SELECT count(*) FROM promise) AS promises,
             (SELECT count(*) FROM task) AS tasks, (SELECT count(*) FROM payment_plan) AS plans,
             (SELECT count(*) FROM plan_instalment) AS instalments, (SELECT count(*) FROM payment) AS payments,
             (SELECT count(*) FROM contact_point) AS contact_points`);
    console.log(`  rows ${JSON.stringify(counts.rows[0])}`);

    // Imported after the scratch database is chosen: the app's modules read the URL when first loaded.
    const { dayIn } = await import('../../lib/dates/days');
    const { inTenant } = await import('../../lib/db/tenant');
    const { resolveActor } = await import('../../lib/tenancy/resolve-actor');
    const { refreshTenantQueue } = await import('../../lib/workqueue/refresh');
    const { addDays } = await import('../../lib/dates/days');
    const { workQueue } = await import('../../lib/workqueue/queries');
    const { getFile } = await import('../../lib/cases/queries');
    const extras = await Promise.all([
      import('../../lib/activity/queries').then((m) => m.fileWorkspace).catch(() => null),
      import('../../lib/payments/queries').then((m) => m.filePayments).catch(() => null),
    ]);
    const tenantId = '00000000-0000-4000-8000-00000000be4c';
    const today = dayIn('Europe/Paris');

    const refreshStarted = performance.now();
    let lastShown = 0;
    const summary = await refreshTenantQueue(tenantId, today, {
      onProgress: ({ done, total }) => {
        if (done - lastShown >= total / 10 || done === total) {
          lastShown = done;
          process.stdout.write(
            `\r  refreshTenantQueue ${done.toLocaleString('en')} / ${total.toLocaleString('en')}   `,
          );
        }
      },
    });
    console.log(
      `\r  refreshTenantQueue, first run: ${summary.files.toLocaleString('en')} files in ${summary.batches} batches, ` +
        `${summary.written.toLocaleString('en')} written, ${seconds(performance.now() - refreshStarted)} ` +
        `(${Math.round(summary.files / (summary.ms / 1000)).toLocaleString('en')} files/s)`,
    );
    await owner.query('ANALYZE');
    const queue = await owner.query<{ due: string; ranked: string }>(
      `SELECT count(*) FILTER (WHERE attention_on <= $1::date AND phase <> 'CLOSED') AS due,
              count(*) FILTER (WHERE attention_on IS NOT NULL AND phase <> 'CLOSED') AS ranked FROM case_file`,
      [today],
    );
    console.log(
      `  files due today ${Number(queue.rows[0]!.due).toLocaleString('en')} ` +
        `(${Math.round(Number(queue.rows[0]!.due) / agents).toLocaleString('en')} per agent), ` +
        `with an attention date ${Number(queue.rows[0]!.ranked).toLocaleString('en')}`,
    );

    const actors: Awaited<ReturnType<typeof resolveActor>>[] = [];
    for (let n = 1; n <= agents; n++) {
      actors.push(await resolveActor({ tenantId, membershipId: md5Uuid(`m${n}`), identityId: md5Uuid(`i${n}`) }));
    }
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    const randomFile = () => md5Uuid(`f${1 + Math.floor(Math.random() * files)}`);
    const fileExtras = extras.filter((f): f is NonNullable<typeof f> => f !== null);

    const measures: { label: string; run: () => Promise<unknown> }[] = [
      {
        label: 'PK lookup of one file',
        run: () => inTenant({ tenantId }, (tx) => tx.caseFile.findFirst({ where: { tenantId, id: randomFile() } })),
      },
      { label: 'work queue, page 1', run: () => workQueue(pick(actors), { page: 1 }) },
      { label: 'file page: getFile', run: () => getFile({ actor: pick(actors), id: randomFile() }) },
      {
        label: `file page: all reads (${1 + fileExtras.length} in parallel)`,
        run: () => {
          const actor = pick(actors);
          const id = randomFile();
          return Promise.all([getFile({ actor, id }), ...fileExtras.map((read) => read(actor, id))]);
        },
      },
    ];
    const timings: Timing[] = measures.map((m) => ({ label: m.label, samples: [] }));
    for (let r = 0; r < 20; r++) for (const m of measures) await m.run();
    // Round-robin, so every query sees the same cache and background conditions.
    for (let r = 0; r < requests; r++) {
      for (const [i, m] of measures.entries()) {
        const started = performance.now();
        await m.run();
        timings[i]!.samples.push(performance.now() - started);
      }
    }
    console.log('');
    table(timings, {
      'work queue, page 1': 150,
      'file page: getFile': 100,
      [measures[3]!.label]: 100,
    });

    // The nightly run in steady state: tomorrow, only the files whose rank moves are written.
    const nightly = await refreshTenantQueue(tenantId, addDays(today, 1));
    console.log(
      `\n  refreshTenantQueue the next day: ${nightly.files.toLocaleString('en')} files read, ` +
        `${nightly.written.toLocaleString('en')} written, ${seconds(nightly.ms)}`,
    );

    if (values.explain) {
      const agent = md5Uuid('m1');
      const plan = await owner.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS)
         SELECT id FROM case_file WHERE tenant_id = $1 AND assignee_id = $2 AND phase <> 'CLOSED'
            AND attention_on IS NOT NULL AND attention_on <= $3::date ORDER BY priority_score DESC, id LIMIT 25`,
        [tenantId, agent, today],
      );
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  } finally {
    // The nightly refresh's own pool: closed before the database goes, so it has no connection to lose.
    await owner.end();
    if (values.keep || values.reuse) console.log(`  kept ${db.ownerUrl}`);
    else await db.drop();
  }
}

/** A database an earlier run kept, used as the scratch database without seeding it again. */
export function existingDatabase(name: string) {
  if (!/^recouvra_bench_workspace_\d+$/.test(name)) throw new Error(`--reuse takes a kept bench database, not ${name}`);
  const host = process.env.BENCH_PG_HOST ?? '127.0.0.1:5432';
  process.env.RECOUVRA_ENV_LOADED = '1';
  process.env.MIGRATION_DATABASE_URL = `postgresql://postgres@${host}/${name}`;
  process.env.DATABASE_URL = `postgresql://recouvra_app:recouvra_app@${host}/${name}`;
  process.env.IMPORT_DATABASE_URL = `postgresql://recouvra_import@${host}/${name}`;
  return { ownerUrl: process.env.MIGRATION_DATABASE_URL, drop: async () => undefined };
}

/** The uuid the seed derives from a label, as pg_temp.uid(label) does: its md5, marked as a version-4 uuid. */
export function md5Uuid(label: string): string {
  const md5 = createHash('md5').update(label).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
