import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { followNav, signIn, sql } from './support';

// Issue 14: the managers' watch over claim declarations, reached from the header's portfolio group, in French and in
// English. A company file of the demo (its own debtor, claims due before June 2026) whose debtor went into
// receivership before a court in Guadeloupe; the demo's creditor lives in metropolitan France, so four months
// (R622-24 al. 3): 30 June 2026 + 4 months = Friday 30 October 2026 (day 303: 302 mod 7 = 1, Thursday 1 January + 1),
// long lapsed.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/declarations-${name}.png`, fullPage: true });

test('a manager sees the lapsed declaration with its file, creditor and debtor, in both languages', async ({
  browser,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const [file] = await sql<{ id: string; reference: string; debtor_id: string; tenant_id: string; debtor: string }>(
    `SELECT f.id, f.reference, f.debtor_id, f.tenant_id, d.display_name AS debtor
       FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS' AND f.nature = 'B2B' AND d.kind = 'COMPANY'
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
        AND (SELECT count(*) FROM case_file o WHERE o.tenant_id = f.tenant_id AND o.debtor_id = f.debtor_id) = 1
        AND f.oldest_due_on < DATE '2026-06-01'
      ORDER BY f.reference OFFSET 20 LIMIT 1`,
  );
  expect(file).toBeTruthy();
  await sql(
    `INSERT INTO company_event (tenant_id, debtor_id, kind, court_seat, occurred_on, published_on, note)
     VALUES ($1, $2, 'RECEIVERSHIP', 'GUADELOUPE', DATE '2026-06-20', DATE '2026-06-30', 'e2e declarations')`,
    [file!.tenant_id, file!.debtor_id],
  );

  const french = await browser.newContext();
  const page = await french.newPage();
  await signIn(page, 'manager@alpha.demo');
  await followNav(page, 'Déclarations de créances', 'Portefeuille');
  await expect(page).toHaveURL(/\/declarations$/);
  await expect(page.getByRole('heading', { name: 'Déclarations de créances à faire' })).toBeVisible();
  const row = page.locator(`[data-testid=declarations-watch] tr[data-file="${file!.reference}"]`);
  await expect(row).toHaveAttribute('data-state', 'LAPSED');
  await expect(row).toContainText('30 oct. 2026');
  await expect(row).toContainText('4 mois (R622-24)');
  await expect(row).toContainText('Dépassé : relevé de forclusion (L622-26)');
  await expect(row).toContainText(file!.debtor);
  await expect(row).toContainText('Redressement judiciaire');
  await expect(row).toContainText('Guadeloupe');
  await expect(row).toHaveClass(/bg-red-50/);
  await expect(page.getByTestId('declarations-lapsed')).toHaveClass(/text-red-700/);
  await page.screenshot(shot('01-fr'));

  const english = await browser.newContext();
  const en = await english.newPage();
  await signIn(en, 'manager@alpha.demo');
  await english.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(en.url()).origin }]);
  await en.goto('/declarations');
  await expect(en.getByRole('heading', { name: 'Claim declarations to make' })).toBeVisible();
  const enRow = en.locator(`[data-testid=declarations-watch] tr[data-file="${file!.reference}"]`);
  await expect(enRow).toContainText('30 Oct 2026');
  await expect(enRow).toContainText('Lapsed: ask for relief (L622-26)');
  await expect(enRow).toContainText('Receivership');
  await en.screenshot(shot('02-en'));

  // From the row to the file, where the declaration is recorded.
  await enRow.getByRole('link', { name: file!.reference }).click();
  await expect(en).toHaveURL(new RegExp(`/files/${file!.id}$`));
  await expect(en.getByTestId('declaration-deadline')).toHaveAttribute('data-state', 'LAPSED');

  // Not an agent's page.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, 'agent@alpha.demo');
  const answer = await agent.goto('/declarations');
  expect(answer?.status()).toBe(404);

  await french.close();
  await english.close();
  await agentContext.close();
});
