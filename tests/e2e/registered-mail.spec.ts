import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fileOf, followNav, signIn, sql } from './support';

// A manager receives the mailing house's file back: first with a mistake (nothing recorded, the bad line listed),
// then right; the registered number shows on the print run and on the file's timeline. The number then turns out
// wrong and is corrected by hand on the file page, in French and in English.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/registered-mail-${name}.png`, fullPage: true });

function parisDay(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

function csvFile(name: string, rows: string[][]) {
  const text = '\uFEFF' + rows.map((r) => r.map((c) => `"${c}"`).join(';')).join('\r\n') + '\r\n';
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

test('a manager uploads the tracking file and sees the number on the print run and the timeline', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const file = await fileOf('alpha');
  const suffix = Date.now().toString(36).toUpperCase();
  const reference = `${file.reference}-MD-${suffix}`;
  const digits = String(Date.now()).slice(-11).padStart(11, '0');
  const number = `1A${digits}`;
  // A registered letter already printed in a run of its own (what the engine and the print job would leave).
  const [run] = await sql<{ id: string }>(
    `INSERT INTO print_run (tenant_id, status, letters, pages, finished_at)
     SELECT tenant_id, 'DONE', 1, 1, now() FROM case_file WHERE id = $1 RETURNING id`,
    [file.id],
  );
  await sql(
    `INSERT INTO document (tenant_id, file_id, kind, storage_key, reference, registered, sent_on, print_run_id)
     SELECT tenant_id, id, 'FORMAL_NOTICE', 'e2e/none', $2, true, $3::date, $4 FROM case_file WHERE id = $1`,
    [file.id, reference, parisDay(), run!.id],
  );

  await signIn(page, 'manager@alpha.demo');
  await expect(page.getByRole('link', { name: 'Courriels capturés' })).toHaveCount(0); // admins only
  await followNav(page, 'Impressions', 'Relances');
  await expect(page.getByRole('heading', { name: 'Impressions en nombre' })).toBeVisible();
  await expect(page.getByTestId('run-registered').first()).toHaveText('1 · 0 n° · 0 AR');

  const upload = page.getByTestId('tracking-upload');
  const today = parisDay().split('-').reverse().join('/');
  const header = ['file_reference', 'letter_reference', 'registered', 'tracking_number', 'sent_on', 'acknowledged_on'];
  await upload
    .getByLabel('Fichier (.csv ou .xlsx)')
    .setInputFiles(csvFile('retour.csv', [header, [file.reference, reference, 'yes', '1A 12', today, today]]));
  await upload.getByRole('button', { name: 'Enregistrer les numéros' }).click();
  const problems = upload.getByTestId('tracking-problems');
  await expect(upload.getByRole('alert')).toContainText("Rien n'a été enregistré : 1 problème à corriger");
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await expect(problems.locator('tbody tr').first()).toContainText('2');
  await expect(problems.locator('tbody tr').first()).toContainText('tracking_number');
  await expect(problems.locator('tbody tr').first()).toContainText(
    "« 1A 12 » n'est pas un numéro de recommandé La Poste",
  );
  await page.screenshot(shot('01-refused'));
  const [untouched] = await sql<{ tracking_number: string | null }>(
    'SELECT tracking_number FROM document WHERE reference = $1',
    [reference],
  );
  expect(untouched!.tracking_number).toBeNull();

  const spaced = number.replace(/^(..)(...)(...)(....)(.)$/, '$1 $2 $3 $4 $5');
  await upload
    .getByLabel('Fichier (.csv ou .xlsx)')
    .setInputFiles(csvFile('retour.csv', [header, [file.reference, reference, 'yes', spaced, today, today]]));
  await upload.getByRole('button', { name: 'Enregistrer les numéros' }).click();
  await expect(upload.getByRole('status')).toHaveText('1 courrier mis à jour sur 1 ligne.');
  await expect(page.getByTestId('run-registered').first()).toHaveText('1 · 1 n° · 1 AR');
  await page.screenshot(shot('02-recorded'));

  // The same file again: nothing new.
  await upload.getByRole('button', { name: 'Enregistrer les numéros' }).click();
  await expect(upload.getByRole('status')).toHaveText('Aucun courrier mis à jour sur 1 ligne, 1 déjà à jour.');

  await page.goto(`/files/${file.id}`);
  const timeline = page.getByTestId('timeline');
  const mediumDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(parisDay()),
  );
  await expect(timeline).toContainText(
    `Courrier ${reference} — n° de recommandé ${number} — accusé de réception du ${mediumDay} (fichier du routeur)`,
  );
  await expect(timeline.getByText(`n° de recommandé ${number}`)).toHaveCount(1);
  await timeline.getByText(`n° de recommandé ${number}`).scrollIntoViewIfNeeded();
  await page.screenshot(shot('03-timeline'));

  // The number was the wrong one: the manager corrects it on the file page, and the timeline keeps both.
  const letter = page.getByTestId('registered-letter').filter({ hasText: reference });
  await expect(letter.getByTestId('letter-tracking')).toHaveText(number);
  await letter.getByText('Saisir ou corriger').click();
  const form = letter.getByTestId('form-registered-letter');
  const numberField = form.getByLabel('N° de recommandé');
  await expect(numberField).toHaveValue(number);
  await numberField.fill('1A 12');
  await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(form.locator('[data-field-error="trackingNumber"]')).toHaveText(
    "« 1A 12 » n'est pas un numéro de recommandé La Poste (ex. : 1A 123 456 7890 1 ou RR123456789FR)",
  );
  await expect(form.getByRole('alert')).toContainText('Rien n’a été enregistré : corrigez les champs signalés.');
  await letter.scrollIntoViewIfNeeded();
  await page.screenshot(shot('04-correction-refused'));

  const corrected = `1A${String(Number(digits) + 1)
    .padStart(11, '0')
    .slice(-11)}`;
  await numberField.fill(corrected.replace(/^(..)(...)(...)(....)(.)$/, '$1 $2 $3 $4 $5'));
  await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText(`Courrier ${reference} mis à jour.`);
  await expect(letter.getByTestId('letter-tracking')).toHaveText(corrected);
  await expect(timeline).toContainText(`Courrier ${reference} — n° de recommandé ${corrected} (au lieu de ${number})`);
  const [fixed] = await sql<{ tracking_number: string | null }>(
    'SELECT tracking_number FROM document WHERE reference = $1',
    [reference],
  );
  expect(fixed!.tracking_number).toBe(corrected);
  await page.screenshot(shot('05-corrected'));

  // The same form for a reader in English: labels and the field's error in English.
  const origin = new URL(page.url()).origin;
  await page.context().addCookies([{ name: 'recouvra_locale', value: 'en', url: origin }]);
  await page.reload();
  const letterEn = page.getByTestId('registered-letter').filter({ hasText: reference });
  await letterEn.getByText('Enter or correct').click();
  const formEn = letterEn.getByTestId('form-registered-letter');
  await formEn.getByLabel('Registered number').fill('RR 123');
  await formEn.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(formEn.locator('[data-field-error="trackingNumber"]')).toHaveText(
    '"RR 123" is not a La Poste registered number (e.g. 1A 123 456 7890 1 or RR123456789FR)',
  );
  await letterEn.scrollIntoViewIfNeeded();
  await page.screenshot(shot('06-english-error'));
});
