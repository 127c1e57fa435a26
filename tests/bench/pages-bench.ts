// npm run bench -- pages [--files 1000000] [--reuse recouvra_bench_workspace_<pid>] [--keep]
//                        [--connections 1,20,50] [--duration 10] [--processes <n>] [--routes queue,file,...]
// The production build (dist/entry.mjs web, as npm start and the image run it) on a workspace-bench database,
// driven by autocannon as signed-in agents: the queue, the file page, the file JSON and a contact logged through
// the contact form's server action, beside the same run's /api/health floor. Prints p50/p97.5, requests per second,
// bytes per response and errors per route and connection count, then each page's HTML and RSC payload sizes.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { actionId, signIn, startApp, stopApp, until } from './http-app';
import { scratchDatabase } from './scratch-db';
import { applyProposedChanges, existingDatabase, md5Uuid, seedWorkspace } from './workspace-bench';

const TENANT = '00000000-0000-4000-8000-00000000be4c';
const PASSWORD = 'bench-password-not-secret';
const ROUTES = ['health', 'queue', 'file', 'file-json', 'log-contact'] as const;
type Route = (typeof ROUTES)[number];

interface Agent {
  cookie: string;
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      files: { type: 'string', default: '1000000' },
      agents: { type: 'string', default: '50' },
      reuse: { type: 'string' },
      keep: { type: 'boolean', default: false },
      connections: { type: 'string', default: '1,20,50' },
      duration: { type: 'string', default: '10' },
      processes: { type: 'string' },
      port: { type: 'string', default: '3180' },
      routes: { type: 'string', default: ROUTES.join(',') },
    },
  });
  const files = Number(values.files);
  const agents = Number(values.agents);
  const duration = Number(values.duration);
  const connections = values.connections.split(',').map(Number);
  const routes = values.routes.split(',') as Route[];
  for (const r of routes) if (!ROUTES.includes(r)) throw new Error(`--routes: unknown route ${r}`);
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--connections: whole numbers ≥ 1');
  const port = Number(values.port);
  const base = `http://localhost:${port}`;

  if (spawnSync('bash', ['lib/cli/build-is-stale.sh']).status === 0) {
    console.log('pages benchmark: building the production app (npm run build)');
    if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }

  const db = values.reuse ? existingDatabase(values.reuse) : await scratchDatabase('workspace');
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  let server: ChildProcess | undefined;
  try {
    if (!values.reuse) {
      await seedWorkspace(owner, files, agents);
      await applyProposedChanges(owner, true);
      const { refreshTenantQueue } = await import('../../lib/workqueue/refresh');
      const { dayIn } = await import('../../lib/dates/days');
      await refreshTenantQueue(TENANT, dayIn('Europe/Paris'));
      await owner.query('ANALYZE');
    }
    const { hashPassword } = await import('../../lib/tenancy/passwords');
    await owner.query(`UPDATE identity SET password_hash = $1 WHERE email LIKE 'agent%@bench.test'`, [
      await hashPassword(PASSWORD),
    ]);
    const fileCount = Number((await owner.query(`SELECT count(*) AS n FROM case_file`)).rows[0].n);
    // Files a contact can be logged on: open, with the debtor's phone; each is used once per version.
    const callable = (
      await owner.query<{ id: string; version: string; phone: string }>(
        `SELECT f.id, f.version, c.id AS phone FROM case_file f
           JOIN contact_point c ON c.tenant_id = f.tenant_id AND c.debtor_id = f.debtor_id AND c.kind = 'PHONE'
          WHERE f.status IN ('NEW', 'IN_PROGRESS') ORDER BY f.id LIMIT 200000`,
      )
    ).rows.map((r) => ({ id: r.id, version: Number(r.version), phone: r.phone }));

    const storage = await mkdtemp(path.join(tmpdir(), 'recouvra-pages-bench-'));
    const url = new URL(db.ownerUrl);
    const dbName = url.pathname.slice(1);
    server = startApp('web', {
      ...process.env,
      NODE_ENV: 'production',
      RECOUVRA_ENV_LOADED: '1',
      PORT: String(port),
      DATABASE_URL: `postgresql://recouvra_app:recouvra_app@${url.host}/${dbName}`,
      IMPORT_DATABASE_URL: `postgresql://recouvra_import@${url.host}/${dbName}`,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: 'bench-only-secret-not-for-production-use',
      QUEUE_PREFIX: `recouvra-bench-pages-${process.pid}`,
      STORAGE_DIR: storage,
      ...(values.processes ? { WEB_CONCURRENCY: values.processes } : {}),
    });
    await until(async () => (await fetch(`${base}/api/health`)).ok, 'the web server');
    const processes = values.processes ?? 'one per core';
    console.log(
      `pages benchmark: ${fileCount.toLocaleString('en')} files, web processes: ${processes}, ` +
        `${duration} s per run, connections ${connections.join('/')}`,
    );

    // Ten agents spread over the connections: sign-in is throttled per address, as it should be.
    const signedIn: Agent[] = [];
    for (let n = 1; n <= Math.min(10, agents); n += 1)
      signedIn.push({ cookie: await signIn(base, `agent${n}@bench.test`, PASSWORD) });
    const logContact = actionId('app/actions/file-actions.ts', 'logContactAction');
    const randomFile = () => md5Uuid(`f${1 + Math.floor(Math.random() * fileCount)}`);
    let nextCallable = 0;
    let actionFailures = 0;

    const request = (route: Route): autocannon.Request => {
      // autocannon keeps one context per connection: each connection stays one agent.
      const agentOf = (context: object) => {
        const c = context as { agent?: Agent };
        return (c.agent ??= signedIn[Math.floor(Math.random() * signedIn.length)]!);
      };
      const get = (pathFor: () => string) => ({
        method: 'GET' as const,
        setupRequest: (req: autocannon.Request, context: object) => ({
          ...req,
          path: pathFor(),
          headers: { ...req.headers, cookie: agentOf(context).cookie },
        }),
      });
      switch (route) {
        case 'health':
          return { method: 'GET', path: '/api/health' };
        case 'queue':
          return get(() => '/queue');
        case 'file':
          return get(() => `/files/${randomFile()}`);
        case 'file-json':
          return get(() => `/api/files/${randomFile()}`);
        case 'log-contact':
          return {
            method: 'POST',
            setupRequest: (req, context) => {
              const file = callable[nextCallable++ % callable.length]!;
              const input = {
                fileId: file.id,
                expectedVersion: file.version,
                channel: 'CALL',
                contactPointId: file.phone,
                reached: false,
                answeredBy: 'NOBODY',
                outcome: { type: 'NONE' },
              };
              file.version += 1;
              // What the browser sends for a server action called with one plain object (React's encodeReply).
              return {
                ...req,
                path: `/files/${file.id}`,
                headers: {
                  ...req.headers,
                  cookie: agentOf(context).cookie,
                  origin: base,
                  accept: 'text/x-component',
                  'content-type': 'text/plain;charset=UTF-8',
                  'next-action': logContact,
                },
                body: JSON.stringify([input]),
              };
            },
            onResponse: (status, body) => {
              if (status !== 200 || !body.includes('"ok":true')) actionFailures += 1;
            },
          };
      }
    };

    const rows: string[][] = [];
    for (const route of routes) {
      for (const c of connections) {
        actionFailures = 0;
        const result = await autocannon({
          url: base,
          connections: c,
          duration,
          requests: [request(route)],
          timeout: 30,
        });
        const errors = result.errors + result.timeouts + result.non2xx + actionFailures;
        rows.push([
          route,
          String(c),
          `${result.latency.p50} ms`,
          `${result.latency.p97_5} ms`,
          result.requests.average.toFixed(1),
          `${(result.throughput.average / Math.max(result.requests.average, 1) / 1024).toFixed(1)} KB`,
          String(errors),
        ]);
        console.log(`  ${rows.at(-1)!.join('  ')}`);
      }
    }
    console.log('');
    printTable(['route', 'conn.', 'p50', 'p97.5', 'req/s', 'bytes/resp', 'errors'], rows);

    // Weight of a page: its HTML, and the RSC payload a client navigation fetches.
    const agent = signedIn[0]!;
    const file = randomFile();
    console.log('');
    for (const [label, pagePath] of [
      ['queue', '/queue'],
      ['file page', `/files/${file}`],
    ] as const) {
      const html = await (await fetch(`${base}${pagePath}`, { headers: { cookie: agent.cookie } })).text();
      const rsc = await (await fetch(`${base}${pagePath}`, { headers: { cookie: agent.cookie, rsc: '1' } })).text();
      console.log(
        `  ${label.padEnd(10)} HTML ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB, ` +
          `RSC payload ${(Buffer.byteLength(rsc) / 1024).toFixed(1)} KB`,
      );
    }
    console.log(
      `  load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    if (server) stopApp(server);
    await owner.end();
    if (values.keep || values.reuse) console.log(`  kept ${db.ownerUrl}`);
    else await db.drop();
  }
}

function printTable(header: string[], body: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')}`;
  console.log(line(header));
  for (const b of body) console.log(line(b));
}
