import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { apiSignIn, creditorOfUser } from './support';
import { appTree } from './walls/app-tree';
import {
  ACTION_STATE,
  ACTIONS,
  NO_PATH_ID,
  NOT_CRAWLED,
  PATH_ID,
  QUERY_IDS,
  type ActionCall,
  type Target,
} from './walls/route-walls';
import { agencyId, fingerprint, target } from './walls/targets';

// Every page, route handler and server action of the tree × every role × another agency's ids and (for a
// creditor's user) another creditor's ids of the same agency: a 404, or an answer holding none of their data.

const tree = appTree();
const ROLES = ['admin', 'manager', 'agent', 'creditor'] as const;
const CONCURRENCY = 4;

test('every route and server action of the app tree is classified for the crawl', () => {
  const routes = [...tree.pages.map((p) => p.pattern), ...tree.handlers.map((h) => h.pattern)];
  const classified = (p: string) => p in PATH_ID || p in NO_PATH_ID || p in NOT_CRAWLED;
  expect(
    routes.filter((p) => !classified(p)),
    'routes the crawler cannot classify',
  ).toEqual([]);
  expect(
    Object.keys(NO_PATH_ID).filter((p) => p.includes('[')),
    'an id in a path listed as taking none',
  ).toEqual([]);
  const listed = [...Object.keys(PATH_ID), ...Object.keys(NO_PATH_ID), ...Object.keys(NOT_CRAWLED)];
  expect(
    listed.filter((p) => !routes.includes(p)),
    'listed routes that no longer exist',
  ).toEqual([]);

  const actions = tree.actions.map((a) => `${a.file}#${a.name}`);
  expect(
    actions.filter((a) => !(a in ACTIONS)),
    'server actions the crawler cannot call',
  ).toEqual([]);
  expect(
    Object.keys(ACTIONS).filter((a) => !actions.includes(a)),
    'listed actions that no longer exist',
  ).toEqual([]);
  expect(tree.inlineActions, "inline 'use server' functions cannot be crawled: move them to an actions file").toEqual(
    [],
  );
});

interface Probe {
  what: string;
  send: (request: APIRequestContext) => Promise<APIResponse>;
  /** A path naming the object: only a 404 will do. Otherwise: any answer without the target's data. */
  mustBe404: boolean;
  /** A server action given a valid input around the id: it must answer the NOT_FOUND a wall gives. */
  mustAnswerNotFound?: boolean;
  write?: boolean;
}

function fill(pattern: string, t: Target): string {
  const kind = PATH_ID[pattern];
  return kind ? pattern.replace('[id]', t.ids[kind]) : pattern;
}

function foreignQuery(t: Target): string {
  return new URLSearchParams(Object.entries(QUERY_IDS).map(([name, kind]) => [name, t.ids[kind]])).toString();
}

const CSV = 'numero_facture;montant;echeance;raison_sociale;siren\nCRAWL-1;100,00;2026-10-01;Crawl SA;552100554\n';

function bodyFor(pattern: string): { headers?: Record<string, string>; data: string | Buffer } {
  if (pattern === '/api/mandates/[id]/document') {
    return { headers: { 'content-type': 'application/pdf' }, data: Buffer.from('%PDF-1.4\n%crawl\n%%EOF\n') };
  }
  if (pattern === '/api/imports' || pattern === '/api/registered-mail') {
    return { headers: { 'content-type': 'text/csv' }, data: CSV };
  }
  return { headers: { 'content-type': 'application/json' }, data: JSON.stringify({ mapping: { invoiceNumber: 0 } }) };
}

function routeProbes(t: Target): Probe[] {
  const probes: Probe[] = [];
  for (const page of tree.pages) {
    if (page.pattern in NOT_CRAWLED) continue;
    // The id in the path is the one under test; a path without one gets the ids in its query.
    const url = page.pattern in PATH_ID ? fill(page.pattern, t) : `${page.pattern}?${foreignQuery(t)}`;
    probes.push({ what: `page ${url}`, send: (r) => r.get(url), mustBe404: page.pattern in PATH_ID });
  }
  for (const handler of tree.handlers) {
    if (handler.pattern in NOT_CRAWLED) continue;
    for (const method of handler.methods) {
      const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
      // An upload names its file in the query; nothing else may stand between the request and the id under test.
      const query = [
        handler.pattern in PATH_ID ? '' : foreignQuery(t),
        write ? 'fileName=crawl.csv&name=crawl.pdf' : '',
      ]
        .filter(Boolean)
        .join('&');
      const url = `${fill(handler.pattern, t)}${query ? `?${query}` : ''}`;
      probes.push({
        what: `${method} ${url}`,
        send: (r) => r.fetch(url, { method, ...(write ? bodyFor(handler.pattern) : {}) }),
        // A write to a route without an id names its objects in the query: it must refuse them too.
        mustBe404: handler.pattern in PATH_ID || (write && handler.pattern === '/api/imports'),
        write,
      });
    }
  }
  return probes;
}

