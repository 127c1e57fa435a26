// npm run bench -- agents [--files 1000000] [--agents 50] [--duration 60] [--port 3190] [--keep]
//                         [--reuse recouvra_bench_workspace_<pid>]
// Fifty agents at once for a minute against the production build (node dist/entry.mjs web and worker, `npm run
// build` first), over HTTP with autocannon: the work queue, the file page, logging a contact and recording a
// payment (the two server actions, called as the browser calls them). The files are the workspace bench's
// (1 M by default, seeded with set-based SQL). Prints requests, errors and p50/p95/p99 per route.
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashPassword } from '../../lib/tenancy/passwords';
import { actionId, signIn, startApp, stopApp, until } from './http-app';
import { scratchDatabase } from './scratch-db';
import { seedSteps } from './workspace-bench';

const PASSWORD = 'Bench-agents-password-2026';
const SECRET = 'bench-only-secret-not-for-production-0123456789';

interface Agent {
  email: string;
  cookie: string;
  /** Files of this agent's portfolio with their versions, each used once by a write. */
  writable: { id: string; version: number }[];
  /** Files to open (any of the agent's). */
  readable: string[];
}

function actionIds(): { logContact: string; recordPayment: string } {
  return {
    logContact: actionId('app/actions/file-actions.ts', 'logContactAction'),
    recordPayment: actionId('app/actions/payments.ts', 'recordPaymentAction'),
  };
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      files: { type: 'string', default: '1000000' },
      agents: { type: 'string', default: '50' },
      duration: { type: 'string', default: '60' },
      port: { type: 'string', default: '3190' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
    },
  });
  const files = Number(values.files);
  const agents = Number(values.agents);
  const duration = Number(values.duration);
  const port = Number(values.port);
  const base = `http://localhost:${port}`;
  const ids = actionIds();

  const db = values.reuse
    ? { ownerUrl: `postgresql://postgres@127.0.0.1:5432/${values.reuse}`, drop: async () => undefined }
    : await scratchDatabase('workspace');
  const name = new URL(db.ownerUrl).pathname.slice(1);
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const children: ChildProcess[] = [];
  try {
    console.log(`agents benchmark: ${files.toLocaleString('en')} files, ${agents} agents, ${duration} s`);
    if (!values.reuse) {
      await owner.query(`SET session_replication_role = replica; SET synchronous_commit = off;
                         SET maintenance_work_mem = '512MB'; SET work_mem = '128MB'`);
      const seeded = performance.now();
      for (const [, sql] of seedSteps(files, agents)) await owner.query(sql);
      await owner.query('SET session_replication_role = origin');
      await owner.query('ANALYZE');
      console.log(`  seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    }
    // A receipt needs the agency's creditors'-funds account (a valid test IBAN).
    await owner.query(
      `UPDATE agency SET creditor_funds_iban = 'FR7630006000011234567890189', creditor_funds_bic = 'AGRIFRPPXXX'
        WHERE slug = 'bench'`,
    );
    // The seed's identities cannot sign in ('x'): one real password for every agent.
    await owner.query(`UPDATE identity SET password_hash = $1 WHERE email LIKE 'agent%@bench.test'`, [
      await hashPassword(PASSWORD),
    ]);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RECOUVRA_ENV_LOADED: '1',
      DATABASE_URL: `postgresql://recouvra_app:recouvra_app@127.0.0.1:5432/${name}`,
      IMPORT_DATABASE_URL: `postgresql://recouvra_import@127.0.0.1:5432/${name}`,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      QUEUE_PREFIX: `recouvra-bench-agents-${process.pid}`,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: SECRET,
      SMTP_CAPTURE: '1',
      SMTP_CAPTURE_PORT: String(port - 1975),
      SMTP_URL: `smtp://127.0.0.1:${port - 1975}`,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
    };
    children.push(startApp('worker', env), startApp('web', env));
    await until(async () => (await fetch(`${base}/api/health/ready`)).ok, 'web server and worker');

    const { rows: memberships } = await owner.query<{ email: string; id: string }>(
      `SELECT i.email, m.id FROM identity i JOIN membership m ON m.identity_id = i.id
        WHERE i.email LIKE 'agent%@bench.test' ORDER BY i.email LIMIT $1`,
      [agents],
    );
    const team: Agent[] = [];
    for (const m of memberships) {
      const { rows } = await owner.query<{ id: string; version: number; status: string }>(
        `SELECT id, version, status::text FROM case_file WHERE assignee_id = $1 ORDER BY id LIMIT 2000`,
        [m.id],
      );
      team.push({
        email: m.email,
        cookie: await signIn(base, m.email, PASSWORD),
        writable: rows.filter((r) => r.status === 'IN_PROGRESS').map((r) => ({ id: r.id, version: r.version })),
        readable: rows.map((r) => r.id),
      });
    }
    console.log(`  ${team.length} agents signed in`);

    // Each route has its share of the agents, all at once: autocannon then gives each route's own latencies.
    const shares = { queue: 0.3, file: 0.3, contact: 0.2, payment: 0.2 };
    const today = new Date().toISOString().slice(0, 10);
    let next = 0;
    const agentFor = (context: Record<string, unknown>): Agent =>
      (context.agent ??= team[next++ % team.length]!) as Agent;
    const errors: Record<string, number> = { queue: 0, file: 0, contact: 0, payment: 0 };
    const write = (
      route: 'contact' | 'payment',
      actionId: string,
      body: (f: { id: string; version: number }) => unknown,
    ) => ({
      method: 'POST' as const,
      setupRequest(req: Record<string, unknown>, context: Record<string, unknown>) {
        const agent = agentFor(context);
        const file = agent.writable.pop();
        if (!file) throw new Error(`${agent.email} has no file left to write to`);
        return {
          ...req,
          path: `/files/${file.id}`,
          headers: {
            cookie: agent.cookie,
            origin: base,
            accept: 'text/x-component',
            'content-type': 'text/plain;charset=UTF-8',
            'next-action': actionId,
          },
          body: JSON.stringify([body(file)]),
        };
      },
      onResponse(status: number, responseBody: string) {
        // The action's answer may come in a later chunk of the stream than autocannon hands over: a refusal is
        // counted when seen here, and the payments actually recorded are counted in the database after the run.
        if (status === 200 && !responseBody.includes('"ok":false')) return;
        // The first refusal of each route is printed: an error count alone does not say what to fix.
        if (errors[route]!++ === 0)
          console.log(
            `  first ${route} error: ${status} ${responseBody.slice(Math.max(0, responseBody.indexOf('"ok":false') - 50), responseBody.indexOf('"ok":false') + 700)}`,
          );
      },
    });
    const routes = {
      queue: {
        method: 'GET' as const,
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({
          ...req,
          path: '/queue',
          headers: { cookie: agentFor(context).cookie },
        }),
        onResponse: (status: number) => void (status !== 200 && errors.queue!++),
      },
      file: {
        method: 'GET' as const,
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          const agent = agentFor(context);
          const id = agent.readable[Math.floor(Math.random() * agent.readable.length)];
          return { ...req, path: `/files/${id}`, headers: { cookie: agent.cookie } };
        },
        onResponse: (status: number) => void (status !== 200 && errors.file!++),
      },
      contact: write('contact', ids.logContact, (f) => ({
        fileId: f.id,
        expectedVersion: f.version,
        channel: 'NOTE',
        note: 'bench',
        outcome: { type: 'NONE' },
      })),
      payment: write('payment', ids.recordPayment, (f) => ({
        fileId: f.id,
        expectedVersion: f.version,
        amount: '1',
        method: 'TRANSFER',
        receivedOn: today,
      })),
    };
    const { rows: clock } = await owner.query<{ now: Date }>('SELECT now() AS now');
    const results = await Promise.all(
      (Object.keys(shares) as (keyof typeof shares)[]).map(async (route) => {
        const connections = Math.max(1, Math.round(agents * shares[route]));
        // Every response's time, for the percentiles (autocannon's summary has p97.5 but no p95).
        const times: number[] = [];
        const result = await new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            { url: base, connections, duration, requests: [routes[route] as unknown as autocannon.Request] },
            (error, done) => (error ? reject(error) : resolve(done)),
          );
          instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
        });
        return { route, connections, result, times: times.sort((a, b) => a - b) };
      }),
    );
    console.log('  route     agents  requests   errors   p50 ms   p95 ms   p99 ms');
    let allErrors = 0;
    // Every payment answered must be in the books: a request the stream said nothing against but which recorded
    // nothing is an error too.
    const answered = results.find((r) => r.route === 'payment')!.times.length;
    const { rows: booked } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM payment WHERE amount_cents = 100 AND method = 'TRANSFER' AND recorded_at >= $1`,
      [clock[0]!.now],
    );
    errors.payment = Math.max(errors.payment!, answered - booked[0]!.n);
    console.log(`  payments answered ${answered}, recorded ${booked[0]!.n}`);
    const at = (sorted: number[], q: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!.toFixed(1) : '-';
    for (const { route, connections, result, times } of results) {
      const failed = errors[route]! + result.errors + result.timeouts;
      allErrors += failed;
      console.log(
        `  ${route.padEnd(9)} ${String(connections).padStart(6)} ${String(times.length).padStart(9)} ` +
          `${String(failed).padStart(8)} ${at(times, 0.5).padStart(8)} ${at(times, 0.95).padStart(8)} ` +
          `${at(times, 0.99).padStart(8)}`,
      );
    }
    console.log(`  ${allErrors === 0 ? 'OK: 0 errors' : `FAILED: ${allErrors} errors`}`);
    if (allErrors) process.exitCode = 1;
  } finally {
    for (const child of children) stopApp(child);
    await owner.end();
    if (!values.keep && !values.reuse) await db.drop();
    else console.log(`  kept ${db.ownerUrl}`);
  }
}
