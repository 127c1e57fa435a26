import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, shortcutsReady, signIn, sql } from './support';

// The agent's day from the queue, by keyboard only (no mouse click in the journey): a call with a promise,
// a payment and its receipt, a three-instalment plan and its letter. Then two tabs on one file: the
// second save is refused with the name of who changed the file, and nothing typed is lost.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/workspace-${name}.png`, fullPage: true });
const AGENT = 'agent@alpha.demo';
// The account reserved for creditors' funds (CPCE R124-2): receipts and letters print it, so the agency sets it.
const IBAN = 'FR7630006000011234567890189';

const fileIdOf = (page: Page) => /\/files\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';

function parisDay(offsetDays = 0): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  return new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function fileState(id: string) {
  const [row] = await sql<{ status: string; phones: number; plans: number; due: boolean }>(
    `SELECT f.status,
            (SELECT count(*)::int FROM contact_point c WHERE c.tenant_id = f.tenant_id AND c.debtor_id = f.debtor_id
                AND c.kind = 'PHONE' AND c.status IN ('VALID', 'UNVERIFIED')) AS phones,
            (SELECT count(*)::int FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id
                AND p.status = 'ACTIVE') AS plans,
            f.principal_cents > f.collected_cents AS due
       FROM case_file f WHERE f.id = $1`,
    [id],
  );
  return row!;
}

/** Moves on with `n` until the open file suits what the step needs (a queue mixes every kind of file). */
async function nextSuitable(page: Page, suits: (s: Awaited<ReturnType<typeof fileState>>) => boolean) {
  for (let i = 0; i < 15; i++) {
    await shortcutsReady(page, 'action-panel');
    const id = fileIdOf(page);
    if (suits(await fileState(id))) return id;
    await page.keyboard.press('n');
    await page.waitForURL((url) => url.pathname.startsWith('/files/') && !url.pathname.includes(id));
  }
  throw new Error('no suitable file in the queue');
}

async function pdfOf(download: { path(): Promise<string | null> }): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error('download failed');
  return readFileSync(path);
}

test.beforeAll(async () => {
  await sql(`UPDATE agency SET creditor_funds_iban = $1 WHERE slug = 'alpha'`, [IBAN]);
  mkdirSync(SHOTS, { recursive: true });
});

