import { expect, test } from '@playwright/test';
import { signIn } from './support';

const shot = (name: string) => `test-results/screenshots/rates-${name}.png`;

// The shipped tables stop at 2026 H1 (legal) and 1 January 2026 (ECB): on the demo's day every agency page
// says so, and the admin enters the next half-year. The figures typed here are test data, marked 'e2e' so that
// tests/e2e/serve.sh removes them before the next run.

test('the admin sees the gap on every page, enters 2026 H2, and a refused field says why', async ({ page }) => {
  await signIn(page, 'admin@alpha.demo');
  await page.goto('/queue');
  const banner = page.getByTestId('stale-rates');
  await expect(banner).toContainText('taux de l’intérêt légal du semestre en cours');
  await banner.getByRole('link', { name: 'Saisir les taux' }).click();
  await expect(page).toHaveURL(/\/settings\/rates$/);

  const legal = page.getByTestId('legal-rates');
  await expect(legal.locator('tbody tr').first()).toContainText('1 janv. 2026 – 30 juin 2026');
  await expect(legal.locator('tbody tr').last()).toContainText('1 janv. 2015 – 30 juin 2015');
  await expect(legal.locator('tbody tr').last()).toContainText('Arrêté du 23 déc. 2014');
  await expect(page.getByTestId('ecb-rates').locator('tbody tr').last()).toContainText('10 sept. 2014');

  const form = page.getByTestId('legal-rate-form');
  await expect(form.getByRole('heading')).toHaveText('Ajouter le semestre du 1 juil. 2026 au 31 déc. 2026');
  await form.getByLabel('Créancier particulier (%)').fill('6,67');
  await form.getByLabel('Autres cas (%)').fill('67');
  await form.getByLabel('Date de l’arrêté').fill('2026-06-20');
  await form.getByLabel('Référence de publication (NOR, JO) — facultatif').fill('e2e');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByRole('alert')).toHaveText('Rien n’a été enregistré : corrigez les champs signalés.');
  await expect(form.getByText('Pourcentage attendu, deux décimales au plus')).toBeVisible();
  await page.screenshot({ path: shot('refused'), fullPage: true });

  await form.getByLabel('Autres cas (%)').fill('2,62');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByRole('status')).toHaveText('Taux enregistré.');
  await expect(legal.locator('tbody tr').first()).toContainText('1 juil. 2026 – 31 déc. 2026');
  await expect(legal.locator('tbody tr').first()).toContainText('6,67');
  // The legal table now covers today; the ECB rate of 1 July 2026 is still to be confirmed.
  await expect(page.getByTestId('stale-rates')).not.toContainText('taux de l’intérêt légal');
  await expect(page.getByTestId('stale-rates')).toContainText('taux BCE');
  await page.screenshot({ path: shot('saved'), fullPage: true });
});

test('a manager reads the tables without a form; an agent has no rate page', async ({ page }) => {
  await signIn(page, 'manager@alpha.demo');
  await page.goto('/settings/rates');
  await expect(page.getByTestId('legal-rates')).toBeVisible();
  await expect(page.getByTestId('legal-rate-form')).toHaveCount(0);
  await expect(page.getByTestId('stale-rates').getByRole('link')).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, 'agent@alpha.demo');
  const response = await page.goto('/settings/rates');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('legal-rates')).toHaveCount(0);
});
