import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, sql } from './support';

// Issue 16: the manager's escalation queue. Two files of its own (written here, so no other spec's files move) are
// proposed for court after their pre-judicial warning; the manager weighs amounts, limitation and each route's cost,
// approves one with a route (its procedure starts, shown on the file) and sends the other back with a reason.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/escalations-${name}.png`, fullPage: true });

/** A B2B file of a creditor whose mandate covers the judicial phase, warned and escalated: its reference. */
async function escalatedFile(label: string): Promise<{ id: string; reference: string }> {
  const [target] = await sql<{ tenant_id: string; creditor_id: string; mandate_id: string }>(
    `SELECT m.tenant_id, m.creditor_id, m.id AS mandate_id FROM mandate m JOIN agency a ON a.id = m.tenant_id
      WHERE a.slug = 'alpha' AND m.scope = 'AMICABLE_AND_JUDICIAL' AND m.judicial_costs_by = 'AGENCY'
        AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on >= current_date)
      ORDER BY m.reference LIMIT 1`,
  );
  expect(target).toBeTruthy();
  const { tenant_id: tenant, creditor_id: creditor, mandate_id: mandate } = target!;
  const suffix = randomUUID().slice(0, 8);
  const [debtor] = await sql<{ id: string }>(
    `INSERT INTO debtor (tenant_id, kind, display_name, company_name) VALUES ($1, 'COMPANY', $2, $2) RETURNING id`,
    [tenant, `${label} ${suffix}`],
  );
  await sql(
    `INSERT INTO contact_point (tenant_id, debtor_id, kind, line1, postcode, city, status)
     VALUES ($1, $2, 'ADDRESS', '5 rue Mercière', '69002', 'Lyon', 'VALID')`,
    [tenant, debtor!.id],
  );
  const [file] = await sql<{ id: string; reference: string }>(
    `INSERT INTO case_file (tenant_id, creditor_id, debtor_id, mandate_id, status, phase, nature, placed_at)
     VALUES ($1, $2, $3, $4, 'AWAITING_JUDICIAL', 'JUDICIAL', 'B2B', now() - interval '120 days')
     RETURNING id, reference`,
    [tenant, creditor, debtor!.id, mandate],
  );
  await sql(
    `INSERT INTO claim (tenant_id, file_id, creditor_id, invoice_number, nature, issued_on, due_on, principal_cents)
     VALUES ($1, $2, $3, $4, 'B2B', current_date - 200, current_date - 170, 245000)`,
    [tenant, file!.id, creditor, `ESC-${suffix}`],
  );
  await sql(
    `INSERT INTO document (tenant_id, file_id, kind, storage_key, reference, sent_on, deadline_on)
     VALUES ($1, $2, 'PRE_JUDICIAL_WARNING', 'e2e', $3, current_date - 30, current_date - 15)`,
    [tenant, file!.id, `AV-${suffix}`],
  );
  await sql(`INSERT INTO escalation (tenant_id, file_id, execution_key) VALUES ($1, $2, $3)`, [
    tenant,
    file!.id,
    `e2e:${file!.id}`,
  ]);
  return file!;
}

test('the manager approves one escalated file with a route and sends another back with a reason', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const approved = await escalatedFile('Société Escalade');
  const sentBack = await escalatedFile('Société Retour');

  await signIn(page, 'manager@alpha.demo');
  await page.goto('/escalations');
  await expect(page.getByRole('heading', { name: 'Décisions contentieuses' })).toBeVisible();
  const card = page.locator(`[data-testid="escalation"][data-file="${approved.reference}"]`);
  await expect(card.getByTestId('escalation-claims')).toContainText(/2\s450,00/);
  await expect(card.getByTestId('escalation-routes')).toContainText('Injonction de payer');
  await expect(card.getByTestId('escalation-routes')).toContainText('Assignation au fond');
  await expect(card.getByTestId('escalation-history')).toBeVisible();
  await card.screenshot({ path: `${SHOTS}/escalations-01-card.png` });

  // Approving without a route is refused by the browser; with one, the procedure starts.
  const approve = card.getByTestId('approve-form');
  await approve.getByRole('combobox').selectOption('INJONCTION_DE_PAYER');
  await approve.getByRole('button', { name: 'Approuver' }).click();
  await expect(approve.getByRole('status')).toContainText('procédure engagée');
  await page.screenshot(shot('02-approved'));
  const [procedure] = await sql<{ route: string; stage: string }>(
    `SELECT route, stage FROM judicial_procedure WHERE file_id = $1`,
    [approved.id],
  );
  expect(procedure).toEqual({ route: 'INJONCTION_DE_PAYER', stage: 'STARTED' });

  // Send the other back with a reason from the list and a note.
  const other = page.locator(`[data-testid="escalation"][data-file="${sentBack.reference}"]`);
  const back = other.getByTestId('send-back-form');
  await back.getByRole('combobox').selectOption('NEW_ADDRESS');
  await back.getByRole('textbox').fill('Nouvelle adresse trouvée');
  await back.getByRole('button', { name: 'Renvoyer en phase amiable' }).click();
  await expect(back.getByRole('status')).toContainText('renvoyé en phase amiable');
  const [file] = await sql<{ status: string }>(`SELECT status::text FROM case_file WHERE id = $1`, [sentBack.id]);
  expect(file!.status).toBe('IN_PROGRESS');

  // Both decided: they leave the queue on reload.
  await page.reload();
  await expect(page.locator(`[data-testid="escalation"][data-file="${approved.reference}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="escalation"][data-file="${sentBack.reference}"]`)).toHaveCount(0);

  // The approved file shows its procedure, the request for the order, and the form for the next step.
  await page.goto(`/files/${approved.id}`);
  const section = page.getByTestId('procedure-section');
  await expect(section).toContainText('Injonction de payer');
  await expect(section.getByTestId('procedure-steps')).toContainText('Procédure engagée');
  await expect(section.getByRole('link', { name: /Requête en injonction de payer/ })).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('Transmission au contentieux approuvée');
  await section.screenshot({ path: `${SHOTS}/escalations-03-procedure.png` });
});
