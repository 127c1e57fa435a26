import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { creditorOfUser, signIn, sql } from './support';

// Issue 14: an agent corrects a claim on the file page — its nature (a B2B claim that was a private purchase) and
// its amount (a credit note) — with a reason; the claims table and the amounts are recomputed at once and the
// timeline says what changed, before → after.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/claim-correction-${name}.png`, fullPage: true });

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('an agent changes a claim’s nature and amount with a reason, and the file follows', async ({ page }) => {
  test.setTimeout(90_000);
  // An open file of the demo agency with a B2B claim nothing was paid on.
  const [target] = await sql<{ file_id: string; claim_id: string; invoice: string; cents: string }>(
    `SELECT f.id AS file_id, c.id AS claim_id, c.invoice_number AS invoice, c.principal_cents::text AS cents
       FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN claim c ON c.tenant_id = f.tenant_id AND c.file_id = f.id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS' AND c.nature = 'B2B' AND c.cancelled_at IS NULL
        AND c.principal_cents > 20000
        AND NOT EXISTS (SELECT 1 FROM allocation x WHERE x.tenant_id = c.tenant_id AND x.claim_id = c.id)
      ORDER BY f.reference, c.invoice_number LIMIT 1`,
  );
  expect(target).toBeTruthy();
  await signIn(page, 'agent@alpha.demo');
  await page.goto(`/files/${target!.file_id}`);
  const nature = page.getByTestId(`claim-nature-${target!.invoice}`);
  await expect(nature).toHaveText('Commerciale (B2B)');

  await page.getByTestId('claim-correction').locator('summary').click();
  const form = page.getByTestId('form-claim-correction');
  await form.getByLabel('Créance', { exact: true }).selectOption(target!.claim_id);
  // A reason is required: the form says so next to the field and nothing changes.
  await form.getByLabel('Nature de la créance').selectOption('CONSUMER');
  await form.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(form.locator('[data-field-error="reason"]')).toBeVisible();
  await expect(nature).toHaveText('Commerciale (B2B)');

  await form.getByLabel('Montant principal (€)').fill('200,00');
  await form.getByLabel('Motif').fill('Achat à titre personnel ; avoir AV-2026-14 sur le solde');
  await page.screenshot(shot('01-form'));
  await form.getByRole('button', { name: 'Enregistrer la correction' }).click();

  await expect(nature).toHaveText('Consommation');
  const row = page.getByTestId('claims-table').locator('tr', { has: nature });
  await expect(row).toContainText('200,00');
  const timeline = page.getByText(/corrigée — montant : .* → 200,00.€ — nature : Commerciale \(B2B\) → Consommation/);
  await expect(timeline.first()).toBeVisible();
  await page.screenshot(shot('02-corrected'));

  const [claim] = await sql<{ nature: string; cents: string }>(
    `SELECT nature::text, principal_cents::text AS cents FROM claim WHERE id = $1`,
    [target!.claim_id],
  );
  expect(claim).toEqual({ nature: 'CONSUMER', cents: '20000' });
  // Put the demo data back for the next specs.
  await sql(`UPDATE claim SET nature = 'B2B', principal_cents = $2 WHERE id = $1`, [target!.claim_id, target!.cents]);
});

test('a file whose creditor’s mandate has ended says why nothing is sent', async ({ page }) => {
  const [target] = await sql<{ file_id: string; mandate_id: string }>(
    `SELECT f.id AS file_id, m.id AS mandate_id
       FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN mandate m ON m.tenant_id = f.tenant_id AND m.creditor_id = f.creditor_id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS'
        AND (SELECT count(*) FROM mandate x WHERE x.tenant_id = m.tenant_id AND x.creditor_id = m.creditor_id) = 1
      ORDER BY f.reference LIMIT 1`,
  );
  expect(target).toBeTruthy();
  // Revoked as of the first of this month (its end date is the last day it was in force).
  await sql(`UPDATE mandate SET ends_on = date_trunc('month', now())::date - 1 WHERE id = $1`, [target!.mandate_id]);
  try {
    await signIn(page, 'agent@alpha.demo');
    await page.goto(`/files/${target!.file_id}`);
    await expect(page.getByTestId('mandate-not-in-force')).toContainText(
      'aucun mandat du créancier en vigueur (terminé ou révoqué)',
    );
    await page.screenshot(shot('03-mandate-ended'));
  } finally {
    await sql(`UPDATE mandate SET ends_on = NULL WHERE id = $1`, [target!.mandate_id]);
  }
});

