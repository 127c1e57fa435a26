import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { expect, test, type Page } from '@playwright/test';
import { totpCode } from '../../lib/accounts/totp';
import { PASSWORD, signIn, sql } from './support';

// Issue 18: a manager must set up a second factor at the first sign-in (QR code, a code from the app, recovery codes
// shown once); then the sign-in asks for the code after the password, refuses a replayed one, takes a recovery code
// once. The demo's agencies need no second factor: this spec requires it of Beta's staff for its own run, for a
// manager made for it, and puts things back after.

const shot = (name: string) => `docs/evidence/accounts/${name}.png`;
const email = `mfa-${randomUUID().slice(0, 8)}@beta.demo`;

test.beforeAll(async () => {
  const passwordHash = await hash(PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const [identity] = await sql<{ id: string }>(
    `INSERT INTO identity (email, password_hash, name) VALUES ($1, $2, 'Marc Deux-Facteurs') RETURNING id`,
    [email, passwordHash],
  );
  await sql(
    `INSERT INTO membership (tenant_id, identity_id, role) SELECT id, $1, 'MANAGER' FROM agency WHERE slug = 'beta'`,
    [identity!.id],
  );
  await sql(`UPDATE agency SET staff_second_factor = true WHERE slug = 'beta'`);
});
test.afterAll(async () => {
  await sql(`UPDATE agency SET staff_second_factor = false WHERE slug = 'beta'`);
});

/** The password step for a person with a second factor: the form then asks for the code. */
async function passwordStep(page: Page) {
  await page.goto('/signin');
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/mot de passe/i).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByLabel('Code de vérification')).toBeVisible();
}

async function codeStep(page: Page, code: string) {
  await expect(page.getByLabel('Code de vérification')).toBeVisible();
  await page.getByLabel('Code de vérification').fill(code);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/signin/);
}

test('a manager sets up the second factor at first sign-in, then signs in with codes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, email);
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  await expect(page.getByRole('status')).toHaveText(
    'Votre rôle demande une double authentification : configurez-la pour continuer.',
  );
  // Nothing else opens meanwhile.
  await page.goto('/queue');
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  await expect(
    page.getByRole('img', { name: 'Code QR à scanner avec l’application d’authentification' }),
  ).toBeVisible();
  await page.screenshot({ path: shot('second-factor-setup-fr'), fullPage: true });

  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  await page.getByLabel('Code à six chiffres').fill('12');
  await page.getByRole('button', { name: 'Activer' }).click();
  await expect(page.locator('[data-field-error="code"]')).toHaveText(
    'Saisissez les six chiffres affichés par l’application.',
  );
  const enrolCode = totpCode(secret);
  await page.getByLabel('Code à six chiffres').fill(enrolCode);
  await page.getByRole('button', { name: 'Activer' }).click();
  const codes = page.getByTestId('recovery-codes').locator('li');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.allTextContents()).map((c) => c.trim());
  await page.screenshot({ path: shot('second-factor-recovery-codes-fr'), fullPage: true });
  await page.getByRole('button', { name: 'J’ai noté mes codes, continuer' }).click();
  await expect(page).not.toHaveURL(/\/account|\/signin/);
  await signOut(page);

  // The code that set it up was used: refused, even within its 30 seconds. The next one is taken.
  await passwordStep(page);
  await page.screenshot({ path: shot('sign-in-code-asked-fr') });
  await codeStep(page, enrolCode);
  await expect(page.locator('form [role=alert]')).toContainText('Ce code ne convient pas');
  await page.screenshot({ path: shot('sign-in-code-refused-fr') });
  await codeStep(page, totpCode(secret, new Date(Date.now() + 30_000)));
  await expect(page).not.toHaveURL(/\/signin/);
  await signOut(page);

  // A recovery code opens one sign-in.
  await passwordStep(page);
  await codeStep(page, recovery[0]!);
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto('/account/second-factor');
  await expect(page.getByText('9 codes de secours restants.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Désactiver' })).toHaveCount(0);
  await page.screenshot({ path: shot('second-factor-on-fr'), fullPage: true });
  await signOut(page);
  await passwordStep(page);
  await codeStep(page, recovery[0]!);
  await expect(page.locator('form [role=alert]')).toContainText('Ce code ne convient pas');
});

test('the admin sees who has a second factor and resets a lost one', async ({ page }) => {
  await sql(`UPDATE agency SET staff_second_factor = false WHERE slug = 'beta'`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'admin@beta.demo');
  await page.goto('/admin/staff');
  const row = page.locator(`tr[data-member="${email}"]`);
  await expect(row.getByRole('cell', { name: 'Active', exact: true }).last()).toBeVisible();
  await row.getByRole('button', { name: 'Réinitialiser la double authentification' }).click();
  await expect(page.getByRole('status')).toContainText('Double authentification réinitialisée');
  await expect(row.getByRole('button', { name: 'Réinitialiser la double authentification' })).toHaveCount(0);
  await page.screenshot({ path: shot('staff-factor-reset-fr'), fullPage: true });
});
