import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { creditorOfUser, signIn, sql } from './support';

// Issue 14: a manager records on the mandate that the creditor lets an e-mail be the first letter (CPCE R124-4),
// in French and in English. The demo's alpha has three creditors: set aside the portal user's and MAT-DURAND
// (mandates.spec edits it), the one left is taken; plan-settings.spec edits its plan terms, never this choice, and
// this spec puts its choice back afterwards.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/mandate-email-first-${name}.png`, fullPage: true });

test('a manager lets an e-mail be the first letter on a mandate; the choice is saved and shown again', async ({
  browser,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const portalCreditor = await creditorOfUser('creditor@alpha.demo');
  const [mandate] = await sql<{ id: string; email_first_letter: boolean }>(
    `SELECT m.id, m.email_first_letter FROM mandate m JOIN creditor c ON c.tenant_id = m.tenant_id AND c.id = m.creditor_id
       JOIN agency a ON a.id = m.tenant_id
      WHERE a.slug = 'alpha' AND c.id <> $1 AND c.code <> 'MAT-DURAND'
        AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on >= current_date)
      ORDER BY c.code DESC LIMIT 1`,
    [portalCreditor],
  );
  expect(mandate).toBeTruthy();
  expect(mandate!.email_first_letter).toBe(false);
  const french = await browser.newContext();
  const english = await browser.newContext();
  try {
    const page = await french.newPage();
    await signIn(page, 'manager@alpha.demo');
    await page.goto(`/creditors/mandates/${mandate!.id}`);
    const edit = page.getByTestId('mandate-edit-form');
    const box = edit.getByLabel('Une relance par e-mail peut tenir lieu de première lettre (art. R124-4 CPCE)');
    await expect(box).not.toBeChecked();
    await box.check();
    await box.scrollIntoViewIfNeeded();
    await page.screenshot(shot('01-fr'));
    await edit.getByRole('button', { name: 'Enregistrer le mandat' }).click();
    await expect(page.getByRole('status')).toContainText('enregistré');
    const [saved] = await sql<{ email_first_letter: boolean }>(`SELECT email_first_letter FROM mandate WHERE id = $1`, [
      mandate!.id,
    ]);
    expect(saved).toEqual({ email_first_letter: true });

    const en = await english.newPage();
    await signIn(en, 'manager@alpha.demo');
    await english.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(en.url()).origin }]);
    await en.goto(`/creditors/mandates/${mandate!.id}`);
    const enBox = en
      .getByTestId('mandate-edit-form')
      .getByLabel('An e-mail may stand as the first letter (CPCE R124-4)');
    await expect(enBox).toBeChecked();
    await enBox.scrollIntoViewIfNeeded();
    await en.screenshot(shot('02-en'));
  } finally {
    await sql(`UPDATE mandate SET email_first_letter = $2 WHERE id = $1`, [mandate!.id, mandate!.email_first_letter]);
    await french.close();
    await english.close();
  }
});
