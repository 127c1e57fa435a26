import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { creditorOfUser, signIn, sql } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/remittances-${name}.png`, fullPage: true });

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

test('a manager proposes and approves a remittance and downloads its statement; the creditor finds it in its portal', async ({
  page,
}) => {
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  const [held] = await sql<{ held: string }>(
    `SELECT coalesce(-sum(b.balance_cents), 0)::text AS held FROM ledger_balance b JOIN agency a ON a.id = b.tenant_id
      WHERE a.slug = 'alpha' AND b.account = 'CREDITOR_FUNDS_PAYABLE' AND b.creditor_id = $1`,
    [creditorId],
  );
  expect(Number(held!.held)).toBeGreaterThan(0);

  await signIn(page, 'manager@alpha.demo');
  await page.goto('/finance');
  await expect(page.getByTestId('remittance-deadlines')).toBeVisible();
  await page.screenshot(shot('01-deadlines'));

  await page.getByTestId('propose-remittance').click();
  const run = page.getByTestId('payout-runs').locator('li').first();
  await expect(run.getByTestId('payout-status')).toHaveText('Proposé');
  await page.screenshot(shot('02-proposed'));
  await run.getByTestId('approve-payout').click();
  await expect(page.getByTestId('payout-runs').locator('li').first().getByTestId('payout-status')).toHaveText(
    'Approuvé',
  );
  await page.screenshot(shot('03-approved'));

  const approved = page.getByTestId('payout-runs').locator('li').first();
  const statement = await downloaded(page, () => approved.getByTestId('statement-link').first().click());
  expect(statement.name).toMatch(/^releve-reversement-\d+-REM\d+-\d+\.pdf$/);
  expect(statement.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const transfers = await downloaded(page, () => approved.getByTestId('transfer-file').click());
  expect(transfers.name).toMatch(/^reversement-\d+-pain\.001\.001\.09\.xml$/);
  expect(transfers.bytes.toString()).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');

  // The funds are no longer held: the deadline table has nothing left for this creditor.
  const [after] = await sql<{ held: string }>(
    `SELECT coalesce(-sum(b.balance_cents), 0)::text AS held FROM ledger_balance b JOIN agency a ON a.id = b.tenant_id
      WHERE a.slug = 'alpha' AND b.account = 'CREDITOR_FUNDS_PAYABLE' AND b.creditor_id = $1`,
    [creditorId],
  );
  expect(Number(after!.held)).toBe(0);

  await page.context().clearCookies();
  await signIn(page, 'creditor@alpha.demo');
  await page.goto('/portal/payments');
  const rows = page.getByTestId('portal-remittances').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await page.screenshot(shot('04-portal'));
  const own = await downloaded(page, () => rows.first().getByRole('link', { name: 'Télécharger' }).click());
  expect(own.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  // The transfer file names every creditor's account: not the creditor's to download.
  const runId = (
    await sql<{ id: string }>(
      `SELECT r.id FROM payout_run r JOIN agency a ON a.id = r.tenant_id
        WHERE a.slug = 'alpha' AND r.status = 'APPROVED' ORDER BY r.number DESC LIMIT 1`,
    )
  )[0]!.id;
  expect((await page.request.get(`/api/payouts/${runId}/transfer-file`)).status()).toBe(404);
});
