import { expect, test, type Page } from '@playwright/test';
import { signIn, sql } from './support';

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
