import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support';

const shot = (name: string) => `test-results/screenshots/header-${name}.png`;

/** The vertical centre of every item of the header's row and of its navigation: one line when they agree. */
async function centres(page: Page): Promise<number[]> {
  return page.locator('header > div > *, header nav > *').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return r.top + r.height / 2;
    }),
  );
}

const ROLES = [
  { email: 'admin@alpha.demo', name: 'admin', groups: { Portefeuille: 9, Relances: 3, Paramètres: 6 } },
  { email: 'manager@alpha.demo', name: 'manager', groups: { Portefeuille: 9, Relances: 2, Paramètres: 4 } },
  { email: 'agent@alpha.demo', name: 'agent', groups: { Portefeuille: 4 } },
  { email: 'creditor@alpha.demo', name: 'creditor', groups: {} },
] as const;

for (const role of ROLES) {
  test(`the ${role.name}'s header holds on one line at 1280 px, its groups open and close`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, role.email);
    await expect(page).not.toHaveURL(/\/signin/);
    const header = page.locator('header').first();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav).toBeVisible();
    // One line: every item centred on the same line (a wrapped item would sit a line lower), the row one line tall.
    const ys = await centres(page);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(4);
    const box = (await header.boundingBox())!;
    expect(box.height).toBeLessThan(64);
    expect(await nav.evaluate((n) => n.scrollWidth <= n.clientWidth + 1)).toBe(true);
    await header.screenshot({ path: shot(`${role.name}-1280`) });

    const groups = Object.entries(role.groups) as [string, number][];
    await expect(nav.locator('summary')).toHaveCount(groups.length);
    for (const [group, count] of groups) {
      await nav.locator('summary', { hasText: group }).click();
      const menu = nav.locator('details[open] ul');
      await expect(menu.getByRole('link')).toHaveCount(count);
      await page.screenshot({ path: shot(`${role.name}-${group}`), clip: { x: 0, y: 0, width: 1280, height: 260 } });
      await page.keyboard.press('Escape');
      await expect(nav.locator('details[open]')).toHaveCount(0);
    }
  });
}

test('the admin reaches the captured mail and the print runs from the header', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'admin@alpha.demo');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.locator('summary', { hasText: 'Relances' }).click();
  await nav.getByRole('link', { name: 'Courriels capturés' }).click();
  await expect(page).toHaveURL(/\/admin\/mail$/);
  // Navigating closes the menu; the group of the page shown is marked.
  await expect(nav.locator('details[open]')).toHaveCount(0);
  await nav.locator('summary', { hasText: 'Relances' }).click();
  await expect(nav.getByRole('link', { name: 'Courriels capturés' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Impressions' }).click();
  await expect(page).toHaveURL(/\/print-runs$/);
  await expect(page.getByRole('heading', { name: 'Impressions en nombre' })).toBeVisible();
});
