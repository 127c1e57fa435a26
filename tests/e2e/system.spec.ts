import { expect, test } from '@playwright/test';
import { followNav, signIn } from './support';

test("the admin's system page shows each service and each queue's backlog; others get a 404", async ({ page }) => {
  await signIn(page, 'admin@alpha.demo');
  await followNav(page, 'Système', 'Paramètres');
  await expect(page).toHaveURL(/\/admin\/system$/);
  const health = page.getByTestId('service-health');
  // The e2e server runs a worker beside the web process (tests/e2e/serve.sh): all three answer.
  await expect(health.locator('dd[data-up="true"]')).toHaveCount(3);
  const table = page.getByTestId('queue-metrics');
  for (const queue of ['imports', 'scenarios', 'letters', 'notifications', 'payouts'])
    await expect(table.locator(`tr[data-queue="${queue}"] td`)).toHaveCount(6);
  await expect(table.locator('tr[data-queue="imports"] td').first()).toHaveText('Imports');
  await page.screenshot({ path: 'test-results/screenshots/system-page.png', fullPage: true });

  await page.context().clearCookies();
  await signIn(page, 'manager@alpha.demo');
  const response = await page.goto('/admin/system');
  expect(response?.status()).toBe(404);
});

test('liveness answers without asking anything; readiness names the services and the worker', async ({ request }) => {
  const live = await request.get('/api/health/live');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ ok: true });
  const ready = await request.get('/api/health/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    ok: true,
    ready: true,
    database: true,
    redis: true,
    worker: { alive: true },
  });
  expect(ready.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});