/** The build's map of server actions (id, file, export, pages that can run it). */
function actionManifest(): Map<string, { id: string; page: string }> {
  const dist = process.env.NEXT_DIST_DIR ?? '.next';
  const file = join(dist, 'server', 'server-reference-manifest.json');
  if (!existsSync(file)) throw new Error(`no ${file}: the crawl needs the built app`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const byKey = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    byKey.set(`${entry.filename}#${entry.exportedName}`, { id, page: Object.keys(entry.workers)[0]! });
  }
  return byKey;
}

// React's own reply encoding, as the browser sends a server action's arguments.
const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node.js') as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

function pageUrl(worker: string, t: Target): string {
  const pattern = `/${worker
    .replace(/^app\//, '')
    .replace(/\/page$/, '')
    .split('/')
    .filter((s) => !(s.startsWith('(') && s.endsWith(')')))
    .join('/')}`.replace(/\/$/, '');
  return (pattern || '/').replace('[id]', t.ids.file);
}

function actionProbes(t: Target, manifest: Map<string, { id: string; page: string }>): Probe[] {
  const probes: Probe[] = [];
  for (const [key, call] of Object.entries(ACTIONS) as [string, ActionCall][]) {
    if ('none' in call) continue;
    const built = manifest.get(key);
    if (!built) continue; // no page uses it: no browser can call it
    const args = (() => {
      if (!call.form) return [call.args(t)];
      const form = new FormData();
      for (const [name, value] of Object.entries(call.args(t))) {
        for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
      }
      return call.state ? [ACTION_STATE, form] : [form];
    })();
    probes.push({
      what: `action ${key}`,
      mustBe404: false,
      mustAnswerNotFound: !call.form,
      write: true,
      send: async (r) => {
        const body = await encodeReply(args);
        const headers = { 'next-action': built.id, accept: 'text/x-component' };
        return body instanceof FormData
          ? r.post(pageUrl(built.page, t), { headers, multipart: body })
          : r.post(pageUrl(built.page, t), { headers: { ...headers, 'content-type': 'text/plain' }, data: body });
      },
    });
  }
  return probes;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

for (const role of ROLES) {
  test(`${role}: another agency's and another creditor's ids answer 404 with none of their data`, async ({
    playwright,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    const email = `${role}@alpha.demo`;
    const [alpha, beta] = await Promise.all([agencyId('alpha'), agencyId('beta')]);
    const targets = [await target('another agency', beta, null)];
    if (role === 'creditor') targets.push(await target('another creditor', alpha, await creditorOfUser(email)));
    for (const { target: t, missing } of targets) {
      if (missing.length) test.info().annotations.push({ type: 'random ids', description: `${t.label}: ${missing}` });
    }

    const request = await playwright.request.newContext({ baseURL });
    await apiSignIn(request, email);
    const manifest = actionManifest();
    const problems: string[] = [];
    const answered = new Map<string, number>();
    const before = await Promise.all([fingerprint(alpha), fingerprint(beta)]);

    for (const { target: t } of targets) {
      const probes = [...routeProbes(t), ...actionProbes(t, manifest)];
      expect(probes.length).toBeGreaterThan(40);
      await inBatches(probes, CONCURRENCY, async (probe) => {
        const response = await probe.send(request);
        const status = response.status();
        const text = await response.text();
        const label = `${t.label}: ${probe.what} → ${status}`;
        const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
        const seen = `${probe.what.split(' ')[0]} ${status}${code ? ` ${code}` : ''}`;
        answered.set(seen, (answered.get(seen) ?? 0) + 1);
        if (response.headers()['x-nextjs-action-not-found']) problems.push(`${label}: action not found`);
        if (probe.mustBe404 && status !== 404) problems.push(`${label}: expected 404`);
        if (probe.mustAnswerNotFound && code !== 'NOT_FOUND')
          problems.push(`${label}: expected NOT_FOUND, got ${code}`);
        if (status >= 500) problems.push(`${label}: server error`);
        if (probe.write && status >= 200 && status < 300 && /"ok":true/.test(text)) problems.push(`${label}: accepted`);
        for (const marker of t.markers) if (text.includes(marker)) problems.push(`${label}: shows “${marker}”`);
      });
    }
    await request.dispose();
    const answers = JSON.stringify(Object.fromEntries([...answered].sort()));
    test.info().annotations.push({ type: 'answers', description: answers });
    console.log(`${role}: ${answers}`);
    expect(problems).toEqual([]);
    // Nothing any refused write could have touched has moved, in either agency.
    expect(await Promise.all([fingerprint(alpha), fingerprint(beta)])).toEqual(before);
  });
}
