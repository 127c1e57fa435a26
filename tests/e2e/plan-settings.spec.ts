import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { creditorOfUser, shortcutsReady, signIn, sql } from './support';

// Issue 14, "Payment plans that say what they cost": an agent withdraws a plan still awaiting the creditor's
// approval; a manager edits the mandate's plan settings and the plan form obeys them at once. Files of creditors and
// places in the demo's list no other spec takes; the mandate's settings are put back afterwards.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/plan-settings-${name}.png`, fullPage: true });

function parisDay(offsetDays = 0): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  return new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** An open file of this creditor with something to spread, no plan and no insolvency, at this place in the list. */
async function planFile(creditorId: string, offset: number): Promise<{ id: string; reference: string }> {
  const [file] = await sql<{ id: string; reference: string }>(
    `SELECT f.id, f.reference FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = 'alpha' AND f.creditor_id = $1 AND f.status = 'IN_PROGRESS'
        AND f.principal_cents > f.collected_cents + 100000
        AND NOT EXISTS (SELECT 1 FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
      ORDER BY f.reference OFFSET $2 LIMIT 1`,
    [creditorId, offset],
  );
  expect(file).toBeTruthy();
  return file!;
}

async function previewPlan(page: Page, fileId: string, instalments: string) {
  await page.goto(`/files/${fileId}`);
  await shortcutsReady(page, 'action-panel');
  await page.keyboard.press('e');
  const form = page.getByTestId('form-plan');
  await form.getByRole('textbox', { name: "Nombre d'échéances" }).fill(instalments);
  await form.getByLabel('Première échéance le').fill(parisDay(10));
  await form.getByRole('button', { name: 'Aperçu' }).click();
  return page.getByTestId('plan-preview');
}

test('an agent withdraws a plan awaiting the creditor; the file can be worked again', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const file = await planFile(await creditorOfUser('creditor@alpha.demo'), 5);
  await signIn(page, 'agent@alpha.demo');
  const preview = await previewPlan(page, file.id, '18');
  await expect(preview.getByTestId('plan-approval-needed')).toContainText('plus de 12 mois');
  await preview.getByRole('button', { name: "Enregistrer l'échéancier" }).click();
  await expect(page.getByTestId('plan-result')).toContainText('soumis au créancier');

  await page.reload();
  await shortcutsReady(page, 'action-panel');
  await page.keyboard.press('e');
  const awaiting = page.getByTestId('active-plan');
  await expect(awaiting).toContainText("attend l'accord du créancier");
  const withdraw = awaiting.getByTestId('form-withdraw-plan');
  await withdraw.getByLabel('Motif du retrait').fill('Le débiteur préfère payer en six mois');
  await page.screenshot(shot('01-withdraw'));
  await withdraw.getByRole('button', { name: "Retirer l'échéancier" }).click();
  await expect(page.getByTestId('timeline')).toContainText('Échéancier en attente du créancier retiré');
  await expect(page.getByTestId('timeline')).toContainText('Le débiteur préfère payer en six mois');

  const [plan] = await sql<{ status: string; file_status: string }>(
    `SELECT p.status::text, f.status::text AS file_status FROM payment_plan p
       JOIN case_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
      WHERE p.file_id = $1 ORDER BY p.created_at DESC LIMIT 1`,
    [file.id],
  );
  expect(plan).toEqual({ status: 'CANCELLED', file_status: 'IN_PROGRESS' });
  // Nothing awaits the creditor any more: a new plan can be agreed on the file.
  await page.reload();
  await shortcutsReady(page, 'action-panel');
  await page.keyboard.press('e');
  await expect(page.getByTestId('active-plan')).toHaveCount(0);
  await expect(page.getByTestId('form-plan')).toBeVisible();
  await page.screenshot(shot('02-withdrawn'));
});

test("a manager edits the mandate's plan settings; the plan form obeys them", async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const portalCreditor = await creditorOfUser('creditor@alpha.demo');
  // The creditor with the highest code that no other spec edits (mandates.spec adds a mandate to MAT-DURAND).
  const [mandate] = await sql<{
    id: string;
    creditor_id: string;
    plan_interest_mode: string;
    plan_max_months: number;
    plan_min_instalment_cents: string;
  }>(
    `SELECT m.id, m.creditor_id, m.plan_interest_mode::text, m.plan_max_months, m.plan_min_instalment_cents::text
       FROM mandate m JOIN creditor c ON c.tenant_id = m.tenant_id AND c.id = m.creditor_id
       JOIN agency a ON a.id = m.tenant_id
      WHERE a.slug = 'alpha' AND c.id <> $1 AND c.code <> 'MAT-DURAND'
        AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on >= current_date)
      ORDER BY c.code DESC LIMIT 1`,
    [portalCreditor],
  );
  expect(mandate).toBeTruthy();
  const file = await planFile(mandate!.creditor_id, 3);
  try {
    await signIn(page, 'manager@alpha.demo');
    await page.goto(`/creditors/mandates/${mandate!.id}`);
    const edit = page.getByTestId('mandate-edit-form');
    await edit.getByLabel('Intérêts pendant un échéancier').selectOption('INCLUDED');
    await edit.getByLabel('Durée maximale sans accord du créancier (mois)').fill('3');
    await edit.getByLabel('Échéance minimale sans accord du créancier (€)').fill('');
    await page.screenshot(shot('03-mandate'));
    await edit.getByRole('button', { name: 'Enregistrer le mandat' }).click();
    await expect(page.getByRole('status')).toContainText('enregistré');

    // Four monthly instalments: over the 3 months the mandate now allows alone, with interest included.
    const preview = await previewPlan(page, file.id, '4');
    await expect(preview.getByTestId('plan-interest-mode')).toHaveAttribute('data-mode', 'INCLUDED');
    await expect(preview.getByTestId('plan-interest-mode')).toContainText("Intérêts inclus jusqu'à chaque échéance");
    await expect(preview.getByTestId('plan-approval-needed')).toContainText('plus de 3 mois');
    await page.screenshot(shot('04-plan-form'));
    // Three instalments are within the mandate: no approval asked.
    await page.getByTestId('form-plan').getByRole('textbox', { name: "Nombre d'échéances" }).fill('3');
    await page.getByTestId('form-plan').getByRole('button', { name: 'Aperçu' }).click();
    await expect(page.getByTestId('plan-preview').getByTestId('plan-approval-needed')).toHaveCount(0);
  } finally {
    await sql(
      `UPDATE mandate SET plan_interest_mode = $2::"PlanInterestMode", plan_max_months = $3,
              plan_min_instalment_cents = $4::bigint WHERE id = $1`,
      [mandate!.id, mandate!.plan_interest_mode, mandate!.plan_max_months, mandate!.plan_min_instalment_cents],
    );
  }
});