test('an agent works three files from the queue by keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, AGENT);
  // Agents open the day on their queue.
  await page.waitForURL(/\/queue$/, { timeout: 30_000 });
  await shortcutsReady(page, 'queue-table');
  await page.screenshot(shot('00-queue'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/files\/[0-9a-f-]{36}$/);

  // 1. A call: the debtor answers and promises to pay; the next file opens by itself.
  const first = await nextSuitable(page, (s) => s.phones > 0 && ['NEW', 'IN_PROGRESS', 'PROMISE'].includes(s.status));
  await page.keyboard.press('c');
  const call = page.getByTestId('form-contact-CALL');
  await expect(call).toBeVisible();
  await expect(call.getByLabel('Numéro appelé')).toBeFocused();
  await page.keyboard.press('Tab'); // to "who answered"
  await page.keyboard.press('Space'); // the debtor
  await expect(call.getByLabel('Le débiteur')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type('6');
  await page.keyboard.press('Tab');
  await call.getByLabel('Résultat').selectOption('PROMISE');
  await call.getByLabel('Montant promis').fill('250,00');
  await call.getByLabel('Date promise').fill(parisDay(7));
  await call.getByLabel('Note').fill('Accepte de régler 250 € sous huit jours.');
  await page.screenshot(shot('01-call-with-promise'));
  await page.keyboard.press('Control+Enter');
  await page.waitForURL((url) => url.pathname.startsWith('/files/') && !url.pathname.includes(first));
  const [promise] = await sql<{ amount: string; status: string }>(
    `SELECT amount_cents::text AS amount, status FROM promise WHERE file_id = $1 AND status = 'PENDING'`,
    [first],
  );
  expect(promise).toEqual({ amount: '25000', status: 'PENDING' });
  expect((await fileState(first)).status).toBe('PROMISE');

  // 2. A payment in French format; the imputation shows, and the receipt downloads with Enter.
  const second = await nextSuitable(page, (s) => s.due && !['PAID'].includes(s.status));
  await page.keyboard.press('p');
  const pay = page.getByTestId('form-payment');
  await expect(pay.getByLabel('Montant reçu')).toBeFocused();
  await page.keyboard.type('150,00');
  await pay.getByLabel('Référence').fill('VIR-E2E-0001');
  await pay.getByLabel('Montant reçu').press('Enter');
  const result = page.getByTestId('payment-result');
  await expect(result).toContainText('Paiement de 150,00 € reçu le');
  await expect(result.getByRole('row')).not.toHaveCount(1);
  const receiptLink = result.getByTestId('receipt-link');
  await expect(receiptLink).toBeFocused();
  // The page re-rendered from the server: the timeline and the figures show the payment at once.
  await expect(page.getByTestId('timeline')).toContainText('Paiement de 150,00 €');
  await expect(page.getByTestId('amount-collected')).not.toHaveText('0,00 €');
  await page.screenshot(shot('02-payment-recorded'));
  const [receipt] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(receipt.suggestedFilename()).toMatch(/^quittance-Q\d{8}\.pdf$/);
  const receiptPdf = await pdfOf(receipt);
  expect(receiptPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const receiptPath = `${SHOTS}/workspace-03-receipt.pdf`;
  await receipt.saveAs(receiptPath);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', receiptPath, `${SHOTS}/workspace-03-receipt`]);
  const [paid] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM payment WHERE file_id = $1 AND reference = 'VIR-E2E-0001'`,
    [second],
  );
  expect(paid!.n).toBe(1);

  // 3. n for the next file; a plan in three monthly instalments, previewed then saved, and its letter.
  await page.keyboard.press('n');
  await page.waitForURL((url) => url.pathname.startsWith('/files/') && !url.pathname.includes(second));
  const third = await nextSuitable(
    page,
    (s) => s.due && s.plans === 0 && ['NEW', 'IN_PROGRESS', 'PROMISE', 'AWAITING_JUDICIAL'].includes(s.status),
  );
  await page.keyboard.press('e');
  const plan = page.getByTestId('form-plan');
  await expect(plan.getByRole('radio', { name: "Nombre d'échéances" })).toBeFocused();
  await expect(plan.getByRole('radio', { name: "Nombre d'échéances" })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(plan.getByRole('textbox', { name: "Nombre d'échéances" })).toBeFocused();
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await plan.getByLabel('Première échéance le').fill(parisDay(10));
  await plan.getByLabel('Première échéance le').press('Enter');
  const preview = page.getByTestId('plan-preview');
  await expect(preview.getByRole('row')).toHaveCount(5); // header, three instalments, total
  await expect(preview).toContainText('Échéance 3');
  await expect(preview.getByRole('button', { name: "Enregistrer l'échéancier" })).toBeFocused();
  await page.screenshot(shot('04-plan-preview'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plan-result')).toContainText('3 échéances');
  await expect(page.getByTestId('plan-letter-link')).toBeFocused();
  await expect(page.getByTestId('timeline')).toContainText('Échéancier accepté');
  const [letter] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect((await pdfOf(letter)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const letterPath = `${SHOTS}/workspace-05-plan-letter.pdf`;
  await letter.saveAs(letterPath);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', letterPath, `${SHOTS}/workspace-05-plan-letter`]);
  await page.screenshot(shot('05-plan-saved'));
  const [saved] = await sql<{ n: number; status: string }>(
    `SELECT (SELECT count(*)::int FROM plan_instalment i WHERE i.tenant_id = p.tenant_id AND i.plan_id = p.id
                AND i.seq > 0) AS n, f.status
       FROM payment_plan p JOIN case_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
      WHERE p.file_id = $1 AND p.status = 'ACTIVE'`,
    [third],
  );
  expect(saved).toEqual({ n: 3, status: 'PAYMENT_PLAN' });
});

test('two pages on one file: the second save is refused by name, and what was typed survives', async ({ browser }) => {
  const [target] = await sql<{ id: string; name: string }>(
    `SELECT f.id, i.name FROM case_file f
       JOIN membership m ON m.tenant_id = f.tenant_id AND m.id = f.assignee_id
       JOIN identity i ON i.id = m.identity_id
      WHERE i.email = $1 AND f.status = 'IN_PROGRESS'
      ORDER BY f.reference DESC LIMIT 1`,
    [AGENT],
  );
  const context = await browser.newContext();
  const one = await context.newPage();
  await signIn(one, AGENT);
  await one.waitForURL(/\/queue$/, { timeout: 30_000 });
  const two = await context.newPage();
  await one.goto(`/files/${target!.id}`);
  await two.goto(`/files/${target!.id}`);
  await shortcutsReady(two, 'action-panel');

  await shortcutsReady(one, 'action-panel');
  await one.keyboard.press('i');
  await one.getByTestId('form-info').getByLabel('Employeur').fill('Transports Rhône-Alpes');
  await one.keyboard.press('Enter');
  await expect(one.getByTestId('panel-notice')).toHaveText('Informations enregistrées.');

  await two.keyboard.press('i');
  const info = two.getByTestId('form-info');
  await info.getByLabel('Banque').fill('Crédit Lyonnais, agence Bellecour');
  await info.getByLabel('Banque').press('Enter');
  const conflict = info.locator('[data-conflict]');
  await expect(conflict).toContainText(`Ce dossier a été modifié par ${target!.name}`);
  await expect(conflict).toContainText('rechargez la page');
  await expect(info.getByLabel('Banque')).toHaveValue('Crédit Lyonnais, agence Bellecour');
  await two.screenshot(shot('06-conflict'));

  // Esc closes the form; the letter opens it again with the text where it was.
  await two.keyboard.press('Escape');
  await expect(info).toHaveCount(0);
  await two.keyboard.press('i');
  await expect(info.getByLabel('Banque')).toHaveValue('Crédit Lyonnais, agence Bellecour');

  // A full reload (or a crash) reopens the form with the draft; the save now goes through.
  await two.reload();
  await expect(two.getByTestId('form-info').getByLabel('Banque')).toHaveValue('Crédit Lyonnais, agence Bellecour');
  await two.getByTestId('form-info').getByLabel('Banque').press('Enter');
  await expect(two.getByTestId('panel-notice')).toHaveText('Informations enregistrées.');
  const [row] = await sql<{ bank: string }>(`SELECT bank FROM file_info WHERE file_id = $1`, [target!.id]);
  expect(row!.bank).toBe('Crédit Lyonnais, agence Bellecour');
  // Saved: the draft is gone, a reload shows no form open.
  await two.reload();
  await expect(two.getByTestId('action-panel')).toBeVisible();
  await expect(two.getByTestId('form-info')).toHaveCount(0);
  await context.close();
});

test('receipts and plan letters answer 404 to another agency and 400 to a malformed id', async ({ request }) => {
  const [payment] = await sql<{ id: string }>(
    `SELECT p.id FROM payment p JOIN agency a ON a.id = p.tenant_id WHERE a.slug = 'alpha' LIMIT 1`,
  );
  const [plan] = await sql<{ id: string }>(
    `SELECT p.id FROM payment_plan p JOIN agency a ON a.id = p.tenant_id WHERE a.slug = 'alpha' LIMIT 1`,
  );
  await apiSignIn(request, 'agent@beta.demo');
  expect((await request.get(`/api/payments/${payment!.id}/receipt`)).status()).toBe(404);
  // The journey above made a plan in alpha; alone, this test still proves the receipt side.
  if (plan) expect((await request.get(`/api/plans/${plan.id}/letter`)).status()).toBe(404);
  const malformed = await request.get('/api/payments/Q00000001/receipt');
  expect(malformed.status()).toBe(400);
  expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('INVALID');
});

test('the file page speaks English', async ({ page }) => {
  const [file] = await sql<{ id: string }>(
    `SELECT f.id FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS' ORDER BY f.reference LIMIT 1`,
  );
  await signIn(page, 'manager@alpha.demo');
  await page.waitForURL(/\/files$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'en', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Files' })).toBeVisible();
  await page.goto(`/files/${file!.id}`);
  await shortcutsReady(page, 'action-panel');
  await page.keyboard.press('e');
  await expect(page.getByTestId('form-plan').getByRole('button', { name: 'Preview' })).toBeVisible();
  await expect(page.getByTestId('file-amounts')).toContainText('Total due');
  await expect(page.getByTestId('shortcuts')).toContainText('n next file');
  await page.screenshot(shot('07-english'));
  await page.getByRole('button', { name: 'fr', exact: true }).click();
  await expect(page.getByTestId('file-amounts')).toContainText('Total dû');
});

/** The plan tab, opened whether or not the page remembered it open (a click on an open tab closes it). */
async function openPlanTab(page: Page) {
  const tab = page.getByTestId('action-panel').getByRole('button', { name: /^Échéancier/ });
  await expect(tab).toBeVisible();
  if ((await tab.getAttribute('aria-pressed')) !== 'true') await tab.click();
  await expect(tab).toHaveAttribute('aria-pressed', 'true');
}

test('a manager cancels a bounced payment, then a plan agreed on the file', async ({ page }) => {
  const [file] = await sql<{ id: string }>(
    `SELECT f.id FROM case_file f
       JOIN agency a ON a.id = f.tenant_id
       JOIN payment p ON p.tenant_id = f.tenant_id AND p.file_id = f.id AND p.amount_cents > 0 AND p.reverses_id IS NULL
      WHERE a.slug = 'alpha' AND f.phase <> 'CLOSED'
        AND NOT EXISTS (SELECT 1 FROM payment r WHERE r.tenant_id = f.tenant_id AND r.file_id = f.id
                          AND r.reverses_id IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM payment_plan pp WHERE pp.tenant_id = f.tenant_id AND pp.file_id = f.id
                          AND pp.status = 'ACTIVE')
        -- An insolvency another spec records (task-language) stops recovery: no plan can be agreed there.
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
      ORDER BY f.reference LIMIT 1`,
  );
  await signIn(page, 'manager@alpha.demo');
  await page.waitForURL(/\/files$/, { timeout: 30_000 });
  await page.goto(`/files/${file!.id}`);

  // A too-short reason is refused in French and nothing is written.
  const payments = page.getByTestId('payments');
  await payments.getByTestId('reverse-payment').first().locator('summary').click();
  const reverse = payments.getByTestId('form-reverse-payment').first();
  await reverse.getByLabel("Motif de l'annulation").fill('x');
  await reverse.getByRole('button', { name: "Confirmer l'annulation" }).click();
  await expect(reverse.locator('[data-field-error="reason"]')).toHaveText('Indiquez un motif de 3 à 500 caractères.');
  expect((await sql(`SELECT 1 FROM payment WHERE file_id = $1 AND reverses_id IS NOT NULL`, [file!.id])).length).toBe(
    0,
  );

  await reverse.getByLabel("Motif de l'annulation").fill('Chèque revenu impayé (e2e)');
  await reverse.getByRole('button', { name: "Confirmer l'annulation" }).click();
  await expect(payments.getByText('Annulation', { exact: true }).first()).toBeVisible();
  const [reversal] = await sql<{ amount: string }>(
    `SELECT amount_cents::text AS amount FROM payment WHERE file_id = $1 AND reverses_id IS NOT NULL`,
    [file!.id],
  );
  expect(Number(reversal!.amount)).toBeLessThan(0);
  await page.screenshot(shot('08-payment-reversed'));

  // A plan agreed, then cancelled by agreement: the plan tab offers a new one again.
  await openPlanTab(page);
  const plan = page.getByTestId('form-plan');
  await plan.getByRole('textbox', { name: "Nombre d'échéances" }).fill('2');
  await plan.getByLabel('Première échéance le').fill(parisDay(10));
  await plan.getByLabel('Première échéance le').press('Enter');
  await expect(page.getByTestId('plan-preview')).toBeVisible();
  await page.getByRole('button', { name: "Enregistrer l'échéancier" }).click();
  await expect(page.getByTestId('plan-result')).toContainText('2 échéances');
  await page.reload();
  await openPlanTab(page);
  const cancel = page.getByTestId('form-cancel-plan');
  await cancel.getByLabel("Motif de l'annulation").fill('Le débiteur a obtenu un prêt : nouvel accord (e2e)');
  await cancel.getByRole('button', { name: "Annuler l'échéancier" }).click();
  await expect(page.getByTestId('form-plan')).toBeVisible();
  await expect(page.getByTestId('plan').first()).toContainText('Annulé');
  await expect(page.getByTestId('plan').first()).toContainText('Sans objet');
  await expect(page.getByTestId('plan').first()).not.toContainText('À venir');
  const [state] = await sql<{ status: string }>(
    `SELECT status FROM payment_plan WHERE file_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [file!.id],
  );
  expect(state!.status).toBe('CANCELLED');
  await page.screenshot(shot('09-plan-cancelled'));
});

test('the file page shows each claim’s limitation and, after an opening judgment, the claim declaration', async ({
  page,
}) => {
  const [file] = await sql<{ id: string; debtor_id: string; tenant_id: string }>(
    `SELECT f.id, f.debtor_id, f.tenant_id FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS' AND f.nature = 'B2B'
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
        AND (SELECT count(*) FROM case_file o WHERE o.tenant_id = f.tenant_id AND o.debtor_id = f.debtor_id) = 1
      ORDER BY f.reference DESC LIMIT 1`,
  );
  // Receivership opened on 20 June 2026, published on 30 June: inside the published rate tables, so the amounts
  // on the judgment day are not estimates and the declaration can be printed.
  await sql(
    `INSERT INTO company_event (tenant_id, debtor_id, kind, court_seat, occurred_on, published_on, note)
     VALUES ($1, $2, 'RECEIVERSHIP', 'METROPOLE', $3::date, $4::date, 'e2e')`,
    [file!.tenant_id, file!.debtor_id, '2026-06-20', '2026-06-30'],
  );
  try {
    await signIn(page, 'manager@alpha.demo');
    await page.waitForURL(/\/files$/, { timeout: 30_000 });
    await page.goto(`/files/${file!.id}`);
    const cells = page.getByTestId('claim-limitation');
    await expect(cells.first()).toContainText('5 ans, C. com. L110-4');
    const link = page.getByTestId('claim-declaration-link');
    await expect(link).toContainText('déclaration de créance');
    await page.screenshot(shot('08-limitation-and-declaration'));
    const response = await page.request.get(`/api/files/${file!.id}/claim-declaration`);
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await sql(`DELETE FROM company_event WHERE debtor_id = $1 AND note = 'e2e'`, [file!.debtor_id]);
  }
});
