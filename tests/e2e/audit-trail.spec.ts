import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { followNav, signIn, sql } from './support';

// Issue 18: an agent opens a file; the manager finds that read in the audit trail (searched by debtor and by user,
// from the header's settings group) and on the debtor's record ("who looked at this person"), in French and English.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/audit-${name}.png`, fullPage: true });

test("an agent's read of a file shows in the manager's audit search and on the debtor's record", async ({
  browser,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const [file] = await sql<{ id: string; reference: string; debtor_id: string; debtor: string }>(
    `SELECT f.id, f.reference, f.debtor_id, d.display_name AS debtor
       FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS'
      ORDER BY f.reference OFFSET 12 LIMIT 1`,
  );
  expect(file).toBeTruthy();

  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await signIn(agentPage, 'agent@alpha.demo');
  await agentPage.goto(`/files/${file!.id}`);
  await expect(agentPage.getByText(file!.debtor).first()).toBeVisible();
  // An agent has no audit trail and no debtor record.
  expect((await agentPage.goto('/audit'))?.status()).toBe(404);
  expect((await agentPage.goto(`/debtors/${file!.debtor_id}`))?.status()).toBe(404);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'manager@alpha.demo');
  await followNav(page, "Journal d'audit", 'Paramètres');
  await expect(page.getByRole('heading', { name: "Journal d'audit" })).toBeVisible();
  await page.getByLabel('Débiteur').fill(file!.debtor);
  await page.getByLabel('Type').selectOption('read');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/kind=read/);
  const rows = page.locator('[data-testid=audit-entries] tbody tr');
  const agentRow = rows.filter({ hasText: 'Chargé de recouvrement' }).filter({ hasText: 'file.viewed' }).first();
  await expect(agentRow).toBeVisible();
  await expect(agentRow).toContainText(file!.debtor);
  await expect(agentRow).toContainText('Lecture');
  await page.screenshot(shot('01-search-fr'));

  // A bad day is refused, naming the field, and nothing is shown.
  await page.goto('/audit?from=2026-02-31');
  const alert = page.locator('main [role=alert]');
  await expect(alert).toContainText('Du : Indiquez un jour comme 2026-12-31.');
  await expect(page.getByTestId('audit-entries')).toHaveCount(0);

  // The debtor's record, from the file page's debtor card.
  await page.goto(`/files/${file!.id}`);
  await page.getByTestId('debtor-record').click();
  await expect(page).toHaveURL(new RegExp(`/debtors/${file!.debtor_id}$`));
  await expect(page.getByTestId('debtor-name')).toHaveText(file!.debtor);
  const readers = page.getByTestId('debtor-readers');
  await expect(readers).toContainText('Qui a consulté cette personne');
  await expect(readers.locator('tr', { hasText: 'Chargé de recouvrement' }).first()).toContainText('file.viewed');
  await expect(readers.locator('tr', { hasText: 'debtor.viewed' }).first()).toContainText('Responsable');
  await page.screenshot(shot('02-debtor-record-fr'));

  // The file is open: erasure is refused, and the page says why in the reader's language.
  await expect(page.getByTestId('debtor-erasure')).toContainText(
    `Le dossier ${file!.reference} est encore ouvert : la créance est en cours de recouvrement.`,
  );

  // The person's data, to answer an access request: a PDF and JSON, each export recorded.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByText('Exporter en PDF').click()]);
  expect(pdf.suggestedFilename()).toBe(`donnees-${file!.debtor}.pdf`);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByText('Exporter en JSON').click()]);
  const data = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
    sections: { files: { reference: string }[] };
  };
  expect(data.sections.files.map((f) => f.reference)).toContain(file!.reference);
  const [exports] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'debtor.exported' AND debtor_id = $1`,
    [file!.debtor_id],
  );
  expect(exports!.n).toBe(2);

  await context.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(page.url()).origin }]);
  await page.goto(`/audit?debtor=${file!.debtor_id}`);
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Collection agent' }).first()).toContainText('Read');
  await page.screenshot(shot('03-search-en'));
  await agentContext.close();
  await context.close();
});
