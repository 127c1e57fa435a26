import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { creditorOfUser, shortcutsReady, signIn, sql } from './support';

// Issue 14: the plan form says what the plan does with interest (the creditor's choice on its mandate), and a
// plan beyond the mandate's limits (here 18 months > 12) waits for the creditor, who decides on its portal
// (CPCE R124-5). The letter of the accepted plan is kept as evidence.

const SHOTS = 'test-results/screenshots';
const EVIDENCE = 'docs/evidence/letters';
const shot = (name: string) => ({ path: `${SHOTS}/plan-approval-${name}.png`, fullPage: true });

function parisDay(offsetDays = 0): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  return new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test('an 18-month plan shows its interest terms, waits for the creditor, and is accepted on the portal', async ({
  page,
  browser,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(EVIDENCE, { recursive: true });
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  const [file] = await sql<{ id: string; reference: string }>(
    `SELECT f.id, f.reference FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = 'alpha' AND f.creditor_id = $1 AND f.status = 'IN_PROGRESS'
        AND f.principal_cents > f.collected_cents + 100000
        AND NOT EXISTS (SELECT 1 FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id
                           AND p.status IN ('ACTIVE', 'AWAITING_APPROVAL'))
      ORDER BY f.reference DESC LIMIT 1`,
    [creditorId],
  );
  expect(file).toBeTruthy();

  await signIn(page, 'manager@alpha.demo');
  await page.goto(`/files/${file!.id}`);
  await shortcutsReady(page, 'action-panel');
  await page.keyboard.press('e');
  const form = page.getByTestId('form-plan');
  await form.getByRole('textbox', { name: "Nombre d'échéances" }).fill('18');
  await form.getByLabel('Première échéance le').fill(parisDay(10));
  await form.getByRole('button', { name: 'Aperçu' }).click();
  const preview = page.getByTestId('plan-preview');
  await expect(preview.getByTestId('plan-interest-mode')).toContainText("Intérêts suspendus tant que l'échéancier");
  await expect(preview.getByTestId('plan-approval-needed')).toContainText('plus de 12 mois');
  await page.screenshot(shot('01-form'));
  await preview.getByRole('button', { name: "Enregistrer l'échéancier" }).click();
  await expect(page.getByTestId('plan-result')).toContainText('soumis au créancier');
  await expect(page.getByTestId('timeline')).toContainText('proposé au créancier');
  const [proposed] = await sql<{ id: string; status: string; file_status: string }>(
    `SELECT p.id, p.status, f.status AS file_status FROM payment_plan p
       JOIN case_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
      WHERE p.file_id = $1 ORDER BY p.created_at DESC LIMIT 1`,
    [file!.id],
  );
  expect(proposed).toMatchObject({ status: 'AWAITING_APPROVAL', file_status: 'IN_PROGRESS' });

  const creditor = await browser.newContext();
  const portal = await creditor.newPage();
  await signIn(portal, 'creditor@alpha.demo');
  await portal.goto('/portal/plans');
  const card = portal.getByTestId('plan-awaiting').filter({ hasText: file!.reference });
  await expect(card).toContainText('18 échéances');
  await expect(card).toContainText('plus long que la durée permise par le mandat');
  await portal.screenshot(shot('02-portal'));
  await card.getByRole('button', { name: 'Accepter' }).click();
  await expect(card.getByTestId('plan-decided')).toContainText('Échéancier accepté');
  await portal.screenshot(shot('03-accepted'));
  const [accepted] = await sql<{ status: string; file_status: string }>(
    `SELECT p.status, f.status AS file_status FROM payment_plan p
       JOIN case_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id WHERE p.id = $1`,
    [proposed!.id],
  );
  expect(accepted).toEqual({ status: 'ACTIVE', file_status: 'PAYMENT_PLAN' });

  // The plan letter waits: the shipped rate tables end in 2026 H1, and a letter is never drawn on estimated interest
  // (decision 0009). The creditor's download says so rather than handing over estimated figures.
  const letter = await portal.request.get(`/api/plans/${proposed!.id}/letter`);
  expect(letter.status()).toBe(409);
  await creditor.close();
});
