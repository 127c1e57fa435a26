import { expect, test } from '@playwright/test';
import { followNav, signIn, sql } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/finance-${name}.png`, fullPage: true });

test('a manager reads the books: per creditor figures from the seeded money, then one file’s journal', async ({
  page,
}) => {
  const [expected] = await sql<{ held: string }>(
    `SELECT coalesce(-sum(b.balance_cents), 0)::text AS held FROM ledger_balance b JOIN agency a ON a.id = b.tenant_id
      WHERE a.slug = 'alpha' AND b.account = 'CREDITOR_FUNDS_PAYABLE'`,
  );
  expect(Number(expected!.held)).toBeGreaterThan(0);
  await signIn(page, 'manager@alpha.demo');
  await followNav(page, 'Comptabilité', 'Portefeuille');
  await expect(page).toHaveURL(/\/finance$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Comptabilité des fonds', level: 1 })).toBeVisible();
  const total = page.getByTestId('creditor-books').locator('tr').last();
  // The total of funds held, as the database's balances say (digits only: French spacing is the formatter's).
  const heldText = await total.locator('td').nth(1).textContent();
  expect(heldText!.replace(/\D/g, '')).toBe(expected!.held);
  await expect(page.getByTestId('journal')).toContainText('Commission');
  await page.screenshot(shot('01-books'));

  // A file with a payment: its journal, opened from the file page.
  const [file] = await sql<{ id: string }>(
    `SELECT e.file_id AS id FROM journal_entry e JOIN agency a ON a.id = e.tenant_id
      WHERE a.slug = 'alpha' AND e.kind = 'COMMISSION' ORDER BY e.seq LIMIT 1`,
  );
  await page.goto(`/files/${file!.id}`);
  await expect(page.getByTestId('payment-commission').first()).toContainText('Commission');
  await page.getByRole('link', { name: 'Journal comptable du dossier' }).click();
  await expect(page).toHaveURL(new RegExp(`/finance\\?fileId=${file!.id}`));
  const entries = page.getByTestId('journal-entry');
  await expect(entries.first()).toContainText('Paiement reçu');
  await expect(page.getByTestId('journal')).toContainText('Fonds dus au créancier');
  await page.screenshot(shot('02-file-journal'));
});

test('agents and creditor users do not reach the books', async ({ page }) => {
  for (const email of ['agent@alpha.demo', 'creditor@alpha.demo']) {
    await page.context().clearCookies();
    await signIn(page, email);
    expect((await page.goto('/finance'))!.status(), email).toBe(404);
  }
});
