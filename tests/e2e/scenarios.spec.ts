import { expect, test } from '@playwright/test';
import { followNav, signIn, sql } from './support';

const shot = (name: string) => ({ path: `test-results/screenshots/scenarios-${name}.png`, fullPage: true });

test('a manager designs a three-step scenario, previews it over Christmas and publishes it', async ({ page }) => {
  const name = `Relance E2E ${Date.now().toString(36)}`;
  await signIn(page, 'manager@alpha.demo');
  await expect(page).toHaveURL(/\/files$/);
  await followNav(page, 'Scénarios', 'Relances');
  await expect(page.getByRole('heading', { name: 'Scénarios de relance' })).toBeVisible();
  // The demo seed's scenarios (lib/demo/seed-scenarios.ts), published, with the open files running them.
  const general = page.getByTestId('scenario-row-Relance générale');
  await expect(general).toContainText('Version 1, publiée le');
  await expect(general).toContainText('Tous les dossiers');
  await expect(page.getByTestId('scenario-row-Relance renforcée — entreprises')).toContainText('Entreprises');
  await page.screenshot(shot('01-list'));

  const create = page.getByTestId('new-scenario-form');
  await create.getByRole('button', { name: 'Créer le scénario' }).click();
  await expect(create.getByRole('alert')).toHaveText("Rien n'a été enregistré : corrigez les champs signalés.");
  await expect(create.locator('[data-field-error="name"]')).toHaveText('Nom de 1 à 120 caractères.');
  await create.getByLabel('Nom du scénario').fill(name);
  await create.getByRole('button', { name: 'Créer le scénario' }).click();
  await expect(page).toHaveURL(/\/scenarios\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('version-badge')).toHaveText('Version 1 · brouillon');

  // Step 1 is already there: a simple letter on placement day.
  const step1 = page.getByTestId('step-1');
  await expect(step1.getByLabel('Lettre simple', { exact: true })).toBeChecked();

  // Step 2: e-mail and SMS one calendar day after step 1.
  await page.getByRole('button', { name: 'Ajouter une étape' }).click();
  const step2 = page.getByTestId('step-2');
  await expect(step2.getByLabel('Nombre de jours')).toBeFocused();
  await step2.getByLabel('Nombre de jours').fill('1');
  await step2.getByLabel('E-mail', { exact: true }).check();
  await step2.getByLabel('SMS', { exact: true }).check();
  const email = step2.getByTestId('template-EMAIL');
  await email.getByLabel('Objet (Français)').fill('Dossier {{fileReference}}');
  await email.getByLabel('Message (Français)').fill('Bonjour {{debtor.name}}, merci de régler {{amountDue}}.');
  // The mistake is flagged as it is typed…
  await expect(email.getByText('Repère inconnu : {{debtor.name}}.', { exact: false })).toBeVisible();
  await step2
    .getByTestId('template-SMS')
    .getByLabel('Message (Français)')
    .fill('{{agencyName}} : {{amountDue}} restent dus.');

  // Step 3: a call task three working days later.
  await page.getByRole('button', { name: 'Ajouter une étape' }).click();
  const step3 = page.getByTestId('step-3');
  await step3.getByLabel('Nombre de jours').fill('3');
  await step3.getByLabel('Jours comptés').selectOption('WORKING');
  await step3.getByLabel("Tâche d'appel", { exact: true }).check();
  await step3.getByLabel("Consigne pour l'agent (Français)").fill('Appeler {{debtorName}}.');

  // Reorder with the keyboard and back again.
  await step3.getByRole('button', { name: "Monter l'étape 3" }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-2').getByLabel("Tâche d'appel", { exact: true })).toBeChecked();
  await expect(page.getByRole('button', { name: "Monter l'étape 2" })).toBeFocused();
  await page.getByRole('button', { name: "Descendre l'étape 2" }).click();
  await expect(page.getByTestId('step-3').getByLabel("Tâche d'appel", { exact: true })).toBeChecked();

  // …and refused on save, next to its box, with nothing saved.
  await page.getByRole('button', { name: /Enregistrer le brouillon \(version 1\)/ }).click();
  await expect(page.getByTestId('scenario-form').getByRole('alert')).toContainText('corrigez les champs signalés');
  await expect(page.locator('[data-field-error="steps.1.templates.EMAIL.fr.body"]')).toHaveText(
    'Repère inconnu : utilisez uniquement les repères proposés sous le texte.',
  );
  await page.screenshot(shot('02-field-error'));
  const body = page.getByTestId('step-2').getByTestId('template-EMAIL').getByLabel('Message (Français)');
  await body.fill('Bonjour , merci de régler {{amountDue}}.');
  await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(8, 8));
  await page
    .getByTestId('step-2')
    .getByTestId('template-EMAIL')
    .getByRole('button', { name: 'Insérer le repère « nom du débiteur » dans le texte (Français)' })
    .click();
  await expect(body).toHaveValue('Bonjour {{debtorName}}, merci de régler {{amountDue}}.');

  // The preview, on a file placed on Thursday 24 December 2026.
  const preview = page.getByTestId('scenario-preview');
  await preview.getByLabel('Date de placement').fill('2026-12-24');
  await preview.getByLabel('Montant dû (€)').fill('1250');
  await expect(preview.getByTestId('preview-step-1')).toContainText('Étape 1 · J+0');
  await expect(preview.getByTestId('preview-step-1')).toContainText('24 déc. 2026');
  // Due on Christmas Day: the e-mail and SMS wait for Saturday morning.
  await expect(preview.getByTestId('preview-step-2')).toContainText('Étape 2 · J+2');
  await expect(preview.getByTestId('preview-step-2')).toContainText('26 déc. 2026');
  await expect(preview.getByTestId('preview-step-2')).toContainText('Noël');
  await expect(preview.getByTestId('preview-step-2')).toContainText('09:00');
  // Three working days after Saturday 26: Monday 28, Tuesday 29, Wednesday 30.
  await expect(preview.getByTestId('preview-step-3')).toContainText('Étape 3 · J+6');
  await expect(preview.getByTestId('preview-step-3')).toContainText('30 déc. 2026');
  await page.screenshot(shot('03-preview'));

  await page.getByRole('button', { name: /Enregistrer le brouillon \(version 1\)/ }).click();
  await expect(page).toHaveURL(/\?version=1&saved=draft$/);
  await expect(page.getByRole('status').first()).toHaveText('Brouillon de la version 1 enregistré.');
  await expect(page.getByTestId('step-3')).toBeVisible();

  await page.getByRole('button', { name: 'Publier la version 1' }).click();
  await expect(page).toHaveURL(/\?version=1&saved=published$/);
  await expect(page.getByRole('status').first()).toContainText('Version 1 publiée');
  await expect(page.getByTestId('version-badge')).toHaveText('Version 1 · publiée');
  await expect(page.getByTestId('version-state')).toContainText('brouillon de la version 2');
  await expect(page.getByRole('button', { name: 'Enregistrer comme brouillon de la version 2' })).toBeVisible();
  await page.screenshot(shot('04-published'));

  const [row] = await sql<{ steps: unknown[]; published: boolean }>(
    `SELECT v.steps, v.published_at IS NOT NULL AS published
       FROM scenario_version v JOIN scenario s ON s.tenant_id = v.tenant_id AND s.id = v.scenario_id
      WHERE s.name = $1`,
    [name],
  );
  expect(row?.published).toBe(true);
  expect(row?.steps).toHaveLength(3);

  await page.getByRole('link', { name: 'Retour aux scénarios' }).click();
  const mine = page.getByTestId(`scenario-row-${name}`);
  await expect(mine).toContainText('Version 1, publiée le');
  await expect(mine).toContainText('3 étapes');
  await expect(mine).toContainText('Tous les dossiers');
  await page.screenshot(shot('05-list-after'));

  // Retired again, so the catch-all rules of this test scenario take no file placed by a later test.
  await mine.getByRole('link', { name }).click();
  await page.getByTestId('archive-scenario').getByText('Archiver ce scénario…').click();
  await page.getByRole('button', { name: 'Archiver définitivement' }).click();
  await expect(page).toHaveURL(/\/scenarios\?archived=/);
  await expect(page.getByRole('status')).toHaveText(`Scénario « ${name} » archivé.`);
  await expect(page.getByTestId(`scenario-row-${name}`)).toContainText('Archivé');
});
test('an agent has no scenario screens', async ({ page }) => {
  await signIn(page, 'agent@alpha.demo');
  await expect(page).toHaveURL(/\/(files|queue)/);
  await expect(page.getByRole('link', { name: 'Scénarios', exact: true })).toHaveCount(0);
  const response = await page.goto('/scenarios');
  expect(response?.status()).toBe(404);
});
