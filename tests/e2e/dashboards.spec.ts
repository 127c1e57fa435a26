import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { apiSignIn, followNav, signIn, sql } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/dashboards-${name}.png`, fullPage: true });

test('a manager opens the dashboard, filters by creditor, sees the chart change and exports CSV', async ({ page }) => {
  await signIn(page, 'manager@alpha.demo');
  await expect(page).not.toHaveURL(/\/signin/);
  await followNav(page, 'Tableau de bord', 'Portefeuille');
  // The first dashboard of a fresh server compiles its queries: give it time.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toBeVisible();
  await expect(page.getByTestId('rate-definition')).toContainText('10 000 € confiés, 8 000 € payés → 80 %');
  // The charts are drawn (recharts renders SVG) and each has its table.
  await expect(page.getByTestId('chart-months').getByRole('application')).toBeVisible();
  await expect(page.getByTestId('chart-cohorts').locator('.recharts-line').first()).toBeVisible();
  await expect(page.getByTestId('table-aging')).toContainText('Plus de 180 jours');
  await expect(page.getByTestId('section-agents')).toContainText(/objectif/i);
  const allPlaced = await page.getByTestId('kpi-placed-value').textContent();
  const allCreditors = Number(await page.getByTestId('chart-breakdown').getAttribute('data-points'));
  expect(allCreditors).toBeGreaterThan(1);
  await page.screenshot(shot('01-manager'));
  for (const section of ['months', 'cohorts', 'aging', 'statuses']) {
    await page
      .getByTestId(`section-${section}`)
      .screenshot({ path: `test-results/screenshots/dashboards-01-${section}.png` });
  }

  const [creditor] = await sql<{ id: string; name: string }>(
    `SELECT c.id, c.name FROM creditor c JOIN agency a ON a.id = c.tenant_id WHERE a.slug = 'alpha' ORDER BY c.code LIMIT 1`,
  );
  await page.locator('select[name=creditorId]').selectOption(creditor!.id);
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page).toHaveURL(new RegExp(`creditorId=${creditor!.id}`), { timeout: 30_000 });
  // The breakdown chart now has one bar group: this creditor's; the figures are its own.
  await expect(page.getByTestId('chart-breakdown')).toHaveAttribute('data-points', '1');
  await expect(page.getByTestId('table-breakdown')).toContainText(creditor!.name);
  await expect(page.getByTestId('kpi-placed-value')).not.toHaveText(allPlaced!);
  await expect(page.locator('select[name=creditorId]')).toHaveValue(creditor!.id);
  await page.screenshot(shot('02-manager-creditor'));

  const download = page.waitForEvent('download');
  await page.getByTestId('section-months').getByRole('link', { name: 'CSV' }).click();
  const file = await (await download).path();
  const csv = await readFile(file, 'utf8');
  expect(csv.startsWith('\uFEFF"Mois de placement";"Dossiers";"Créances";"Principal confié"')).toBe(true);
  expect(csv.trim().split('\r\n').length).toBeGreaterThan(2);

  await page.goto('/dashboard?by=agent&grain=week');
  await expect(page.getByTestId('chart-activity').locator('svg.recharts-surface[role=application]')).toBeVisible();
  await page.getByTestId('section-agents').scrollIntoViewIfNeeded();
  await page.screenshot(shot('03-manager-agents'));
  await page.getByTestId('section-agents').screenshot({ path: 'test-results/screenshots/dashboards-03-agents.png' });

  await page.goto('/dashboard/targets');
  await expect(page.getByRole('heading', { name: 'Objectifs des chargés de recouvrement' })).toBeVisible();
  await expect(page.getByTestId('targets-table')).toContainText('Encaissé');
  await page.screenshot(shot('04-targets'));
});

test('bad filters are explained, exports answer 400 for them and 404 across agencies', async ({ page, request }) => {
  await signIn(page, 'manager@alpha.demo');
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto('/dashboard?from=2026-05-01&to=2026-01-01');
  await expect(page.getByTestId('dashboard-error')).toContainText(
    'Au : doit être postérieure ou égale à la date de début',
  );
  await page.screenshot(shot('05-bad-filter'));

  await apiSignIn(request, 'manager@alpha.demo');
  const inverted = await request.get('/api/reports/dashboard?from=2026-05-01&to=2026-01-01');
  expect(inverted.status()).toBe(400);
  expect((await inverted.json()).error.fields).toEqual({ to: 'must be on or after the start date' });
  const [beta] = await sql<{ id: string }>(
    `SELECT c.id FROM creditor c JOIN agency a ON a.id = c.tenant_id WHERE a.slug = 'beta' LIMIT 1`,
  );
  const unknown = await request.get(`/api/reports/dashboard?creditorId=${beta!.id}`);
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.fields).toEqual({ creditorId: 'no such creditor in this agency' });
  expect((await request.get(`/api/reports/creditors/${beta!.id}/files`)).status()).toBe(404);
  const xlsx = await request.get('/api/reports/dashboard?format=xlsx');
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  const pdf = await request.get('/api/reports/monthly?month=2026-10');
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('a creditor sees its own portfolio and downloads its file list', async ({ page }) => {
  await signIn(page, 'creditor@alpha.demo');
  await expect(page).not.toHaveURL(/\/signin/);
  await page.getByRole('navigation').getByRole('link', { name: 'Mes chiffres' }).click();
  await expect(page).toHaveURL(/\/portal\/dashboard$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Mon portefeuille' })).toBeVisible();
  await expect(page.getByTestId('section-agents')).toHaveCount(0);
  await expect(page.getByTestId('portal-files')).toBeVisible();
  await page.screenshot(shot('06-portal'));
  const download = page.waitForEvent('download');
  await page.getByTestId('export-files').click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv.startsWith('\uFEFF"Dossier";"Débiteur";"Placé le"')).toBe(true);
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toHaveCount(0);
});

test('a manager prices the scenario channels; scenario effectiveness compares two versions with them', async ({
  page,
}) => {
  await signIn(page, 'manager@alpha.demo');
  await expect(page).not.toHaveURL(/\/signin/);
  // The demo ran real scenario steps (lib/demo/scenario-history.ts), two versions of the small-amounts one.
  await page.goto('/dashboard');
  const scenarios = page.getByTestId('section-scenarios');
  await expect(scenarios.getByTestId('table-scenarios')).toContainText('Relance standard — petits montants v2');
  await expect(scenarios.getByTestId('table-scenarios')).toContainText('Relance standard — petits montants v1');
  expect(Number(await page.getByTestId('chart-scenarios').getAttribute('data-points'))).toBeGreaterThan(1);
  await expect(page.getByTestId('unit-costs')).toContainText('SMS 0,08 €');

  await page.getByRole('link', { name: 'Coûts unitaires' }).first().click();
  await expect(page.getByRole('heading', { name: 'Coûts unitaires des étapes de scénario' })).toBeVisible();
  const form = page.getByTestId('costs-form');
  await form.getByLabel('SMS').fill('1,505');
  await form.getByRole('button', { name: 'Enregistrer les coûts' }).click();
  await expect(form.getByRole('alert')).toHaveText('Rien n’a été enregistré : montant illisible pour SMS.');
  await expect(form.getByLabel('SMS')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot(shot('07-costs-refused'));
  await form.getByLabel('SMS').fill('0,12');
  await form.getByRole('button', { name: 'Enregistrer les coûts' }).click();
  await expect(form.getByRole('status')).toContainText('Coûts enregistrés');
  const [saved] = await sql<{ cost_cents: number }>(
    `SELECT c.cost_cents FROM channel_cost c JOIN agency a ON a.id = c.tenant_id
      WHERE a.slug = 'alpha' AND c.channel = 'SMS'`,
  );
  expect(saved!.cost_cents).toBe(12);

  await page.goto('/dashboard#section-scenarios');
  await expect(page.getByTestId('unit-costs')).toContainText('SMS 0,12 €');
  await expect(scenarios.getByTestId('table-scenarios')).toContainText('0,12 €');
  await scenarios.screenshot({ path: 'test-results/screenshots/dashboards-08-scenarios.png' });
  // Back to the default, so the figures of later journeys are the demo's.
  await page.goto('/dashboard/costs');
  await form.getByLabel('SMS').fill('0,08');
  await form.getByRole('button', { name: 'Enregistrer les coûts' }).click();
  await expect(form.getByRole('status')).toContainText('Coûts enregistrés');
});
