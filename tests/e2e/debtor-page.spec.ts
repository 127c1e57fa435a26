import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { proofPdf } from '../fixtures/uploads/proofs';
import { expect, test, type Page } from '@playwright/test';
import { sql } from './support';

// The debtor's page as a debtor meets it: a phone-sized screen, the link from a letter, the second factor, what is
// owed and how to pay, a promise and a dispute, French then English; axe on every state, the keyboard alone to get
// in, and none of the agency's inside in what the browser receives.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/debtor-page-${name}.png`, fullPage: true });
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
  // A person's file at the second agency, still worked, with a postal address and nothing disputed or promised:
  // the last of the list, away from the first files other specs take.
  const [found] = await sql<DemoFile>(
    `SELECT f.id, f.tenant_id, f.reference, cp.postcode, d.display_name AS debtor
       FROM case_file f
       JOIN agency a ON a.id = f.tenant_id
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       JOIN contact_point cp ON cp.tenant_id = f.tenant_id AND cp.debtor_id = f.debtor_id AND cp.kind = 'ADDRESS'
      WHERE a.slug = 'beta' AND d.kind = 'PERSON' AND f.status = 'IN_PROGRESS' AND cp.postcode ~ '^[0-9]{5}$'
        AND NOT EXISTS (SELECT 1 FROM dispute x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM promise x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id AND x.status = 'PENDING')
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
      ORDER BY f.reference DESC LIMIT 1`,
  );
  expect(found, 'a worked person file with an address at beta').toBeTruthy();
  file = found!;
  token = randomBytes(18).toString('base64url');
  await sql(
    `INSERT INTO debtor_link (tenant_id, file_id, token_hash, carrier, expires_at)
     VALUES ($1, $2, $3, 'AGENT', now() + interval '30 days')`,
    [file.tenant_id, file.id, createHash('sha256').update(token).digest()],
  );
});

