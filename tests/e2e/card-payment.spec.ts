import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signedNotice, type FakeSession } from '../fakes/stripe-api';
import { sql } from './support';

// Paying by card or SEPA direct debit from the debtor's page (decision 0020), on a phone-sized screen, with the
// server's Stripe settings pointed at the local server standing in for Stripe's API (tests/e2e/serve.sh): the amount
// refused on its field, the provider's page reached, the provider's signed notice recorded once, the way back saying
// the payment is being confirmed; axe on every state.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/card-payment-${name}.png`, fullPage: true });
const PORT = Number(process.env.E2E_PORT ?? 3100);
const STRIPE_API = `http://127.0.0.1:${PORT + 9000}`;
const WEBHOOK_SECRET = 'whsec_e2e_only_not_for_production';
const ACCOUNT = 'acct_e2eBetaAgency';
test.use({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });

interface DemoFile {
  id: string;
  tenant_id: string;
  reference: string;
  postcode: string;
  debtor: string;
}

let file: DemoFile;
let token: string;

async function noSeriousViolation(page: Page, state: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${state}: ${v.id} (${v.nodes.length})`)).toEqual([]);
}

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // A person's file at the second agency, still worked, nothing disputed or promised: the second of the list from the
  // end (tests/e2e/debtor-page.spec.ts takes the last).
  const [found] = await sql<DemoFile>(
    `SELECT f.id, f.tenant_id, f.reference, cp.postcode, d.display_name AS debtor
       FROM case_file f
       JOIN agency a ON a.id = f.tenant_id
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       JOIN contact_point cp ON cp.tenant_id = f.tenant_id AND cp.debtor_id = f.debtor_id AND cp.kind = 'ADDRESS'
      WHERE a.slug = 'beta' AND d.kind = 'PERSON' AND f.status = 'IN_PROGRESS' AND cp.postcode ~ '^[0-9]{5}$'
        AND f.currency = 'EUR'
        AND NOT EXISTS (SELECT 1 FROM dispute x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM promise x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id AND x.status = 'PENDING')
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
      ORDER BY f.reference DESC OFFSET 1 LIMIT 1`,
  );
  expect(found, 'a worked person file with an address at beta').toBeTruthy();
  file = found!;
  token = randomBytes(18).toString('base64url');
  await sql(
    `INSERT INTO debtor_link (tenant_id, file_id, token_hash, carrier, expires_at)
     VALUES ($1, $2, $3, 'AGENT', now() + interval '30 days')`,
    [file.tenant_id, file.id, createHash('sha256').update(token).digest()],
  );
  // The agency's connected account at the provider, as an admin sets it.
  await sql(`UPDATE agency SET stripe_account_id = $1 WHERE id = $2`, [ACCOUNT, file.tenant_id]);
});

test.afterAll(async () => {
  await sql(`UPDATE agency SET stripe_account_id = NULL WHERE id = $1`, [file.tenant_id]);
});

test('a debtor pays by card: refused above what is due, sent to the provider, the notice records it once', async ({
  page,
  request,
}) => {
  await page.goto(`/d/${token}`);
  await page.getByLabel('Code postal, fin du numéro de facture, ou code reçu').fill(file.postcode);
  await page.keyboard.press('Enter');
  // The first answer of the run may meet a cold server on a loaded machine.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(file.debtor, { timeout: 30_000 });

  const card = page.getByTestId('debtor-card');
  await expect(page.getByRole('heading', { name: 'Payer par carte ou prélèvement SEPA' })).toBeVisible();
  // All that is due, by default.
  await expect(card.getByLabel('Montant (€)')).not.toHaveValue('');
  await noSeriousViolation(page, 'card form');
  await page.getByRole('heading', { name: 'Payer par carte ou prélèvement SEPA' }).scrollIntoViewIfNeeded();
  await page.screenshot(shot('1-form'));

  await card.getByLabel('Montant (€)').fill('999999');
  await card.getByRole('button', { name: 'Continuer vers le paiement' }).click();
  await expect(card.getByText('Ce montant dépasse ce qui reste dû.')).toBeVisible();
  await expect(card.getByLabel('Montant (€)')).toHaveAttribute('aria-invalid', 'true');
  await noSeriousViolation(page, 'card refused');
  await page.screenshot(shot('2-refused'));

  await card.getByLabel('Montant (€)').fill('10');
  await card.getByRole('button', { name: 'Continuer vers le paiement' }).click();
  await page.waitForURL(new RegExp(`^${STRIPE_API}/pay/cs_test_`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Test checkout');

  // What the provider was asked: the agency's account, 10 €, this file and link.
  const sessions = (await (await request.get(`${STRIPE_API}/__sessions`)).json()) as FakeSession[];
  const made = sessions.find((s) => (s.session.metadata as Record<string, string>).fileId === file.id);
  expect(made).toBeTruthy();
  expect(made!.account).toBe(ACCOUNT);
  expect(made!.params['line_items[0][price_data][unit_amount]']).toBe('1000');
  expect((made!.session.metadata as Record<string, string>).tenantId).toBe(file.tenant_id);

  // The provider's notice: a forged one is refused, the signed one recorded once however often it comes.
  const notice = signedNotice(WEBHOOK_SECRET, {
    type: 'checkout.session.completed',
    session: made!.session,
    account: ACCOUNT,
  });
  const post = (body: string, signature: string) =>
    request.post('/api/webhooks/stripe', {
      data: body,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    });
  const forged = await post(notice.payload.replace('"amount_total":1000', '"amount_total":100'), notice.header);
  expect(forged.status()).toBe(400);
  const first = await post(notice.payload, notice.header);
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({ received: true, outcome: 'RECORDED' });
  const again = await post(notice.payload, notice.header);
  expect(await again.json()).toEqual({ received: true, outcome: 'DUPLICATE' });
  const payments = await sql<{ method: string; amount_cents: string }>(
    `SELECT method::text, amount_cents::text FROM payment WHERE tenant_id = $1 AND file_id = $2`,
    [file.tenant_id, file.id],
  );
  expect(payments).toEqual([{ method: 'CARD', amount_cents: '1000' }]);

  // Back from the provider: the URL it kept names no link token; the debtor's browser leads from it to the page,
  // which says the payment is being confirmed, and lists it.
  expect(String(made!.session.success_url)).not.toContain(token);
  await page.goto(String(made!.session.success_url));
  await expect(page).toHaveURL(new RegExp(`/d/${token}\\?card=confirming$`));
  await expect(page.getByTestId('debtor-card-return')).toContainText('en cours de confirmation');
  await expect(page.getByTestId('debtor-payments')).toContainText('10,00');
  await noSeriousViolation(page, 'back from the provider');
  await page.screenshot(shot('3-confirming'));
});

test('the card form is not offered when the agency has no account at the provider', async ({ page }) => {
  await sql(`UPDATE agency SET stripe_account_id = NULL WHERE id = $1`, [file.tenant_id]);
  try {
    await page.goto(`/d/${token}`);
    await page.getByLabel('Code postal, fin du numéro de facture, ou code reçu').fill(file.postcode);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(file.debtor);
    await expect(page.getByTestId('debtor-transfer')).toBeVisible();
    await expect(page.getByTestId('debtor-card')).toHaveCount(0);
  } finally {
    await sql(`UPDATE agency SET stripe_account_id = $1 WHERE id = $2`, [ACCOUNT, file.tenant_id]);
  }
});

test('the way back from the provider, opened without the debtor’s cookie, names nothing', async ({ page }) => {
  await page.goto('/d/r/AAAAAAAAAAAAAAAAAAAAAA?card=confirming');
  await expect(page.getByTestId('debtor-card-return')).toContainText('Si un paiement a été fait');
  await expect(page.getByText(file.debtor)).toHaveCount(0);
  await noSeriousViolation(page, 'back from the provider, elsewhere');
  await page.screenshot(shot('4-return-elsewhere'));
});
