import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, creditorOfUser, signIn, sql } from './support';

// The same refusal read by a French and an English reader: a payment reversal with a reason too short. The
// use-case throws a catalogue key (payments.errors.reason); the one mapper (lib/errors/describe) writes it in
// the reader's language, chosen by the locale cookie (lib/i18n/request.ts). Nothing is written either time.

async function refuseReversal(page: Page, fileId: string) {
  await page.goto(`/files/${fileId}`);
  const payments = page.getByTestId('payments');
  await payments.getByTestId('reverse-payment').first().locator('summary').click();
  const reverse = payments.getByTestId('form-reverse-payment').first();
  await reverse.locator('[name="reason"]').fill('x');
  await reverse.locator('button[type="submit"]').click();
  const error = reverse.locator('[data-field-error="reason"]');
  await expect(error).toBeVisible();
  return {
    field: (await error.innerText()).trim(),
    banner: (await reverse.getByRole('alert').first().innerText()).trim(),
  };
}

test('a refused payment reversal reads in French for a French reader and in English for an English one', async ({
  browser,
}) => {
  const [file] = await sql<{ id: string }>(
    `SELECT f.id FROM case_file f
       JOIN agency a ON a.id = f.tenant_id
       JOIN payment p ON p.tenant_id = f.tenant_id AND p.file_id = f.id AND p.amount_cents > 0 AND p.reverses_id IS NULL
      WHERE a.slug = 'alpha' AND f.phase <> 'CLOSED'
      ORDER BY f.reference LIMIT 1`,
  );
  expect(file, 'a seeded file with a payment').toBeTruthy();
  const reversals = async () =>
    (await sql(`SELECT 1 FROM payment WHERE file_id = $1 AND reverses_id IS NOT NULL`, [file!.id])).length;
  const before = await reversals();

  const frContext = await browser.newContext();
  const french = await frContext.newPage();
  await signIn(french, 'manager@alpha.demo');
  expect(await refuseReversal(french, file!.id)).toEqual({
    field: 'Indiquez un motif de 3 à 500 caractères.',
    banner: 'Rien n’a été enregistré : corrigez les champs signalés.',
  });

  const enContext = await browser.newContext();
  const english = await enContext.newPage();
  await signIn(english, 'manager@alpha.demo');
  await enContext.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(english.url()).origin }]);
  expect(await refuseReversal(english, file!.id)).toEqual({
    field: 'Give a reason of 3 to 500 characters.',
    banner: 'Nothing was saved: correct the fields marked.',
  });

  expect(await reversals()).toBe(before);
  await frContext.close();
  await enContext.close();
});

test('an API error body reads in the caller’s language: its choice of language, else Accept-Language', async ({
  playwright,
  baseURL,
}) => {
  const refusal = async (headers: Record<string, string>, chosen?: 'fr' | 'en') => {
    const host = new URL(baseURL!).hostname;
    const cookies = chosen
      ? [
          {
            name: 'recouvra_locale',
            value: chosen,
            domain: host,
            path: '/',
            expires: -1,
            httpOnly: false,
            secure: false,
            sameSite: 'Lax' as const,
          },
        ]
      : [];
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: headers,
      storageState: { cookies, origins: [] },
    });
    await apiSignIn(request, 'manager@alpha.demo');
    const response = await request.get('/api/files?page=deux&sort=cheapest');
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    await request.dispose();
    return { status: response.status(), code: body.error.code, fields: body.error.fields };
  };
  const sorts = 'recent, amount_desc, amount_asc, age_desc, age_asc';

  expect(await refusal({ 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8' })).toEqual({
    status: 400,
    code: 'INVALID',
    fields: { page: 'Doit être un nombre.', sort: `Doit être l’une de ces valeurs : ${sorts}.` },
  });
  expect(await refusal({ 'Accept-Language': 'en-GB,en;q=0.9' })).toEqual({
    status: 400,
    code: 'INVALID',
    fields: { page: 'Must be a number.', sort: `Must be one of ${sorts}.` },
  });
  // The language chosen on the screens wins over the browser's.
  const chosen = await refusal({ 'Accept-Language': 'fr-FR' }, 'en');
  expect(chosen.fields.page).toBe('Must be a number.');
});

test('an import row’s reason reads in French on a French screen and in English on an English one', async ({ page }) => {
  const csv = [
    'N° facture;Raison sociale;SIREN;Adresse;Code postal;Ville;Échéance;Montant TTC',
    `LANG-${Date.now().toString(36)}-1;Boulangerie Langue SARL;;3 rue des Mots;69003;Lyon;15/03/2026;-120,00`,
  ].join('\n');
  await signIn(page, 'creditor@alpha.demo');
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  const upload = await page.request.post(`/api/imports?creditorId=${creditorId}&fileName=langue.csv`, {
    data: Buffer.from(csv, 'utf8'),
  });
  expect(upload.status()).toBe(201);
  const { importId } = (await upload.json()) as { importId: string };

  await page.goto(`/portal/imports/${importId}`);
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  const rejected = page.getByTestId('rejected-rows').locator('tbody tr');
  await expect(rejected).toHaveCount(1, { timeout: 30_000 });
  await expect(rejected.first()).toContainText('Montant TTC : doit être supérieur à zéro');

  await page.context().addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(rejected).toHaveCount(1);
  await expect(rejected.first()).toContainText('Montant TTC: must be greater than zero');
  await expect(page.getByTestId('rejected-rows')).not.toContainText('supérieur');
});
