import { expect, test } from '@playwright/test';
import { shortcutsReady, signIn, sql } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/queue-${name}.png`, fullPage: true });

/** The agent's queue as the database ranks it today (the seed ran refreshTenantQueue). */
async function queueOf(email: string): Promise<{ id: string; display_name: string }[]> {
  return sql<{ id: string; display_name: string }>(
    `SELECT f.id, d.display_name
       FROM case_file f
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       JOIN membership m ON m.tenant_id = f.tenant_id AND m.id = f.assignee_id
       JOIN identity i ON i.id = m.identity_id
       JOIN agency a ON a.id = f.tenant_id
      WHERE i.email = $1 AND f.phase <> 'CLOSED' AND f.attention_on IS NOT NULL
        AND f.attention_on <= (now() AT TIME ZONE a.time_zone)::date
      ORDER BY f.priority_score DESC, f.id
      LIMIT 25`,
    [email],
  );
}

test('an agent opens the day on the queue and works it with the keyboard', async ({ page }) => {
  const queue = await queueOf('agent@alpha.demo');
  expect(queue.length).toBeGreaterThan(2);

  await signIn(page, 'agent@alpha.demo');
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole('heading', { name: 'Ma file de travail' })).toBeVisible();
  const rows = page.getByTestId('queue-table').locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-file-id', queue[0]!.id);
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await page.screenshot(shot('01-agent-queue'));

  // j moves down twice, k back up once: the second file is selected; Enter opens it.
  await shortcutsReady(page, 'queue-table');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/files/${queue[1]!.id}$`));
  await expect(page.getByTestId('debtor-name')).toHaveText(queue[1]!.display_name);

  // n on the queue opens the top file.
  await page.goto('/queue');
  await shortcutsReady(page, 'queue-table');
  await page.keyboard.press('n');
  await expect(page).toHaveURL(new RegExp(`/files/${queue[0]!.id}$`));
  await expect(page.getByTestId('debtor-name')).toHaveText(queue[0]!.display_name);

  // The visible button does the same, and /queue/next?after= goes on to the file ranked below.
  await page.goto('/queue');
  await page.getByTestId('next-file').click();
  await expect(page).toHaveURL(new RegExp(`/files/${queue[0]!.id}$`));
  await page.goto(`/queue/next?after=${queue[0]!.id}`);
  await expect(page).toHaveURL(new RegExp(`/files/${queue[1]!.id}$`));
  await page.screenshot(shot('02-next-file'));
});

test('a manager sees the load per agent, looks at a queue and previews a rebalance', async ({ page }) => {
  await signIn(page, 'manager@alpha.demo');
  await page.getByRole('navigation').getByRole('link', { name: 'Affectations' }).click();
  await expect(page.getByRole('heading', { name: 'Affectations' })).toBeVisible();
  await expect(page.getByTestId('load-chart').locator('svg').first()).toBeVisible();
  const table = page.getByTestId('load-table');
  await expect(table.getByRole('row')).toHaveCount(1 + 3 + 1); // header, manager and two agents, unassigned
  await page.screenshot(shot('03-assignments'));

  const form = page.getByTestId('rebalance-form');
  for (const box of await form.getByRole('checkbox').all()) await box.check();
  await form.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(page.getByTestId('rebalance-loads')).toBeVisible();
  await page.screenshot(shot('04-rebalance-preview'));

  await table
    .getByRole('row')
    .filter({ hasText: 'Chargé de recouvrement' })
    .first()
    .getByRole('link', { name: 'Voir sa file' })
    .click();
  await expect(page).toHaveURL(/\/queue\?agentId=/);
  await expect(page.getByRole('heading', { name: /File de travail de/ })).toBeVisible();
});

test('a creditor user has no queue', async ({ page }) => {
  await signIn(page, 'creditor@alpha.demo');
  await expect(page).toHaveURL(/\/portal$/);
  expect((await page.goto('/queue'))?.status()).toBe(404);
  expect((await page.goto('/assignments'))?.status()).toBe(404);
});
