import { expect, test } from '@playwright/test';
import { creditorOfUser, signIn, sql } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await signIn(page, 'agent@alpha.demo', 'not-the-password');
  await expect(page.locator('form [role=alert]')).toHaveText('Identifiants incorrects.');
  await expect(page).toHaveURL(/\/signin/);
  await page.screenshot(shot('01-sign-in-refused'));
  await signIn(page, 'nobody@alpha.demo', 'not-the-password');
  await expect(page.locator('form [role=alert]')).toHaveText('Identifiants incorrects.');
});

test('an agent signs in, searches and opens a file', async ({ page }) => {
  const [target] = await sql<{ display_name: string; reference: string; total: string }>(
    `SELECT d.display_name, f.reference, f.principal_cents::text AS total
       FROM case_file f JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       JOIN agency a ON a.id = f.tenant_id WHERE a.slug = 'alpha' ORDER BY f.principal_cents DESC LIMIT 1`,
  );
  await signIn(page, 'agent@alpha.demo');
  // Agents land on their work queue; the files list is one link away.
  await expect(page).toHaveURL(/\/queue$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Dossiers' }).click();
  await expect(page).toHaveURL(/\/files$/);
  await expect(page.getByRole('heading', { name: 'Dossiers' })).toBeVisible();
  await expect(page.getByTestId('files-count')).toContainText('dossiers');
  await page.screenshot(shot('02-agent-files'));

  await page.getByRole('searchbox').fill(target!.display_name);
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/q=/);
  const row = page.getByRole('row', { name: new RegExp(target!.reference) });
  await expect(row).toBeVisible();
  await page.screenshot(shot('03-agent-search'));

  await row.getByRole('link', { name: target!.reference }).click();
  await expect(page.getByTestId('debtor-name')).toHaveText(target!.display_name);
  const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(
    Number(target!.total) / 100,
  );
  await expect(page.getByTestId('claims-total')).toHaveText(euros);
  await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
  await page.screenshot(shot('04-agent-file'));
});

test('the interface switches to English', async ({ page }) => {
  await signIn(page, 'manager@alpha.demo');
  await expect(page.getByRole('heading', { name: 'Dossiers' })).toBeVisible();
  await page.getByRole('button', { name: 'en', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Files' })).toBeVisible();
  await page.screenshot(shot('05-files-english'));
  await page.getByRole('button', { name: 'fr', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dossiers' })).toBeVisible();
});

test('a creditor user signs in and sees only its own files', async ({ page }) => {
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  const [own] = await sql<{ name: string; n: string }>(
    `SELECT c.name, (SELECT count(*) FROM case_file f WHERE f.tenant_id = c.tenant_id AND f.creditor_id = c.id)::text AS n
       FROM creditor c WHERE c.id = $1`,
    [creditorId],
  );
  await signIn(page, 'creditor@alpha.demo');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId('files-count')).toHaveText(`${own!.n} dossiers`);
  const creditorCells = page.locator('tbody tr td:nth-child(3)');
  await expect(creditorCells.first()).toBeVisible();
  expect(new Set(await creditorCells.allTextContents())).toEqual(new Set([own!.name]));
  await page.screenshot(shot('06-creditor-portal'));

  const response = await page.goto('/files');
  expect(response?.status()).toBe(404);
});
