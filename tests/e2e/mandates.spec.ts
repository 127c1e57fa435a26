import { expect, test } from '@playwright/test';
import { apiSignIn, creditorOfUser, followNav, signIn, sql } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/mandates-${name}.png`, fullPage: true });

/** A one-page PDF small enough to write by hand (offsets in the xref need not be exact for storage). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test('a manager records a mandate, sees it in force, and attaches the signed PDF', async ({ page }) => {
  const reference = `MDT-E2E-${Date.now().toString(36).toUpperCase()}`;
  await signIn(page, 'manager@alpha.demo');
  await expect(page).toHaveURL(/\/files$/);
  await followNav(page, 'Créanciers', 'Portefeuille');
  await expect(page.getByRole('heading', { name: 'Créanciers et mandats' })).toBeVisible();
  const card = page.getByTestId('creditor-MAT-DURAND');
  await expect(card.getByText(/Mandat en vigueur : MDT-MAT-DURAND-/)).toBeVisible();
  await page.screenshot(shot('01-creditors'));

  await card.getByText('Nouveau mandat').click();
  const form = card.getByTestId('new-mandate-MAT-DURAND');
  await form.getByLabel('Référence du mandat').fill(reference);
  await form.getByLabel('Périmètre').selectOption('AMICABLE_AND_JUDICIAL');
  await form.getByLabel('Commission phase amiable (%)').fill('-5');
  await form.getByLabel('Commission phase judiciaire (%)').fill('18');
  await form.getByRole('button', { name: 'Enregistrer le mandat' }).click();

  await expect(form.getByRole('alert')).toContainText('corrigez les champs signalés');
  const amicable = form.getByLabel('Commission phase amiable (%)');
  await expect(amicable).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[data-field-error="commissionAmicablePercent"]')).toHaveText(
    'Pourcentage entre 0 et 100, deux décimales au plus (par ex. 12,5).',
  );
  // What was typed stays, so only the wrong field needs retyping.
  await expect(form.getByLabel('Référence du mandat')).toHaveValue(reference);
  await expect(amicable).toHaveValue('-5');
  await form.scrollIntoViewIfNeeded();
  await page.screenshot(shot('02-field-error'));

  await amicable.fill('13,5');
  await form.getByRole('button', { name: 'Enregistrer le mandat' }).click();
  await expect(form.getByRole('status')).toHaveText('Mandat enregistré.');
  const row = card.getByTestId(`mandate-${reference}`);
  await expect(row).toContainText('En vigueur');
  await expect(row).toContainText('Amiable : 13,5 %');
  await expect(row).toContainText('Judiciaire : 18 %');
  await expect(row).toContainText('Chaque mois, sous 30 jours');
  await expect(card.getByText(`Mandat en vigueur : ${reference}`)).toBeVisible();
  await page.screenshot(shot('03-created'));

  await row.getByRole('link', { name: 'Modifier' }).click();
  await expect(page.getByRole('heading', { name: `Mandat ${reference}` })).toBeVisible();
  const upload = page.getByTestId('mandate-upload');
  await upload
    .getByLabel(/Fichier PDF/)
    .setInputFiles({ name: 'capture.pdf', mimeType: 'application/pdf', buffer: PNG });
  await upload.getByRole('button', { name: 'Téléverser' }).click();
  await expect(upload.getByRole('alert')).toHaveText("L'envoi a échoué : Ce fichier n'est pas un PDF.");
  await upload.getByLabel(/Fichier PDF/).setInputFiles({
    name: 'Mandat signé Durand.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await upload.getByRole('button', { name: 'Téléverser' }).click();
  await expect(upload.getByRole('status')).toHaveText('Document enregistré.');
  await expect(page.getByRole('link', { name: 'Mandat signé Durand.pdf' })).toBeVisible();
  await page.screenshot(shot('04-edit'));

  const edit = page.getByTestId('mandate-edit-form');
  await edit.getByLabel('Frais fixes (€)').fill('35');
  await edit.getByRole('button', { name: 'Enregistrer le mandat' }).click();
  await expect(page).toHaveURL(/\/creditors\?saved=/);
  await expect(page.getByRole('status')).toHaveText(`Mandat ${reference} enregistré.`);
  await expect(row).toContainText('Frais fixes : 35,00 €');

  const [mandate] = await sql<{ id: string }>(`SELECT id FROM mandate WHERE reference = $1`, [reference]);
  const download = await page.request.get(`/api/mandates/${mandate!.id}/document`);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect(download.headers()['content-disposition']).toContain("filename*=UTF-8''Mandat%20sign%C3%A9%20Durand.pdf");
  expect((await download.body()).equals(PDF)).toBe(true);

  await page.getByRole('button', { name: 'en', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Creditors and mandates' })).toBeVisible();
  await expect(row).toContainText('Every month, within 30 days');
  await page.screenshot(shot('06-english'));
  await page.getByRole('button', { name: 'fr', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Créanciers et mandats' })).toBeVisible();
});

test('a creditor user reads its own mandates, with no form, and cannot reach others', async ({ page }) => {
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  const own = await sql<{ reference: string }>(`SELECT reference FROM mandate WHERE creditor_id = $1`, [creditorId]);
  const [other] = await sql<{ id: string }>(
    `SELECT m.id FROM mandate m JOIN agency a ON a.id = m.tenant_id WHERE a.slug = 'alpha' AND m.creditor_id <> $1`,
    [creditorId],
  );
  await signIn(page, 'creditor@alpha.demo');
  await expect(page).toHaveURL(/\/portal$/);
  await page.getByRole('link', { name: 'Mes mandats' }).click();
  await expect(page.getByRole('heading', { name: 'Mes mandats' })).toBeVisible();
  const section = page.getByTestId('portal-mandates');
  for (const m of own) await expect(section.getByTestId(`mandate-${m.reference}`)).toContainText('En vigueur');
  await expect(section.getByText('Amiable : 15 %')).toBeVisible();
  await expect(section.getByText(/RCP-HISCOX-\d{4}-\d{5}/).first()).toBeVisible();
  await expect(page.locator('form input, form select')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByText('Nouveau mandat')).toHaveCount(0);
  await page.screenshot(shot('05-portal'));

  expect((await page.request.get('/creditors')).status()).toBe(404);
  expect((await page.request.get(`/creditors/mandates/${other!.id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/mandates/${other!.id}/document`)).status()).toBe(404);
});

test('the document route answers 404 across agencies, 400 for a malformed id, 401 without a session', async ({
  request,
}) => {
  const [betaMandate] = await sql<{ id: string }>(
    `SELECT m.id FROM mandate m JOIN agency a ON a.id = m.tenant_id WHERE a.slug = 'beta' LIMIT 1`,
  );
  expect((await request.get(`/api/mandates/${betaMandate!.id}/document`)).status()).toBe(401);
  await apiSignIn(request, 'admin@alpha.demo');
  const foreign = await request.get(`/api/mandates/${betaMandate!.id}/document`);
  expect(foreign.status()).toBe(404);
  expect(await foreign.json()).toEqual({
    error: {
      code: 'NOT_FOUND',
      message: 'This item does not exist (any more), or is not yours to see.',
      ref: { key: 'errors.codes.NOT_FOUND' },
    },
  });
  const upload = await request.post(`/api/mandates/${betaMandate!.id}/document?name=x.pdf`, {
    headers: { 'Content-Type': 'application/pdf' },
    data: PDF,
  });
  expect(upload.status()).toBe(404);
  const malformed = await request.get('/api/mandates/not-a-uuid/document');
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.fields).toEqual({ mandateId: 'Invalid mandate id.' });
  expect((await request.get(`/creditors/mandates/${betaMandate!.id}`)).status()).toBe(404);
});