test('a debtor opens their page from the letter, pays attention to the figures, promises and disputes', async ({
  page,
}) => {
  const html: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes(`/d/${token}`)) html.push(await response.text().catch(() => ''));
  });

  await page.goto(`/d/${token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre dossier');
  await noSeriousViolation(page, 'second factor');
  await page.screenshot(shot('1-second-factor'));

  // The keyboard alone: focus the answer, type a wrong postcode, submit with Enter.
  const answer = page.getByLabel('Code postal, fin du numéro de facture, ou code reçu');
  for (let i = 0; i < 10 && !(await answer.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(answer).toBeFocused();
  await page.keyboard.type('00000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('debtor-second-factor').getByRole('alert')).toContainText(
    'Nous ne pouvons pas ouvrir cette page',
  );
  await noSeriousViolation(page, 'refused answer');

  await answer.fill(file.postcode);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(file.debtor);
  await expect(page.getByTestId('debtor-total')).toContainText('€');
  await expect(page.getByTestId('debtor-transfer')).toContainText('RF');
  await expect(page.getByTestId('debtor-who')).toContainText('pour le compte de');
  await noSeriousViolation(page, 'page');
  await page.screenshot(shot('2-page'));

  // A promise above what is owed is refused on its field; a reasonable one is recorded.
  const promise = page.getByTestId('debtor-promise');
  await promise.getByLabel('Montant (€)').fill('999999');
  await promise
    .getByLabel('Date de paiement')
    .fill(await page.evaluate(() => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)));
  await promise.getByRole('button', { name: 'Enregistrer mon engagement' }).click();
  await expect(promise.getByText('Ce montant dépasse ce qui reste dû.')).toBeVisible();
  await noSeriousViolation(page, 'promise refused');
  await promise.getByLabel('Montant (€)').fill('10');
  await promise.getByRole('button', { name: 'Enregistrer mon engagement' }).click();
  await expect(promise.getByRole('status')).toContainText('Votre engagement est enregistré');

  const dispute = page.getByTestId('debtor-dispute');
  await dispute.getByLabel("J'ai déjà payé").check();
  await dispute.getByLabel('Explication').fill('Virement du 3 novembre');
  // A file that only looks like a PDF is refused by name; a real one goes with the dispute.
  const proofs = dispute.getByLabel('Justificatifs (facultatif)');
  await proofs.setInputFiles({ name: 'preuve.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html></html>') });
  await dispute.getByRole('button', { name: 'Envoyer ma contestation' }).click();
  await expect(dispute.getByText('« preuve.pdf » n’est pas un PDF, un JPEG ou un PNG lisible.')).toBeVisible();
  await noSeriousViolation(page, 'attachment refused');
  await page.screenshot(shot('3a-attachment-refused'));
  await dispute.getByLabel("J'ai déjà payé").check();
  await proofs.setInputFiles({
    name: 'virement.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await proofPdf()),
  });
  await dispute.getByRole('button', { name: 'Envoyer ma contestation' }).click();
  await expect(dispute.getByRole('status')).toContainText('Votre contestation est enregistrée');
  await page.reload();
  await expect(page.getByTestId('debtor-open-dispute')).toBeVisible();
  await noSeriousViolation(page, 'dispute open');
  await page.screenshot(shot('3-dispute-open'));

  const [row] = await sql<{ status: string; kind: string }>(
    `SELECT f.status::text, x.kind FROM case_file f JOIN dispute x ON x.tenant_id = f.tenant_id AND x.file_id = f.id
      WHERE f.id = $1`,
    [file.id],
  );
  expect(row).toEqual({ status: 'DISPUTED', kind: 'ALREADY_PAID' });
  const attached = await sql<{ name: string; content_type: string }>(
    `SELECT name, content_type FROM dispute_attachment WHERE file_id = $1`,
    [file.id],
  );
  expect(attached).toEqual([{ name: 'virement.pdf', content_type: 'application/pdf' }]);

  // A request about their personal data: a task with its legal deadline, said back to the debtor.
  const data = page.getByTestId('debtor-data');
  await data.getByLabel('Recevoir une copie de mes données').check();
  await data.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(data.getByRole('status')).toContainText('Nous vous répondrons au plus tard dans un mois');
  await noSeriousViolation(page, 'data request sent');

  await page.getByRole('button', { name: 'en', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'What remains due' })).toBeVisible();
  await noSeriousViolation(page, 'english');
  await page.screenshot(shot('4-english'));

  // Nothing of the agency's inside reached the browser: no staff member, no other debtor of the agency.
  const staff = await sql<{ name: string; email: string }>(
    `SELECT i.name, i.email FROM identity i JOIN membership m ON m.identity_id = i.id WHERE m.tenant_id = $1`,
    [file.tenant_id],
  );
  const others = await sql<{ display_name: string }>(
    `SELECT display_name FROM debtor WHERE tenant_id = $1 AND display_name <> $2 ORDER BY display_name LIMIT 200`,
    [file.tenant_id, file.debtor],
  );
  const received = html.join('\n');
  expect(received.length).toBeGreaterThan(1000);
  for (const s of staff) expect(received).not.toContain(s.email);
  for (const o of others) expect(received).not.toContain(o.display_name);
});

test('a debtor without the postcode at hand asks for a code by SMS and opens the page with it', async ({ page }) => {
  // A phone on file, as the creditor gave it; and a link of its own, as a second letter would carry.
  const [debtor] = await sql<{ debtor_id: string }>(
    `SELECT debtor_id FROM case_file WHERE tenant_id = $1 AND id = $2`,
    [file.tenant_id, file.id],
  );
  await sql(
    `INSERT INTO contact_point (tenant_id, debtor_id, kind, phone, status, source)
     VALUES ($1, $2, 'PHONE', '+33639980017', 'VALID', 'creditor')`,
    [file.tenant_id, debtor!.debtor_id],
  );
  const codeToken = randomBytes(18).toString('base64url');
  await sql(
    `INSERT INTO debtor_link (tenant_id, file_id, token_hash, carrier, expires_at)
     VALUES ($1, $2, $3, 'LETTER', now() + interval '30 days')`,
    [file.tenant_id, file.id, createHash('sha256').update(codeToken).digest()],
  );

  await page.goto(`/d/${codeToken}`);
  const ask = page.getByTestId('debtor-code-request');
  await ask.getByRole('button', { name: 'Recevoir un code par SMS' }).click();
  await expect(ask.getByRole('status')).toContainText('un code est en route');
  await noSeriousViolation(page, 'code asked');
  await page.screenshot(shot('5-code-asked'));

  const [sms] = await sql<{ body: string; recipient: string }>(
    `SELECT body, recipient FROM outbound_message
      WHERE tenant_id = $1 AND file_id = $2 AND channel = 'SMS' AND execution_key LIKE 'debtor-code:%'
      ORDER BY created_at DESC LIMIT 1`,
    [file.tenant_id, file.id],
  );
  const code = /\b(\d{6})\b/.exec(sms!.body)![1]!;
  await page.getByLabel('Code postal, fin du numéro de facture, ou code reçu').fill(code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(file.debtor);
});

test('a stranger with a made-up link learns nothing', async ({ page }) => {
  await page.goto(`/d/${randomBytes(18).toString('base64url')}`);
  await page.getByLabel('Code postal, fin du numéro de facture, ou code reçu').fill(file.postcode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('debtor-second-factor').getByRole('alert')).toContainText(
    'Nous ne pouvons pas ouvrir cette page',
  );
  // Asking for a code on it says what it says to a debtor, and sends nothing.
  const before = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbound_message WHERE execution_key LIKE 'debtor-code:%'`,
  );
  await page.getByTestId('debtor-code-request').getByRole('button', { name: 'Recevoir un code par e-mail' }).click();
  await expect(page.getByTestId('debtor-code-request').getByRole('status')).toContainText('un code est en route');
  const after = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbound_message WHERE execution_key LIKE 'debtor-code:%'`,
  );
  expect(after[0]!.n).toBe(before[0]!.n);
});
