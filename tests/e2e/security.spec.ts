import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, creditorOfUser, signIn, sql } from './support';
import { appTree } from './walls/app-tree';
import { CROSS_SITE_EXEMPT } from '../../lib/http/same-origin';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

test('every answer carries the security headers; the CSP nonce is new on each page and on its scripts', async ({
  request,
}) => {
  const pages = [await request.get('/signin'), await request.get('/signin')];
  const nonces = [];
  for (const page of pages) {
    const headers = page.headers();
    const csp = directives(headers['content-security-policy']!);
    const nonce = /'nonce-([^']+)'/.exec(csp.get('script-src')!)![1]!;
    nonces.push(nonce);
    expect(csp.get('script-src')).not.toContain('unsafe-inline');
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    // Next put the nonce on every script of the page, and no script goes without it.
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces[0]).not.toBe(nonces[1]);

  for (const response of [pages[0]!, await request.get('/api/health'), await request.get('/api/files')]) {
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    // Served over plain http here: HSTS would be ignored, so it is not sent…
    expect(headers['strict-transport-security']).toBeUndefined();
  }
  // …and it is once a TLS-ending proxy says the browser came over https.
  const https = await request.get('/signin', { headers: { 'x-forwarded-proto': 'https' } });
  expect(https.headers()['strict-transport-security']).toMatch(/^max-age=31536000/);
});

/** Collects every CSP violation the page reports, from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/content security policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
  ];
}

test('under the CSP, pages hydrate: sign-in, charts, client navigation and the language switch work', async ({
  page,
}) => {
  const violations = await watchCsp(page);
  await signIn(page, 'manager@alpha.demo'); // the sign-in form is a client component
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto('/dashboard');
  await expect(page.getByTestId('chart-months').getByRole('application')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation').getByRole('link', { name: 'Dossiers' }).click();
  await expect(page).toHaveURL(/\/files/);
  await page.getByRole('button', { name: /^en$/i }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Files' })).toBeVisible();
  await page.getByRole('button', { name: /^fr$/i }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Dossiers' })).toBeVisible();
  expect(await violations()).toEqual([]);

  const portal = await page.context().newPage();
  const portalViolations = await watchCsp(portal);
  await page.context().clearCookies();
  await signIn(portal, 'creditor@alpha.demo');
  await portal.goto('/portal/dashboard');
  await expect(portal.locator('svg.recharts-surface[role=application]').first()).toBeVisible({ timeout: 30_000 });
  expect(await portalViolations()).toEqual([]);
});

test('a cross-site write to any route handler is refused before it runs; the same write from the app is not', async ({
  request,
}) => {
  await apiSignIn(request, 'manager@alpha.demo');
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  const count = async () => Number((await sql<{ n: string }>(`SELECT count(*)::text AS n FROM import_batch`))[0]!.n);
  const before = await count();

  const writes = appTree().handlers.flatMap((h) =>
    h.methods.filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m)).map((method) => ({ method, pattern: h.pattern })),
  );
  const exempt = (path: string) => CROSS_SITE_EXEMPT.some((e) => path.startsWith(e.prefix));
  expect(writes.filter((w) => !exempt(w.pattern)).length).toBeGreaterThanOrEqual(5);
  const url = (pattern: string) =>
    `${pattern.replace('[id]', '00000000-0000-4000-8000-000000000000')}?creditorId=${creditorId}&fileName=x.csv`;
  for (const { method, pattern } of writes) {
    if (exempt(pattern)) continue;
    const hostile: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://evil.recouvra.example' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of hostile) {
      const response = await request.fetch(url(pattern), { method, headers, data: 'numero;montant\n1;2\n' });
      expect(response.status(), `${method} ${pattern} ${JSON.stringify(headers)}`).toBe(403);
      expect((await response.json()).error.code).toBe('FORBIDDEN');
    }
  }
  expect(await count()).toBe(before);

  // The app's own upload (same origin) still goes through the same door.
  const own = await request.post(`/api/imports?creditorId=${creditorId}&fileName=crawl.csv`, {
    headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'text/csv' },
    data: 'numero_facture;montant;echeance;raison_sociale\nSEC-1;100,00;2026-10-01;Origine SA\n',
  });
  expect(own.status()).toBe(201);
  expect(await count()).toBe(before + 1);
});
