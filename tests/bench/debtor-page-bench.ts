// npm run bench -- debtor-page [--files 1000000] [--requests 500] [--debtors 200] [--keep]
//                              [--reuse recouvra_bench_workspace_<pid>] (a database the workspace or pages bench kept)
//                              [--http URL [--connections 200] [--duration 30]] [--lighthouse URL]
// Issue 17's speed bars for the debtor's private page:
// - its server time: what a page view runs (the link's lookup across agencies, then every read of the page through
//   row-level security), timed through the application's own functions on the workspace bench's million files;
//   target p95 < 100 ms;
// - with --http, an autocannon run against a production server (`npm run build && npm start` on this database, with
//   the same NEXTAUTH_SECRET): 200 connections for 30 s, each a different debtor with its own session; target: no
//   error, no timeout, no status other than 200;
// - with --lighthouse, Lighthouse (mobile emulation) in Debian's Chromium on the second-factor state and on the
//   page itself; targets: performance >= 90, accessibility 100. Reports go to test-results/lighthouse/.
import { execFileSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { scratchDatabase } from './scratch-db';
import { existingDatabase, seedWorkspace } from './workspace-bench';

const TENANT = '00000000-0000-4000-8000-00000000be4c';
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Chromium as the e2e tests run it (playwright.config.ts), headless. */
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const LIGHTHOUSE = 'lighthouse@12.2.3'; // 13 wants Node 22

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      files: { type: 'string', default: '1000000' },
      requests: { type: 'string', default: '500' },
      debtors: { type: 'string', default: '200' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      http: { type: 'string' },
      connections: { type: 'string', default: '200' },
      duration: { type: 'string', default: '30' },
      lighthouse: { type: 'string' },
    },
  });
  const files = Number(values.files);
  const requests = Number(values.requests);
  const debtors = Number(values.debtors);
  const db = values.reuse ? existingDatabase(values.reuse) : await scratchDatabase('workspace');
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    if (!values.reuse) {
      console.log(`debtor page benchmark: seeding ${files.toLocaleString('en')} files (the workspace bench's seed)`);
      await seedWorkspace(owner, files, 50);
      await owner.query(`UPDATE agency SET creditor_funds_iban = 'FR7630006000011234567890189' WHERE id = $1`, [
        TENANT,
      ]);
      await owner.query('ANALYZE');
    }

    // Links to the pages of debtors whose files are worked, spread over the whole table (a closed file opens nothing).
    const { rows: sampled } = await owner.query<{ id: string }>(
      `SELECT id FROM case_file TABLESAMPLE SYSTEM (least(100, greatest(1, 100.0 * $1 * 20 / $2)))
        WHERE tenant_id = $3 AND phase <> 'CLOSED' LIMIT $1`,
      [debtors, files, TENANT],
    );
    const links = sampled.map((f) => ({ fileId: f.id, token: randomBytes(18).toString('base64url') }));
    const inserted = await owner.query<{ id: string }>(
      `INSERT INTO debtor_link (tenant_id, file_id, token_hash, carrier, expires_at)
       SELECT $1, f, decode(h, 'hex'), 'AGENT', now() + interval '1 day'
         FROM unnest($2::uuid[], $3::text[]) AS l(f, h)
       RETURNING id::text`,
      [TENANT, links.map((l) => l.fileId), links.map((l) => createHash('sha256').update(l.token).digest('hex'))],
    );
    const sessions = links.map((l, i) => ({ ...l, linkId: inserted.rows[i]!.id }));
    console.log(`  ${sessions.length} debtors' links written (of ${debtors} asked)`);

    // Imported once the scratch database is chosen: the app's modules read the URL when first loaded.
    const { resolveLink } = await import('../../lib/debtor-page/open-link');
    const { debtorPage } = await import('../../lib/debtor-page/queries');
    const { signSession, SESSION_COOKIE, SESSION_SECONDS } = await import('../../lib/debtor-page/rules');

    const view = async (s: (typeof sessions)[number]) => {
      const now = new Date();
      const link = await resolveLink(s.token, now);
      if (!link) throw new Error(`link of ${s.fileId} not resolved`);
      const expiresAt = Math.floor(now.getTime() / 1000) + SESSION_SECONDS;
      const page = await debtorPage({ linkId: link.linkId, tenantId: link.tenantId, expiresAt }, now);
      if (!page) throw new Error(`page of ${s.fileId} empty`);
    };
    const pick = () => sessions[Math.floor(Math.random() * sessions.length)]!;
    for (let r = 0; r < 20; r++) await view(pick());
    const samples: number[] = [];
    for (let r = 0; r < requests; r++) {
      const started = performance.now();
      await view(pick());
      samples.push(performance.now() - started);
    }
    const sorted = samples.sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    console.log(
      `\n  debtor page server time (resolveLink + debtorPage), ${requests} views of ${sessions.length} debtors:\n` +
        `    p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   max ${sorted.at(-1)!.toFixed(1)} ms` +
        `   target p95 < 100 ms ${p95 < 100 ? 'ok' : 'MISSED'}`,
    );

    const secret = process.env.NEXTAUTH_SECRET;
    const cookieOf = (s: (typeof sessions)[number]) => {
      const expiresAt = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
      return `${SESSION_COOKIE}=${signSession(secret!, { linkId: s.linkId, tenantId: TENANT, expiresAt })}`;
    };

    if (values.http) {
      if (!secret) throw new Error('--http needs NEXTAUTH_SECRET, the same as the server’s');
      const { default: autocannon } = await import('autocannon');
      // A fresh server compiles and connects on its first requests (5 s measured): warm it before measuring, so
      // the run does not count the start-up (which showed as transaction-start timeouts, P2028, at 20 connections).
      for (const s of sessions.slice(0, 20)) {
        const warm = await fetch(new URL(`/d/${s.token}`, values.http), { headers: { cookie: cookieOf(s) } });
        if (warm.status !== 200) throw new Error(`warm-up: /d/… answered ${warm.status}`);
        await warm.arrayBuffer();
      }
      let next = 0;
      const result = await autocannon({
        url: values.http,
        connections: Number(values.connections),
        duration: Number(values.duration),
        timeout: 10,
        requests: [
          {
            method: 'GET',
            // Each request the next debtor's page, with that debtor's own session.
            setupRequest: (request) => {
              const s = sessions[next++ % sessions.length]!;
              return { ...request, path: `/d/${s.token}`, headers: { ...request.headers, cookie: cookieOf(s) } };
            },
          },
        ],
      });
      const l = result.latency;
      const bad = result.errors + result.timeouts + result.non2xx;
      console.log(
        `\n  autocannon ${values.connections} connections × ${values.duration} s on ${values.http}:\n` +
          `    ${result.requests.total.toLocaleString('en')} requests (${result.requests.average.toFixed(0)}/s), ` +
          `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}\n` +
          `    latency p50 ${l.p50} ms   p90 ${l.p90} ms   p97.5 ${l.p97_5} ms   p99 ${l.p99} ms   max ${l.max} ms` +
          `   target: no error ${bad === 0 ? 'ok' : 'MISSED'}`,
      );
    }

    if (values.lighthouse) {
      if (!secret) throw new Error('--lighthouse needs NEXTAUTH_SECRET, the same as the server’s');
      const out = 'test-results/lighthouse';
      mkdirSync(out, { recursive: true });
      const s = sessions[0]!;
      const states: [string, Record<string, string>][] = [
        ['second-factor', {}],
        ['page', { Cookie: cookieOf(s) }],
      ];
      console.log('');
      for (const [state, headers] of states) {
        const headerFile = `${out}/debtor-page-${state}.headers.json`;
        writeFileSync(headerFile, JSON.stringify(headers));
        const report = `${out}/debtor-page-${state}.report.json`;
        execFileSync(
          'npx',
          [
            '-y',
            LIGHTHOUSE,
            new URL(`/d/${s.token}`, values.lighthouse).toString(),
            '--only-categories=performance,accessibility',
            '--form-factor=mobile',
            `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
            `--extra-headers=${headerFile}`,
            '--output=json',
            '--output=html',
            `--output-path=${out}/debtor-page-${state}`,
            '--quiet',
          ],
          { stdio: 'inherit', env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } },
        );
        const json = JSON.parse(readFileSync(report, 'utf8')) as {
          categories: Record<string, { score: number }>;
          audits: Record<string, { score: number | null; displayValue?: string }>;
        };
        const perf = Math.round(json.categories.performance!.score * 100);
        const a11y = Math.round(json.categories.accessibility!.score * 100);
        const metric = (id: string) => json.audits[id]?.displayValue ?? '?';
        console.log(
          `  lighthouse ${state}: performance ${perf} (target >= 90 ${perf >= 90 ? 'ok' : 'MISSED'}), ` +
            `accessibility ${a11y} (target 100 ${a11y === 100 ? 'ok' : 'MISSED'}); ` +
            `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, ` +
            `TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}`,
        );
        const failing = Object.entries(json.audits)
          .filter(([, a]) => a.score !== null && a.score < 0.9)
          .map(([id]) => id);
        if (failing.length > 0) console.log(`    audits under 0.9: ${failing.join(', ')}`);
      }
    }
    // The links written for this run are left to expire (a day): a kept database stays as measured.
  } finally {
    await owner.end();
    if (values.keep || values.reuse) console.log(`  kept ${db.ownerUrl}`);
    else await db.drop();
  }
}
