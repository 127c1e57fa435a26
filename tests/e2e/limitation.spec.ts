import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, sql } from './support';

// Issue 14: on the file page an agent records what moved a claim's limitation (a written acknowledgment) and sets
// its basis (a court title from the judgment's date), each with its history line; the claims table shows the new
// last day at once. A refused entry says which field and why, and changes nothing.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/limitation-${name}.png`, fullPage: true });

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('an agent records an acknowledgment and sets a court title; the dates follow at once', async ({ page }) => {
  test.setTimeout(90_000);
  // An open file of the demo agency with one live claim whose basis is still its nature's default.
  const [target] = await sql<{ file_id: string; claim_id: string; invoice: string; basis: string; starts: string }>(
    `SELECT f.id AS file_id, c.id AS claim_id, c.invoice_number AS invoice, c.limitation_basis::text AS basis,
            c.limitation_starts_on::text AS starts
       FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN claim c ON c.tenant_id = f.tenant_id AND c.file_id = f.id
      WHERE a.slug = 'alpha' AND f.status = 'IN_PROGRESS' AND c.cancelled_at IS NULL
        AND c.limitation_basis = default_limitation_basis(c.nature)
        AND (SELECT count(*) FROM claim x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id) = 1
        AND NOT EXISTS (SELECT 1 FROM limitation_event e WHERE e.tenant_id = c.tenant_id AND e.claim_id = c.id)
      ORDER BY f.reference LIMIT 1`,
  );
  expect(target).toBeTruthy();
  try {
    await signIn(page, 'agent@alpha.demo');
    await page.goto(`/files/${target!.file_id}`);
    const cell = page.getByTestId('claim-limitation');
    await page.getByTestId('limitation-forms').locator('summary').click();

    // A written acknowledgment dated 2026-11-02: two or five years from that day, whatever the nature.
    const event = page.getByTestId('form-limitation-event');
    await event.getByLabel('Événement').selectOption('COURT_ACTION');
    await event.getByLabel('Date', { exact: true }).fill('2026-11-02');
    await event.getByLabel('Événement').selectOption('WRITTEN_ACKNOWLEDGMENT');
    await event.getByLabel('Note').fill('Courrier du débiteur reçu le 2 novembre');
    await event.getByRole('button', { name: "Enregistrer l'événement" }).click();
    const years = target!.basis === 'CONSUMER' ? 2 : 5;
    // Saving and reading the page again can take a while on a loaded machine.
    await expect(cell).toContainText(`2 nov. ${2026 + years}`, { timeout: 20_000 });
    await expect(
      page.getByText(/Reconnaissance de dette écrite du 2 nov\. 2026 : prescription interrompue/).first(),
    ).toBeVisible();

    // The basis: a judgment of 2026-10-15 (CPCE L111-4, 10 years). A reason is required: refused, nothing changes.
    const basis = page.getByTestId('form-limitation-basis');
    await basis.getByLabel('Fondement').selectOption('COURT_TITLE');
    await basis.getByLabel('Point de départ').fill('2026-10-15');
    await basis.getByRole('button', { name: 'Enregistrer le fondement' }).click();
    await expect(basis.locator('[data-field-error="reason"]')).toBeVisible({ timeout: 20_000 });
    await expect(cell).not.toContainText('CPCE L111-4');

    await basis.getByLabel('Motif').fill('Jugement du tribunal judiciaire de Lyon');
    await page.screenshot(shot('01-form'));
    await basis.getByRole('button', { name: 'Enregistrer le fondement' }).click();
    // Ten years from the acknowledgment after the judgment: 2036-11-02.
    await expect(cell).toContainText('2 nov. 2036', { timeout: 20_000 });
    await expect(cell).toContainText('10 ans, CPCE L111-4');
    await expect(page.getByText(/→ 10 ans, CPCE L111-4, à compter du 15 oct\. 2026/).first()).toBeVisible();
    await page.screenshot(shot('02-saved'));

    const [claim] = await sql<{ basis: string; on: string }>(
      `SELECT limitation_basis::text AS basis, limitation_on::text AS on FROM claim WHERE id = $1`,
      [target!.claim_id],
    );
    expect(claim).toEqual({ basis: 'COURT_TITLE', on: '2036-11-02' });
  } finally {
    // Put the demo data back for the next specs.
    await sql(`DELETE FROM limitation_event WHERE claim_id = $1`, [target!.claim_id]);
    await sql(
      `UPDATE claim SET limitation_basis = $2::"LimitationBasis", limitation_starts_on = $3::date,
              limitation_on = ($3::date + make_interval(years => limitation_years($2::"LimitationBasis")))::date
        WHERE id = $1`,
      [target!.claim_id, target!.basis, target!.starts],
    );
  }
});
