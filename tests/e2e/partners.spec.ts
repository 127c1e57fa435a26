import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, sql } from './support';

// Issue 16: the agency's directory of commissaires de justice and lawyers — added with a refusal on the field that is
// wrong, edited, and offered on a file for the hand-over. Screenshots of each page are kept as evidence.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/partners-${name}.png`, fullPage: true });

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('a manager adds a commissaire de justice and a lawyer, edits one, and a file offers them for the hand-over', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'manager@alpha.demo');
  await page.goto('/partners');
  await expect(page.getByRole('heading', { name: 'Commissaires de justice et avocats' })).toBeVisible();
  const form = page.getByTestId('partner-form');

  await form.getByLabel('Profession').selectOption('COMMISSAIRE_DE_JUSTICE');
  await form.getByLabel('Nom ou étude').fill('SCP Morel & Vidal, commissaires de justice');
  await form.getByLabel('Ressort').fill('Tribunal judiciaire de Lyon');
  await form.getByLabel('Départements').fill('69, 01');
  await form.getByLabel('E-mail').fill('pas-une-adresse');
  await form.getByLabel('Téléphone').fill('04 78 00 00 00');
  await form.getByLabel('Honoraires').fill('Tarif réglementé (A444-10 C. com.), provision 150 €');
  await form.getByRole('button', { name: 'Ajouter' }).click();
  // The wrong field is named, and nothing is added.
  await expect(form.getByRole('alert').first()).toBeVisible();
  await expect(page.getByTestId('partners-table')).not.toContainText('SCP Morel');
  await page.screenshot(shot('01-refused'));

  await form.getByLabel('E-mail').fill('etude@morel-vidal.test');
  await form.getByRole('button', { name: 'Ajouter' }).click();
  const table = page.getByTestId('partners-table');
  await expect(table).toContainText('SCP Morel & Vidal');
  await expect(table).toContainText('69, 01');

  await form.getByLabel('Profession').selectOption('LAWYER');
  await form.getByLabel('Nom ou étude').fill('Maître Anne Lefort');
  await form.getByLabel('Ressort').fill('Tribunal judiciaire de Strasbourg');
  await form.getByLabel('Départements').fill('67, 68');
  await form.getByLabel('E-mail').fill('cabinet@lefort-avocat.test');
  await form.getByLabel('Honoraires').fill('Convention d’honoraires : 800 € HT forfait, 10 % de résultat');
  await form.getByRole('button', { name: 'Ajouter' }).click();
  await expect(table).toContainText('Maître Anne Lefort');
  await expect(table).toContainText('Avocat');
  await page.screenshot(shot('02-directory'));

  // The partner's own page: the same form, filled; a change goes back to the directory.
  await table.getByRole('link', { name: 'Maître Anne Lefort' }).click();
  await expect(page.getByRole('heading', { name: 'Maître Anne Lefort' })).toBeVisible();
  await expect(page.getByLabel('Ressort')).toHaveValue('Tribunal judiciaire de Strasbourg');
  await page.screenshot(shot('03-partner'));
  await page.getByLabel('Honoraires').fill('Convention d’honoraires : 900 € HT forfait');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/\/partners$/);
  await expect(table).toContainText('900 € HT forfait');

  // A file in the judicial phase offers both for the hand-over.
  const [file] = await sql<{ id: string }>(
    `SELECT f.id FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = 'alpha' AND f.status = 'AWAITING_JUDICIAL' ORDER BY f.reference LIMIT 1`,
  );
  expect(file, 'a file awaiting the judicial phase').toBeTruthy();
  await page.goto(`/files/${file!.id}`);
  const section = page.getByTestId('partners-section');
  await section.getByText('Transmettre le dossier à un partenaire').click();
  const choices = section.getByTestId('handover-form').getByLabel('Partenaire');
  await expect(choices.locator('option', { hasText: 'SCP Morel & Vidal' })).toHaveCount(1);
  await expect(choices.locator('option', { hasText: 'Maître Anne Lefort — Avocat' })).toHaveCount(1);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot(shot('04-file-handover'));
});