test('an agent upholds a dispute and cancels the claim in the same action: the file closes, the creditor sees it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // An open file of the demo creditor's, with one claim, nothing paid on it, disputed by its debtor.
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  const [target] = await sql<{ file_id: string; claim_id: string; invoice: string; cents: string; status: string }>(
    `SELECT f.id AS file_id, c.id AS claim_id, c.invoice_number AS invoice, c.principal_cents::text AS cents,
            f.status::text AS status
       FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN claim c ON c.tenant_id = f.tenant_id AND c.file_id = f.id
      WHERE a.slug = 'alpha' AND f.creditor_id = $1 AND f.status = 'IN_PROGRESS' AND c.cancelled_at IS NULL
        AND (SELECT count(*) FROM claim y WHERE y.tenant_id = f.tenant_id AND y.file_id = f.id) = 1
        AND NOT EXISTS (SELECT 1 FROM allocation x WHERE x.tenant_id = c.tenant_id AND x.file_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM dispute d WHERE d.tenant_id = f.tenant_id AND d.file_id = f.id)
      ORDER BY f.reference LIMIT 1`,
    [creditorId],
  );
  expect(target).toBeTruthy();
  const [dispute] = await sql<{ id: string }>(
    `INSERT INTO dispute (tenant_id, file_id, reason, status)
       SELECT tenant_id, id, 'Facture annulée par avoir', 'OPEN' FROM case_file WHERE id = $1 RETURNING id`,
    [target!.file_id],
  );
  await sql(`UPDATE case_file SET status = 'DISPUTED', version = version + 1 WHERE id = $1`, [target!.file_id]);
  try {
    await signIn(page, 'agent@alpha.demo');
    await page.goto(`/files/${target!.file_id}`);
    const tab = page.getByTestId('action-panel').getByRole('button', { name: /^Litiges/ });
    if ((await tab.getAttribute('aria-pressed')) !== 'true') await tab.click();
    await page.getByTestId('disputes').getByRole('button', { name: 'Statuer' }).click();
    const form = page.getByTestId(`form-dispute-${dispute!.id}`);
    await form.getByLabel('Fondée').check();
    await form.getByLabel('Réponse motivée').fill('Avoir AV-2026-77 confirmé par le créancier');
    await form.getByLabel('Corriger la créance maintenant (avoir confirmé)').check();
    // Neither an amount nor the cancellation: the form says which field, and nothing is written.
    await form.getByLabel('Motif de la correction').fill('Avoir AV-2026-77');
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect(form.locator('[data-field-error="correction.amount"]')).toBeVisible();
    await form.getByLabel('Annuler entièrement cette créance').check();
    await page.screenshot(shot('04-dispute-form'));
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect(page.getByText(/Statut du dossier : Contesté → Retiré/).first()).toBeVisible();
    await expect(page.getByText(/annulée \(.* retirés du dossier\) — motif : Avoir AV-2026-77/).first()).toBeVisible();
    await page.screenshot(shot('05-dispute-withdrawn'));
    const [file] = await sql<{ status: string; review: string }>(
      `SELECT f.status::text, (SELECT count(*)::text FROM task t WHERE t.tenant_id = f.tenant_id AND t.file_id = f.id
                                  AND t.kind = 'REVIEW' AND t.status = 'OPEN') AS review
         FROM case_file f WHERE f.id = $1`,
      [target!.file_id],
    );
    expect(file).toEqual({ status: 'WITHDRAWN', review: '0' });

    // The creditor's portal shows the closed file and why.
    await page.context().clearCookies();
    await signIn(page, 'creditor@alpha.demo');
    await page.goto(`/portal/files/${target!.file_id}`);
    await expect(page.getByText(/Statut du dossier : Contesté → Retiré/).first()).toBeVisible();
    await page.screenshot(shot('06-portal'));
  } finally {
    // Put the demo data back for the next specs.
    await sql(`UPDATE claim SET cancelled_at = NULL, principal_cents = $2 WHERE id = $1`, [
      target!.claim_id,
      target!.cents,
    ]);
    await sql(`UPDATE case_file SET status = 'IN_PROGRESS', phase = 'AMICABLE', closed_at = NULL WHERE id = $1`, [
      target!.file_id,
    ]);
  }
});
