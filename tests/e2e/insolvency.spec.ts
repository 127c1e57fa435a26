import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { shortcutsReady, signIn, sql } from './support';

// Issue 14 / issue 16 « Déclaration de créance »: an agent records the opening judgment with its mandataire
// judiciaire; the file shows the proceedings and the deadline (in red once lapsed); the declaration is filed,
// admitted, and a dividend recorded. A company file of the middle of the demo's list, which no other spec takes.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/insolvency-${name}.png`, fullPage: true });

test('an opening judgment with its mandataire, the lapsed deadline in red, the declaration, admission and dividend', async ({
  page,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const [file] = await sql<{ id: string; reference: string }>(
    `SELECT f.id, f.reference FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS' AND f.nature = 'B2B' AND d.kind = 'COMPANY'
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
        AND NOT EXISTS (SELECT 1 FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id)
        AND (SELECT count(*) FROM case_file o WHERE o.tenant_id = f.tenant_id AND o.debtor_id = f.debtor_id) = 1
        AND f.oldest_due_on < DATE '2026-06-01'
      ORDER BY f.reference OFFSET 30 LIMIT 1`,
  );
  expect(file).toBeTruthy();

  await signIn(page, 'agent@alpha.demo');
  await page.goto(`/files/${file!.id}`);
  await shortcutsReady(page, 'action-panel');
  await page.keyboard.press('j');
  const form = page.getByTestId('form-event');
  await form.getByLabel('Événement', { exact: true }).selectOption('RECEIVERSHIP');
  await form.getByLabel("Date de l'événement").fill('2026-06-20');
  await form.getByLabel('Publié au BODACC le').fill('2026-06-30');
  // The seat is proposed from the debtor's (metropolitan) address; this judgment came from Fort-de-France.
  const seat = form.getByLabel('Siège du tribunal qui a ouvert la procédure');
  await expect(seat).toHaveValue('METROPOLE');
  await seat.selectOption('MARTINIQUE');
  await form.getByLabel('Mandataire judiciaire (nom, étude)').fill('SELARL Mandatum, Me Claire Dupont');
  await form.getByLabel('Adresse du mandataire').fill('4 quai Jules Courmont');
  await form.getByLabel('Code postal', { exact: true }).fill('69002');
  await form.getByLabel('Ville', { exact: true }).fill('Lyon');
  await form.getByRole('button', { name: "Enregistrer l'événement" }).click();

  const section = page.getByTestId('insolvency-section');
  await expect(section.getByTestId('insolvency-administrator')).toContainText('SELARL Mandatum, Me Claire Dupont');
  // The demo creditor lives in metropolitan France, the court sits in Martinique: R622-24 al. 3 gives it four months.
  // 30 June + 4 months = Friday 30 October 2026 (day 303: 302 mod 7 = 1, Thursday 1 January + 1); long past: red.
  await expect(section.getByTestId('insolvency-court-seat')).toHaveAttribute('data-seat', 'MARTINIQUE');
  await expect(section.getByTestId('insolvency-court-seat')).toContainText('Délai porté à 4 mois');
  const deadline = section.getByTestId('declaration-deadline');
  await expect(deadline).toHaveAttribute('data-state', 'LAPSED');
  await expect(deadline).toContainText('30 oct. 2026');
  await expect(deadline).toHaveClass(/text-red-700/);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot(shot('01-lapsed'));

  await section.getByText('Enregistrer la déclaration').first().click();
  const filing = page.getByTestId('form-declaration-file');
  await filing.getByLabel('Pouvoir spécial du créancier daté du').fill('2026-08-10');
  await filing.getByRole('button', { name: 'Enregistrer la déclaration' }).click();
  await expect(section.getByTestId('declaration-deadline')).toHaveAttribute('data-state', 'FILED');
  await expect(section.getByTestId('declaration-status')).toContainText('En attente de vérification');
  await expect(page.getByTestId('timeline')).toContainText('Créance déclarée au mandataire judiciaire');

  await section.getByText('Admission, contestation ou rejet').click();
  const decide = page.getByTestId('form-declaration-decide');
  await decide.getByLabel('Issue', { exact: true }).selectOption('ADMITTED');
  await decide.getByRole('button', { name: 'Enregistrer l’issue' }).click();
  await expect(section.getByTestId('declaration-status')).toContainText('Admise');

  await section.getByText('Dividende reçu').click();
  const dividend = page.getByTestId('form-declaration-dividend');
  await dividend.getByLabel('Montant du dividende').fill('25,00');
  await dividend.getByRole('button', { name: 'Enregistrer le dividende' }).click();
  await expect(section.getByTestId('declaration-dividends')).toContainText('25,00');
  await expect(page.getByTestId('timeline')).toContainText('dividende de la procédure collective');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot(shot('02-admitted-dividend'));

  // The dividend is a payment of the file, linked to its declaration.
  const [dividendRow] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM declaration_dividend d JOIN payment p ON p.tenant_id = d.tenant_id AND p.id = d.payment_id
      WHERE p.file_id = $1`,
    [file!.id],
  );
  expect(dividendRow).toEqual({ n: '1' });

  // A credit note halves the largest invoice: the amounts declared are no longer right. A corrective declaration,
  // after the deadline, needs the day of the relief order (L622-26); it is a declaration of its own, listed under the
  // first, which stays as it was (decision 0021).
  await sql(
    `UPDATE claim SET principal_cents = principal_cents / 2
      WHERE id = (SELECT id FROM claim WHERE file_id = $1 AND cancelled_at IS NULL ORDER BY principal_cents DESC LIMIT 1)`,
    [file!.id],
  );
  await page.reload();
  await section.getByText('Déclaration complémentaire ou rectificative').click();
  const linked = page.getByTestId('form-declaration-linked');
  await linked.getByLabel('Nature de la déclaration').selectOption('CORRECTIVE');
  await linked.getByLabel('Pouvoir spécial du créancier daté du').fill('2026-11-20');
  await linked.getByRole('button', { name: 'Enregistrer la déclaration' }).click();
  await expect(linked).toContainText('relevant le créancier de la forclusion');
  await linked.getByLabel('Relevé de forclusion ordonné le (après le délai seulement)').fill('2026-11-25');
  await linked.getByRole('button', { name: 'Enregistrer la déclaration' }).click();
  const row = section.getByTestId('declaration-linked');
  await expect(row).toHaveAttribute('data-kind', 'CORRECTIVE');
  await expect(row).toContainText('Déclaration rectificative');
  await expect(row).toContainText('25 nov. 2026');
  await expect(page.getByTestId('timeline')).toContainText('Déclaration de créance rectificative');
  await expect(section.getByTestId('declaration-status')).toContainText('Admise');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot(shot('03-corrective'));
});
