import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { timelineRenderer } from '../../lib/history/render';
import { creditorOfUser, signIn, sql } from './support';

// One file's history read by a manager of the agency in French and by the creditor's user, on the portal, in
// English: the same lines in the same order, each in its reader's language, rendered from the stored kinds and
// values (no line was written in either language).

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/history-${name}.png`, fullPage: true });
const CREDITOR = 'creditor@alpha.demo';

const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

async function linesOn(page: Page) {
  const items = page.getByTestId('timeline').locator('li');
  const kinds = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind') ?? ''));
  const texts = await items.locator('p:nth-child(2)').allInnerTexts();
  return { kinds, texts: texts.map(plain) };
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('the same file reads in French at the agency and in English on the portal', async ({ browser }) => {
  const creditorId = await creditorOfUser(CREDITOR);
  // A file of the creditor's with a scenario and money on its timeline, so the lines carry dates, sums and steps.
  const [file] = await sql<{ id: string }>(
    `SELECT f.id FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = 'alpha' AND f.creditor_id = $1
        AND EXISTS (SELECT 1 FROM activity x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id AND x.kind = 'scenario.started')
        AND EXISTS (SELECT 1 FROM activity x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id
                      AND x.kind IN ('payment.recorded', 'contact.call', 'letter.sent'))
      ORDER BY (SELECT count(*) FROM activity x WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id) DESC, f.reference
      LIMIT 1`,
    [creditorId],
  );
  expect(file, 'a seeded file with a scenario history').toBeTruthy();
  const stored = await sql<{ kind: string; details: unknown }>(
    `SELECT kind, details FROM activity WHERE file_id = $1 ORDER BY occurred_at DESC LIMIT 200`,
    [file!.id],
  );

  const agency = await browser.newContext();
  const manager = await agency.newPage();
  await signIn(manager, 'manager@alpha.demo');
  await manager.goto(`/files/${file!.id}`);
  await expect(manager.getByTestId('timeline')).toBeVisible();
  const french = await linesOn(manager);
  await manager.screenshot(shot('01-agency-fr'));

  const portal = await browser.newContext();
  const creditor = await portal.newPage();
  await signIn(creditor, CREDITOR);
  // The creditor's user reads English (the language choice is a cookie, lib/i18n/request.ts).
  await portal.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(creditor.url()).origin }]);
  await creditor.goto(`/portal/files/${file!.id}`);
  await expect(creditor.getByTestId('timeline')).toBeVisible();
  const english = await linesOn(creditor);
  await creditor.screenshot(shot('02-portal-en'));

  // The same history: every stored line on both pages (lines written in the same instant may come in either order).
  const sorted = (list: string[]) => [...list].sort();
  expect(sorted(french.kinds)).toEqual(sorted(stored.map((s) => s.kind)));
  expect(sorted(english.kinds)).toEqual(sorted(french.kinds));
  // Each in its reader's language, as the one renderer writes it.
  expect(sorted(french.texts)).toEqual(sorted(stored.map((s) => plain(timelineRenderer('fr', 'Europe/Paris')(s)))));
  expect(sorted(english.texts)).toEqual(sorted(stored.map((s) => plain(timelineRenderer('en', 'Europe/Paris')(s)))));
  expect(french.texts.filter((t) => /^Dossier confié par .+ — \d+ factures?, [\d\s]+,\d\d €$/.test(t))).toHaveLength(1);
  expect(english.texts.filter((t) => /^File placed by .+ — \d+ invoices?, €[\d,]+\.\d\d$/.test(t))).toHaveLength(1);
  expect(french.texts.some((t) => /^Scénario « .+ » démarré/.test(t))).toBe(true);
  expect(english.texts.some((t) => /^Scenario “.+” started/.test(t))).toBe(true);
  // Nothing on the English page is left in French, but what is quoted there: data such as an e-mail's own subject.
  const unquoted = (text: string) => text.replace(/“[^”]*”|«[^»]*»/g, '');
  for (const text of english.texts) expect(unquoted(text)).not.toMatch(/Dossier|Étape|Scénario|reçu le|Paiement/);

  await agency.close();
  await portal.close();
});
