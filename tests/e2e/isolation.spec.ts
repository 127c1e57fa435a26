import { expect, test } from '@playwright/test';
import { apiSignIn, creditorOfUser, fileOf, sql } from './support';

// Every route and page, asked by a user of agency alpha for agency beta's data, answers 404 with no data.
test.describe('agency isolation on every route and page', () => {
  test('agent of alpha cannot reach beta', async ({ request }) => {
    const betaFile = await fileOf('beta');
    const [betaCreditor] = await sql<{ id: string }>(
      `SELECT c.id FROM creditor c JOIN agency a ON a.id = c.tenant_id WHERE a.slug = 'beta' LIMIT 1`,
    );
    await apiSignIn(request, 'agent@alpha.demo');

    const api = await request.get(`/api/files/${betaFile.id}`);
    expect(api.status()).toBe(404);
    const body = await api.json();
    // The catalogue's reference and its English text: nothing that says whether the file exists elsewhere.
    expect(body).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'This item does not exist (any more), or is not yours to see.',
        ref: { key: 'errors.codes.NOT_FOUND' },
      },
    });

    const list = await request.get(`/api/files?creditor=${betaCreditor!.id}`);
    expect(list.status()).toBe(200);
    expect(await list.json()).toMatchObject({ items: [], total: 0 });

    const search = await (await request.get(`/api/files?q=${betaFile.reference}`)).json();
    expect(search).toMatchObject({ items: [], total: 0 });

    const page = await request.get(`/files/${betaFile.id}`);
    expect(page.status()).toBe(404);
    expect(await page.text()).not.toContain(betaFile.reference);

    const own = await (await request.get('/api/files?pageSize=100')).json();
    const [alpha] = await sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM case_file f JOIN agency a ON a.id = f.tenant_id WHERE a.slug = 'alpha'`,
    );
    expect(own.total).toBe(Number(alpha!.n));
  });

  test('creditor user of alpha cannot reach another creditor’s file, nor beta’s', async ({ request }) => {
    const creditorId = await creditorOfUser('creditor@alpha.demo');
    const otherCreditorFile = await fileOf('alpha', 'f.creditor_id <> $2', [creditorId]);
    const ownFile = await fileOf('alpha', 'f.creditor_id = $2', [creditorId]);
    const betaFile = await fileOf('beta');
    await apiSignIn(request, 'creditor@alpha.demo');

    for (const id of [otherCreditorFile.id, betaFile.id]) {
      expect((await request.get(`/api/files/${id}`)).status()).toBe(404);
      expect((await request.get(`/portal/files/${id}`)).status()).toBe(404);
    }
    expect((await request.get(`/api/files/${ownFile.id}`)).status()).toBe(200);
    expect((await request.get(`/portal/files/${ownFile.id}`)).status()).toBe(200);

    const list = await (await request.get('/api/files?pageSize=100')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((f: { creditorId: string }) => f.creditorId === creditorId)).toBe(true);
    // Agency-side pages do not exist for a creditor user.
    expect((await request.get('/files')).status()).toBe(404);
    expect((await request.get(`/files/${ownFile.id}`)).status()).toBe(404);
  });

  test('without a session the API answers 401 and pages send to sign-in', async ({ request }) => {
    const file = await fileOf('alpha');
    const api = await request.get(`/api/files/${file.id}`);
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Sign in required.', ref: { key: 'errors.auth.signIn' } },
    });
    const page = await request.get('/files', { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(page.status());
    expect(page.headers().location).toContain('/signin');
  });
});

test.describe('bad input answers 400 with the field, never 500', () => {
  const cases: [string, string][] = [
    ['/api/files?pageSize=100000', 'pageSize'],
    ['/api/files?sort=principal_cents%3B%20DROP%20TABLE%20claim', 'sort'],
    ['/api/files?creditor=1%20OR%201%3D1', 'creditor'],
    ["/api/files?q=x'%20OR%201%3D1%20--", 'q'],
    ['/api/files?page=-3', 'page'],
    ['/api/files/not-a-uuid', 'id'],
  ];
  for (const [url, field] of cases) {
    test(url, async ({ request }) => {
      await apiSignIn(request, 'manager@alpha.demo');
      const response = await request.get(url);
      expect(response.status()).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe('INVALID');
      expect(Object.keys(body.error.fields)).toContain(field);
    });
  }

  test('a bad query on the files page shows the field, not an error page', async ({ request }) => {
    await apiSignIn(request, 'manager@alpha.demo');
    const response = await request.get('/files?pageSize=abc');
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('pageSize');
  });
});
