import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support';

// Issue 18: a creditor's API key made from the admin pages (shown once), used by a system (its last use shows),
// revoked (the system is refused at once); the creditor's portal manages its own creditor's keys only.

const shot = (name: string) => `docs/evidence/accounts/${name}.png`;

async function makeKey(page: Page, label: string, lifetime?: string): Promise<string> {
  await page.getByLabel('Nom', { exact: true }).fill(label);
  if (lifetime) await page.getByLabel('Valable').selectOption({ label: lifetime });
  await page.getByRole('button', { name: 'Créer la clé' }).click();
  const shown = page.getByTestId('new-key').locator('code');
  await expect(shown).toHaveText(/^rcv_[a-z0-9-]+_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{32}$/);
  return (await shown.textContent())!;
}

test('an admin makes a key, a system uses it, the admin revokes it', async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'admin@beta.demo');
  await page.goto('/admin/api-keys');
  await expect(page.getByRole('heading', { name: 'Clés d’API' })).toBeVisible();
  await page.getByRole('button', { name: 'Créer la clé' }).click();
  await expect(page.locator('[data-field-error="label"]')).toHaveText('Obligatoire.');
  await page.screenshot({ path: shot('api-keys-invalid-fr'), fullPage: true });
  const label = `ERP e2e ${Date.now()}`;
  const key = await makeKey(page, label, '90 jours');
  await page.screenshot({ path: shot('api-keys-shown-once-fr'), fullPage: true });
  await page.getByRole('button', { name: 'C’est copié' }).click();
  await expect(page.getByTestId('new-key')).toHaveCount(0);
  const row = page.locator(`tr[data-key="${label}"]`);
  await expect(row).toContainText('Jamais utilisée');
  await expect(page.getByText(key)).toHaveCount(0);

  // A system calls the intake API with it: authenticated (its body is refused, which is not the point here).
  const used = await request.post('/api/intake/claims', { headers: { authorization: `Bearer ${key}` }, data: {} });
  expect(used.status()).toBe(400);
  await page.reload();
  await expect(row).not.toContainText('Jamais utilisée');
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: 'Révoquer' }).click();
  await expect(row).toContainText('Révoquée');
  await page.screenshot({ path: shot('api-keys-revoked-fr'), fullPage: true });
  const refused = await request.post('/api/intake/claims', { headers: { authorization: `Bearer ${key}` }, data: {} });
  expect(refused.status()).toBe(401);
});

test('a creditor’s user manages its own creditor’s keys from the portal', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'creditor@beta.demo');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Clés d’API' })
    .click();
  await expect(page).toHaveURL(/\/portal\/api-keys$/);
  // Its own creditor only, in the form and in the list.
  const options = await page.getByLabel('Créancier').locator('option').allTextContents();
  expect(options).toHaveLength(1);
  const label = `Facturation ${Date.now()}`;
  await makeKey(page, label);
  await page.getByRole('button', { name: 'C’est copié' }).click();
  // The list is rendered again after the key is made: read it once the new key is in it.
  await expect(page.locator('[data-testid="api-keys"] tbody tr', { hasText: label })).toBeVisible();
  const creditors = new Set(await page.locator('[data-testid="api-keys"] tbody tr td:nth-child(2)').allTextContents());
  expect([...creditors]).toEqual(options);
  await page.screenshot({ path: shot('portal-api-keys-fr'), fullPage: true });
  // Not the agency's page.
  expect((await page.goto('/admin/api-keys'))?.status()).toBe(404);
});
