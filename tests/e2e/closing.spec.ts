import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { creditorOfUser, signIn, sql } from './support';

// Issue 16: a manager closes a file as irrecoverable on the file page, with the reason and what was searched; the
// report and the certificate of irrecoverability are made at once, and the creditor reads them on its portal.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/closing-${name}.png`, fullPage: true });

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('a manager closes a file with its report, and the creditor reads the report in its portal', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const creditorId = await creditorOfUser('creditor@alpha.demo');
  // An open B2B file of the portal user's creditor, away from the first and last files other specs take, with no
  // plan, dispute or payment in the way.
  const [target] = await sql<{ id: string; reference: string }>(
    `SELECT f.id, f.reference FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = 'alpha' AND f.creditor_id = $1 AND f.status = 'IN_PROGRESS' AND f.nature = 'B2B'
        AND f.collected_cents = 0
        AND NOT EXISTS (SELECT 1 FROM payment_plan p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM dispute d WHERE d.tenant_id = f.tenant_id AND d.file_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM file_closing c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id)
      ORDER BY f.reference DESC OFFSET 7 LIMIT 1`,
    [creditorId],
  );
  expect(target, 'an open B2B file of the creditor').toBeTruthy();

  const staff = await browser.newPage();
  await signIn(staff, 'manager@alpha.demo');
  await staff.goto(`/files/${target!.id}`);
  const section = staff.getByTestId('closing-section');
  const form = section.getByTestId('close-file-form');
  await form.getByLabel('Motif', { exact: true }).selectOption('UNTRACEABLE');
  // The note is required for this reason: the form says so and nothing closes.
  await form.getByRole('button', { name: 'Clôturer le dossier' }).click();
  await expect(section.getByRole('alert')).toContainText('les précisions manquent');
  await form.getByLabel(/Précisions/).fill('Recherches FICOBA, pages blanches et La Poste négatives');
  await staff.screenshot(shot('01-form'));
  await form.getByRole('button', { name: 'Clôturer le dossier' }).click();

  const summary = section.getByTestId('closing-summary');
  await expect(summary).toContainText('Irrécouvrable — débiteur introuvable après recherches');
  await expect(
    staff.getByText(/Dossier clôturé : Irrécouvrable — débiteur introuvable après recherches/).first(),
  ).toBeVisible();
  await staff.screenshot(shot('02-closed'));
  const report = await staff.request.get(`/api/files/${target!.id}/closing-report`);
  expect(report.status()).toBe(200);
  expect(report.headers()['content-type']).toBe('application/pdf');
  expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(summary.getByTestId('closing-certificate-link')).toBeVisible();

  const creditor = await browser.newPage();
  await signIn(creditor, 'creditor@alpha.demo');
  await creditor.goto(`/portal/files/${target!.id}`);
  const portal = creditor.getByTestId('closing-section');
  await expect(portal.getByTestId('closing-summary')).toContainText(
    'Irrécouvrable — débiteur introuvable après recherches',
  );
  // The creditor reads, and acts on nothing.
  await expect(portal.getByTestId('close-file-form')).toHaveCount(0);
  await expect(portal.getByTestId('reopen-file-form')).toHaveCount(0);
  await creditor.screenshot(shot('03-portal'));
  const fromPortal = await creditor.request.get(`/api/files/${target!.id}/closing-report`);
  expect(fromPortal.status()).toBe(200);
  const certificate = await creditor.request.get(`/api/files/${target!.id}/closing-certificate`);
  expect(certificate.status()).toBe(200);
  await staff.close();
  await creditor.close();
});
