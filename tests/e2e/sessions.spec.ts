import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './support';

// Issue 18, decision 0019: signing out, or an admin's "sign out everywhere", ends the person's session in every
// browser — a second browser context (another device) loses its session on its next request.

const shot = (name: string) => `docs/evidence/accounts/${name}.png`;

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

test('signing out in one browser ends the session in the other', async ({ browser }) => {
  const laptop = await signedIn(browser, 'manager@beta.demo');
  const phone = await signedIn(browser, 'manager@beta.demo');
  await phone.goto('/files');
  await expect(phone).toHaveURL(/\/files$/);

  await laptop.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(laptop).toHaveURL(/\/signin/);

  await phone.goto('/files');
  await expect(phone).toHaveURL(/\/signin/);
  await expect(phone.getByRole('heading', { name: 'Connexion' })).toBeVisible();

  // Signing in again works, in either browser.
  await signIn(phone, 'manager@beta.demo');
  await expect(phone).not.toHaveURL(/\/signin/);
  await Promise.all([laptop.context().close(), phone.context().close()]);
});

test("an admin's sign-out-everywhere ends another person's sessions", async ({ browser }) => {
  const agent = await signedIn(browser, 'agent@beta.demo');
  const admin = await signedIn(browser, 'admin@beta.demo');
  await admin.setViewportSize({ width: 1280, height: 800 });
  await admin.goto('/admin/staff');
  await expect(admin.getByRole('heading', { name: 'Équipe et accès' })).toBeVisible();
  await admin.screenshot({ path: shot('staff-fr'), fullPage: true });

  const row = admin.locator('tr[data-member="agent@beta.demo"]');
  await row.getByRole('button', { name: 'Déconnecter partout' }).click();
  await expect(admin.getByRole('status')).toHaveText('Toutes les sessions de cette personne ont pris fin.');
  await admin.screenshot({ path: shot('staff-sessions-ended-fr'), fullPage: true });

  await agent.goto('/queue');
  await expect(agent).toHaveURL(/\/signin/);
  // The admin's own session goes on.
  await admin.goto('/admin/staff');
  await expect(admin).toHaveURL(/\/admin\/staff$/);
  await Promise.all([agent.context().close(), admin.context().close()]);
});

test('the staff page is the admin’s only, and reads in English', async ({ browser }) => {
  const manager = await signedIn(browser, 'manager@beta.demo');
  const response = await manager.goto('/admin/staff');
  expect(response?.status()).toBe(404);
  await manager.context().close();

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, 'admin@beta.demo');
  await context.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(admin.url()).origin }]);
  await admin.setViewportSize({ width: 1280, height: 800 });
  await admin.goto('/admin/staff');
  await expect(admin.getByRole('heading', { name: 'Staff and access' })).toBeVisible();
  await expect(
    admin.locator('tr[data-member="agent@beta.demo"]').getByRole('button', { name: 'Sign out everywhere' }),
  ).toBeVisible();
  await admin.screenshot({ path: shot('staff-en'), fullPage: true });
  await context.close();
});
