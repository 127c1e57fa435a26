import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { rfReference } from '../../lib/bank/creditor-reference';
import { camt053 } from '../fixtures/bank/statements';
import { followNav, signIn, sql } from './support';

// The bank's statement arrives: a manager imports it on the reconciliation page; the transfer paid by QR code is
// recorded on its file at once, the one without a reference waits, and an agent assigns it to the file it pays.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/reconciliation-${name}.png`, fullPage: true });

function parisDay(offset = 0): string {
  const day = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day);
}

test('a manager imports a statement and an agent reconciles the transfer it could not match', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  // Two open files of alpha placed before yesterday, with their debtors' names, from the middle of the list: the
  // other specs take the first or the last files, and a payment of this test must not land on theirs.
  const files = await sql<{ id: string; reference: string; debtor: string; iban: string }>(
    `SELECT f.id, f.reference, d.display_name AS debtor, a.creditor_funds_iban AS iban
       FROM case_file f JOIN agency a ON a.id = f.tenant_id
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
      WHERE a.slug = 'alpha' AND f.phase = 'AMICABLE' AND f.placed_at < now() - interval '2 days'
      ORDER BY f.reference DESC OFFSET 20 LIMIT 2`,
  );
  const [byQr, byHand] = files as [(typeof files)[0], (typeof files)[0]];
  const suffix = Date.now().toString(36).toUpperCase();
  const statement = camt053(
    8,
    byQr.iban.replace(/\s+/g, ''),
    [
      {
        amount: '25.00',
        bankRef: `E2E-${suffix}-1`,
        bookingDate: parisDay(-1),
        name: byQr.debtor,
        rf: rfReference(byQr.reference),
      },
      {
        amount: '31.40',
        bankRef: `E2E-${suffix}-2`,
        bookingDate: parisDay(-1),
        name: 'PAIEMENT SANS REF',
        ustrd: [`Virement ${suffix}`],
      },
    ],
    `E2E-${suffix}`,
  );

  await signIn(page, 'manager@alpha.demo');
  await followNav(page, 'Rapprochement bancaire', 'Portefeuille');
  await expect(page.getByRole('heading', { name: 'Rapprochement bancaire' })).toBeVisible();
  const upload = page.getByTestId('statement-upload');
  await upload
    .getByLabel('Fichier du relevé')
    .setInputFiles({ name: `releve-${suffix}.xml`, mimeType: 'application/xml', buffer: Buffer.from(statement) });
  await upload.getByRole('button', { name: 'Importer' }).click();
  await expect(upload.getByRole('status')).toContainText('2 écritures lues : 1 rapprochée(s) et enregistrée(s)');
  await expect(page.getByTestId('statements')).toContainText(`releve-${suffix}.xml`);
  const waiting = page.getByTestId('open-credit').filter({ hasText: `Virement ${suffix}` });
  await expect(waiting).toContainText('sans dossier');
  await page.screenshot(shot('imported'));

  await page.context().clearCookies();
  await signIn(page, 'agent@alpha.demo');
  await page.goto('/reconciliation');
  await expect(page.getByTestId('statement-upload')).toHaveCount(0); // agents reconcile, managers import
  const credit = page.getByTestId('open-credit').filter({ hasText: `Virement ${suffix}` });
  await credit.getByLabel('Dossier').fill('D9999999');
  await credit.getByRole('button', { name: 'Affecter' }).click();
  await expect(
    page
      .getByTestId('open-credit')
      .filter({ hasText: `Virement ${suffix}` })
      .getByRole('alert'),
  ).toContainText("Aucun dossier de l'agence ne porte cette référence");
  const again = page.getByTestId('open-credit').filter({ hasText: `Virement ${suffix}` });
  await again.getByLabel('Dossier').fill(byHand.reference);
  await again.getByRole('button', { name: 'Affecter' }).click();
  await expect(page.getByTestId('open-credit').filter({ hasText: `Virement ${suffix}` })).toHaveCount(0);
  await page.screenshot(shot('reconciled'));

  const payments = await sql<{ file_id: string; amount_cents: string }>(
    `SELECT p.file_id, p.amount_cents::text FROM bank_entry_payment p JOIN bank_entry e
        ON e.tenant_id = p.tenant_id AND e.id = p.entry_id WHERE e.bank_ref LIKE $1 ORDER BY e.bank_ref`,
    [`E2E-${suffix}-%`],
  );
  expect(payments).toEqual([
    { file_id: byQr.id, amount_cents: '2500' },
    { file_id: byHand.id, amount_cents: '3140' },
  ]);
  await page.goto(`/files/${byHand.id}`);
  await expect(page.getByText('31,40', { exact: false }).first()).toBeVisible();
});
