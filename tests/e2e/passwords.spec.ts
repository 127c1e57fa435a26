import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { expect, test, type Page } from '@playwright/test';
import { signIn, sql } from './support';

// Issue 18: a forgotten password reset through the e-mailed link (read from the capture SMTP server), then changed
// from the account page; every form names the field it refuses. A person made for this spec, so no other spec's
// password moves.

const shot = (name: string) => `docs/evidence/accounts/${name}.png`;
const email = `pwd-${randomUUID().slice(0, 8)}@beta.demo`;
const first = 'Recouvra-demo-2026';

test.beforeAll(async () => {
  const passwordHash = await hash(first, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const [identity] = await sql<{ id: string }>(
    `INSERT INTO identity (email, password_hash, name) VALUES ($1, $2, 'Paule Mot-de-Passe') RETURNING id`,
    [email, passwordHash],
  );
  await sql(
    `INSERT INTO membership (tenant_id, identity_id, role) SELECT id, $1, 'AGENT' FROM agency WHERE slug = 'beta'`,
    [identity!.id],
  );
});

async function lastMailTo(address: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const rows = await sql<{ text_body: string }>(
      `SELECT text_body FROM captured_mail WHERE recipients = $1 ORDER BY received_at DESC LIMIT 1`,
      [address],
    );
    if (rows[0]) return rows[0].text_body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no e-mail to ${address}`);
}

async function fill(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
}

test('a forgotten password: the link by e-mail, a new password, signed in with it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { name: 'Mot de passe oublié' })).toBeVisible();
  await fill(page, { 'Adresse e-mail': 'pas une adresse' });
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.locator('[data-field-error="email"]')).toHaveText('Indiquez une adresse e-mail valide.');
  await page.screenshot({ path: shot('forgot-invalid-fr') });

  // An unknown address and a known one get the same answer.
  await fill(page, { 'Adresse e-mail': `inconnu-${randomUUID().slice(0, 6)}@beta.demo` });
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  const sent = page.getByRole('status');
  await expect(sent).toContainText('Si un compte existe à cette adresse');
  const unknownAnswer = await sent.textContent();
  await page.reload();
  await fill(page, { 'Adresse e-mail': email });
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByRole('status')).toHaveText(unknownAnswer!);
  await page.screenshot({ path: shot('forgot-sent-fr') });

  const body = await lastMailTo(email);
  const link = /http:\/\/localhost:\d+\/signin\/reset\?token=[A-Za-z0-9_-]{43}/.exec(body)![0];
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choisir un nouveau mot de passe' })).toBeVisible();
  await fill(page, { 'Nouveau mot de passe': 'court', 'Nouveau mot de passe, une seconde fois': 'court' });
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.locator('[data-field-error="newPassword"]')).toHaveText('Au moins 12 caractères.');
  await page.screenshot({ path: shot('reset-invalid-fr') });
  const second = 'une phrase de passe toute neuve';
  await fill(page, { 'Nouveau mot de passe': second, 'Nouveau mot de passe, une seconde fois': second });
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page).toHaveURL(/\/signin\?notice=passwordReset/);
  await expect(page.getByRole('status')).toHaveText(
    'Votre nouveau mot de passe est enregistré : connectez-vous avec lui.',
  );

  // The link served once.
  await page.goto(link);
  await expect(page.locator('main [role=alert]')).toContainText('Ce lien ne fonctionne plus');

  await signIn(page, email, first);
  await expect(page.locator('form [role=alert]')).toHaveText('Identifiants incorrects.');
  await signIn(page, email, second);
  await expect(page).not.toHaveURL(/\/signin/);

  // Then changed from the account page: the current one required, every session ended.
  await page.getByTestId('current-user').click();
  await expect(page.getByRole('heading', { name: 'Mon compte' })).toBeVisible();
  const third = 'encore une autre phrase';
  // The form's own checks come first (the two entries differ), then the current password.
  await fill(page, {
    'Mot de passe actuel': 'pas le bon',
    'Nouveau mot de passe': third,
    'Nouveau mot de passe, une seconde fois': 'autre chose encore',
  });
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.locator('[data-field-error="confirmPassword"]')).toHaveText(
    'Les deux saisies du nouveau mot de passe diffèrent.',
  );
  await page.screenshot({ path: shot('account-password-invalid-fr'), fullPage: true });
  await fill(page, { 'Nouveau mot de passe, une seconde fois': third });
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.locator('[data-field-error="currentPassword"]')).toHaveText(
    'Ce n’est pas votre mot de passe actuel.',
  );
  await fill(page, { 'Mot de passe actuel': second });
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page).toHaveURL(/\/signin\?notice=passwordChanged/);
  await signIn(page, email, third);
  await expect(page).not.toHaveURL(/\/signin/);
});

test('the account page reads in English', async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'creditor@beta.demo');
  await context.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(page.url()).origin }]);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('[data-field-error="currentPassword"]')).toHaveText('Enter your current password.');
  await page.screenshot({ path: shot('account-en'), fullPage: true });
});
