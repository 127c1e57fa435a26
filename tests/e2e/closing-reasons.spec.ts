import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, sql } from './support';

// Issue 16: closing reasons by creditor and month on the manager's closings page — the stacked bars by month, the
// table by creditor with its totals, and one creditor on its own through the page's filter. The figures are checked
// against the closing decisions in the database (the demo records one for each closed file).

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/closing-reasons-${name}.png`, fullPage: true });
const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

/** The decided closings of the last twelve months (the agency's calendar), by creditor. */
async function expected(): Promise<{ creditorId: string; name: string; closings: number }[]> {
  return sql<{ creditorId: string; name: string; closings: number }>(
    `SELECT f.creditor_id::text AS "creditorId", cr.name, count(*)::int AS closings
       FROM file_closing c
       JOIN agency a ON a.id = c.tenant_id
       JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
       JOIN creditor cr ON cr.tenant_id = f.tenant_id AND cr.id = f.creditor_id
      WHERE a.slug = 'alpha' AND c.status = 'CLOSED'
        AND c.decided_at >= (date_trunc('month', now() AT TIME ZONE a.time_zone) - interval '11 months')
                            AT TIME ZONE a.time_zone
      GROUP BY 1, 2
      ORDER BY closings DESC, name`,
  );
}

test('the closings page charts closing reasons by month and creditor, and shows one creditor alone', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'manager@alpha.demo');
  const chart = page.getByTestId('chart-closing-reasons');
  const table = page.getByTestId('closing-reasons-table');
  let byCreditor: Awaited<ReturnType<typeof expected>> = [];
  // The chart reads the summary tables, which the reports worker keeps a few seconds behind the closings other specs
  // made: read again until both sides have seen the same closings.
  await expect(async () => {
    byCreditor = await expected();
    await page.goto('/closings');
    await expect(table.locator('tbody tr')).toHaveCount(byCreditor.length);
    const total = byCreditor.reduce((s, c) => s + c.closings, 0);
    expect(digits(await table.locator('tfoot td').last().textContent())).toBe(total);
    for (const c of byCreditor) {
      const row = table.locator('tbody tr', { hasText: c.name });
      expect(digits(await row.locator('td').last().textContent()), c.name).toBe(c.closings);
    }
  }).toPass({ timeout: 60_000 });
  expect(byCreditor.length, 'the demo has closed files with their decisions').toBeGreaterThan(1);
  await expect(page.getByRole('heading', { name: 'Motifs de clôture par créancier et par mois' })).toBeVisible();
  await expect(chart).toBeVisible();
  // The reasons in the legend, in the reader's language.
  await expect(chart.getByText('Payé intégralement').first()).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot(shot('01-all'));

  // One creditor: the plain GET form, read back through the query's schema.
  const one = byCreditor[0]!;
  // The chart's own filter (the bulk closing further down has a creditor choice too).
  const filter = page.locator('form', { has: page.getByRole('button', { name: 'Afficher' }) });
  await filter.getByRole('combobox', { name: 'Créancier' }).selectOption(one.creditorId);
  await filter.getByRole('button', { name: 'Afficher' }).click();
  await expect(page).toHaveURL(new RegExp(`creditorId=${one.creditorId}`));
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr')).toContainText(one.name);
  expect(digits(await table.locator('tfoot td').last().textContent())).toBe(one.closings);
  await page.screenshot(shot('02-one-creditor'));

  // An id that is not one is refused on its field, not a crash.
  await page.goto('/closings?creditorId=not-an-id');
  await expect(page.getByTestId('dashboard-error')).toBeVisible();
});
