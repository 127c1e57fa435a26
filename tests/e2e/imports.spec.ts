import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { followNav, signIn } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/imports-${name}.png`, fullPage: true });

const HEADER = 'N° facture;Raison sociale;SIREN;Nom;Prénom;Adresse;Code postal;Ville;Date facture;Échéance;Montant TTC';

/** A valid SIREN (Luhn check digit) from 8 digits, written with spaces as creditors often do. */
function siren(base: string): string {
  const digits = [...base].map(Number);
  const sum = (withCheck: number) =>
    [...digits, withCheck].reduce((acc, d, i) => {
      const doubled = i % 2 === 1 ? d * 2 : d;
      return acc + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
  const check = [...Array(10).keys()].find((c) => sum(c) % 10 === 0)!;
  const all = `${base}${check}`;
  return `${all.slice(0, 3)} ${all.slice(3, 6)} ${all.slice(6)}`;
}

type Debtor = [
  company: string,
  siren: string,
  last: string,
  first: string,
  address: string,
  postcode: string,
  city: string,
];
const DEBTORS: Debtor[] = [
  ['Boulangerie Testeur SARL', siren('90100001'), '', '', '3 rue des Essais', '69003', 'Lyon'],
  ['Garage E2E Villeurbanne', siren('90100002'), '', '', '12 avenue Verte', '69100', 'Villeurbanne'],
  ['Traiteur Recette SAS', siren('90100003'), '', '', '', '', ''],
  ['Imprimerie Playwright', siren('90100004'), '', '', '8 quai du Test', '69002', 'Lyon'],
  ['', '', 'Essaiville', 'Margaux', '21 rue Chromium', '69007', 'Lyon'],
  ['', '', 'Testenot', 'Bruno', '4 impasse des Lignes', '69120', 'Vaulx-en-Velin'],
  ['', '', 'Recettier', 'Chloé', '17 cours Gambetta', '69003', 'Lyon'],
  ['', '', 'Validin', 'Hugo', '2 place Bellecour', '69002', 'Lyon'],
];

/**
 * 31 rows in French export style: 27 good invoices for the 8 debtors, 3 bad rows (rows 6, 13, 21), and one
 * invoice for a ninth debtor whose SIREN is mistyped (row 32, placed with a warning).
 */
function receivableCsv(prefix: string): { csv: string; placed: { invoice: string; debtor: string }[] } {
  const lines = [HEADER];
  const placed: { invoice: string; debtor: string }[] = [];
  for (let i = 0; i < 30; i += 1) {
    const [company, id, last, first, address, postcode, city] = DEBTORS[i % DEBTORS.length]!;
    const invoice = `${prefix}-${String(i + 1).padStart(3, '0')}`;
    const day = String((i % 27) + 1).padStart(2, '0');
    let due = `${day}/0${(i % 6) + 3}/2026`;
    let amount = `${1 + (i % 4)} ${String((100 + i * 37) % 1000).padStart(3, '0')},${String((i * 7) % 100).padStart(2, '0')}`;
    let cityCell = city;
    const row = i + 2; // the header is row 1 of the spreadsheet
    if (row === 6) amount = '-120,00';
    else if (row === 13) due = '31/02/2026';
    else if (row === 21) cityCell = '=HYPERLINK("http://evil.test";"Lyon")';
    else placed.push({ invoice, debtor: company || `${last.toUpperCase()} ${first}` });
    const cells = [
      invoice,
      company,
      id,
      last,
      first,
      address,
      postcode,
      cityCell,
      `01/0${(i % 6) + 2}/2026`,
      due,
      amount,
    ];
    lines.push(cells.map((c) => (/[";]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';'));
  }
  // Row 32: a SIREN with one digit mistyped. The claim is placed; the SIREN waits on the file, with a warning.
  const good = siren('90100005');
  const mistyped = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
  lines.push(
    [
      `${prefix}-031`,
      'Menuiserie Avertie',
      mistyped,
      '',
      '',
      '5 rue du Chêne',
      '69004',
      'Lyon',
      '01/02/2026',
      '15/03/2026',
      '310,00',
    ].join(';'),
  );
  placed.push({ invoice: `${prefix}-031`, debtor: 'Menuiserie Avertie' });
  return { csv: lines.join('\r\n') + '\r\n', placed };
}

test('a creditor uploads a receivable list, maps, previews, confirms; the agency finds the new files', async ({
  page,
}) => {
  const prefix = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const { csv, placed } = receivableCsv(prefix);
  const target = placed[6]!;
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/impayes-${prefix}.csv`;
  writeFileSync(path, csv, 'utf8');

  await signIn(page, 'creditor@alpha.demo');
  await expect(page).toHaveURL(/\/portal$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Dépôts' }).click();
  await expect(page.getByRole('heading', { name: 'Dépôts de créances' })).toBeVisible();
  // A creditor user places files for its own creditor only: no choice to make.
  await expect(page.getByLabel('Créancier')).toHaveCount(0);
  await page.getByLabel(/Fichier/).setInputFiles(path);
  await page.screenshot(shot('01-upload'));
  await page.getByRole('button', { name: 'Déposer le fichier' }).click();

  await expect(page).toHaveURL(/\/portal\/imports\/[0-9a-f-]{36}$/);
  const importId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { name: 'Correspondance des colonnes' })).toBeVisible();
  // Exact for names: "Raison sociale" is also part of "Nom ou raison sociale".
  const chosen = (label: string | RegExp) =>
    page.getByLabel(label, typeof label === 'string' ? { exact: true } : undefined).locator('option:checked');
  await expect(chosen(/^N° de facture/)).toHaveText('N° facture');
  await expect(chosen(/^Montant dû/)).toHaveText('Montant TTC');
  await expect(chosen(/^Date d'échéance/)).toHaveText('Échéance');
  await expect(chosen(/^Date de facture/)).toHaveText('Date facture');
  await expect(chosen('Raison sociale')).toHaveText('Raison sociale');
  await expect(chosen('SIREN')).toHaveText('SIREN');
  await expect(chosen('Code postal')).toHaveText('Code postal');
  await expect(chosen('E-mail')).toHaveText('— Non utilisée —');
  await expect(page.getByTestId('sample-table').locator('tbody tr')).toHaveCount(5);
  await page.screenshot(shot('02-mapping'));

  // A required field left without a column is caught before anything is sent, in the user's language.
  const invoiceSelect = page.getByLabel(/^N° de facture/);
  await invoiceSelect.selectOption('');
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(page.getByTestId('mapping-form').getByRole('alert')).toContainText('corrigez les champs signalés');
  await expect(invoiceSelect).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-field-error="invoiceNumber"]')).toHaveText(
    'Choisissez la colonne qui contient ce champ.',
  );
  await page.screenshot(shot('02b-mapping-error'));
  await invoiceSelect.selectOption({ label: 'N° facture' });

  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(page.getByRole('heading', { name: 'Résultat de la prévisualisation' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('count-rows')).toHaveText('31');
  await expect(page.getByTestId('count-rejected')).toHaveText('3');
  await expect(page.getByTestId('count-claims')).toHaveText('28');
  await expect(page.getByTestId('count-files')).toHaveText(String(DEBTORS.length + 1));
  await expect(page.getByTestId('count-warned')).toHaveText('1');
  // Shown apart from the refused rows: placed, with the identifier left out and why.
  const warned = page.getByTestId('warned-rows').locator('tbody tr');
  await expect(warned).toHaveCount(1);
  await expect(warned.first()).toContainText('32');
  await expect(warned.first()).toContainText('SIREN : « ');
  await expect(warned.first()).toContainText('la clé de contrôle du SIREN ne correspond pas');
  await expect(page.getByTestId('count-duplicates')).toHaveText('0');
  const rejected = page.getByTestId('rejected-rows').locator('tbody tr');
  await expect(rejected).toHaveCount(3);
  await expect(rejected.nth(0)).toContainText('6');
  // Reasons in the reader's language, after the creditor's own column header.
  await expect(rejected.nth(0)).toContainText('Montant TTC :');
  await expect(rejected.nth(1)).toContainText('Échéance :');
  await expect(rejected.nth(2)).toContainText('Ville :');
  await expect(page.getByTestId('rejected-rows')).not.toContainText(/ is not | required/);
  await page.screenshot(shot('03-preview'));
  // The columns can still change before confirming; cancelling keeps the preview.
  await page.getByRole('button', { name: 'Modifier les colonnes' }).click();
  await expect(chosen(/^N° de facture/)).toHaveText('N° facture');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByTestId('count-rejected')).toHaveText('3');

  // Slow the progress polls down so the running state can be seen and photographed.
  await page.route(/\/api\/imports\/[0-9a-f-]{36}$/, async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: "Confirmer l'import" }).click();
  const bar = page.getByRole('progressbar', { name: 'Avancement' });
  await expect(bar).toBeVisible();
  // The total is the preview's count of rows, no longer the estimate from the file size.
  await expect(bar).toHaveAttribute('aria-valuetext', /sur environ 31$/);
  await page.screenshot(shot('04a-progress'));
  await page.unroute(/\/api\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('count-claims')).toHaveText('28');
  await expect(page.getByTestId('count-rejected')).toHaveText('3');
  await page.screenshot(shot('04b-done'));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger le rapport des lignes rejetées' }).click(),
  ]);
  const report = readFileSync(await download.path(), 'utf8');
  const lines = report
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/^"Ligne";"Motif";/);
  expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(['"6"', '"13"', '"21"']);
  // The formula is written back as text: prefixed with ', never as a cell starting with =.
  expect(report).toContain(`"'=HYPERLINK(""http://evil.test"";""Lyon"")`);
  expect(report).not.toMatch(/(^|;)"=/m);

  await page.goto('/portal/imports');
  await expect(
    page
      .getByTestId('imports-table')
      .getByRole('row', { name: /impayes-E2E/ })
      .first(),
  ).toContainText('Importé');
  await page.screenshot(shot('05-portal-list'));

  // The agency sees the new files at once.
  await page.context().clearCookies();
  await signIn(page, 'agent@alpha.demo');
  // Agents land on their work queue; the files list is one link away.
  await expect(page).toHaveURL(/\/queue$/);
  await page.goto('/files');
  await page.getByRole('searchbox').fill(target.invoice);
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByTestId('files-count')).toHaveText('1 dossier');
  const row = page.locator('tbody tr').first();
  await expect(row).toContainText(target.debtor);
  await page.screenshot(shot('06-agent-search'));
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('debtor-name')).toHaveText(target.debtor);
  await expect(page.getByRole('cell', { name: target.invoice })).toBeVisible();
  await page.screenshot(shot('07-agent-file'));
  // The mistyped SIREN waits on its file for the agent to check.
  await page.goto('/files');
  await page.getByRole('searchbox').fill(`${prefix}-031`);
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.locator('tbody tr').first().getByRole('link').first().click();
  await expect(page.getByTestId('import-warnings')).toContainText('la clé de contrôle du SIREN ne correspond pas');
  await page.screenshot(shot('07b-agent-file-warning'));

  await followNav(page, 'Dépôts', 'Portefeuille');
  await expect(page.getByRole('heading', { name: 'Dépôts de créances' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Créancier' })).toBeVisible();
  await page.screenshot(shot('08-agency-imports'));
  await page.getByRole('button', { name: 'en', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Receivable uploads' })).toBeVisible();
  await page
    .getByTestId('imports-table')
    .getByRole('link', { name: /impayes-E2E/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the rejected rows report' })).toBeVisible();
  await page.screenshot(shot('08b-agency-import-english'));

  // Another agency's staff cannot see that the import exists.
  await page.context().clearCookies();
  await signIn(page, 'agent@beta.demo');
  await expect(page).toHaveURL(/\/queue$/);
  expect((await page.goto(`/imports/${importId}`))?.status()).toBe(404);
  expect((await page.request.get(`/api/imports/${importId}`)).status()).toBe(404);
  expect((await page.request.get(`/api/imports/${importId}/rejections`)).status()).toBe(404);
});

test('an image renamed .csv is refused with a clear message', async ({ page }) => {
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082',
    'hex',
  );
  await signIn(page, 'creditor@alpha.demo');
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto('/portal/imports');
  await page.getByLabel(/Fichier/).setInputFiles({ name: 'impayes-octobre.csv', mimeType: 'text/csv', buffer: png });
  await page.getByRole('button', { name: 'Déposer le fichier' }).click();
  const alert = page.getByTestId('import-upload').getByRole('alert');
  await expect(alert).toContainText('Le fichier a été refusé');
  await expect(alert).toContainText("c'est une image PNG, pas un fichier CSV ou XLSX");
  await expect(page).toHaveURL(/\/portal\/imports$/);
  await page.screenshot(shot('09-image-refused'));

  expect((await page.goto('/portal/imports/not-an-id'))?.status()).toBe(404);
  expect((await page.goto('/portal/imports/00000000-0000-4000-8000-000000000000'))?.status()).toBe(404);
  expect((await page.goto('/imports'))?.status()).toBe(404);
});
