import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { taskNoteText } from '../../lib/tasks/notes';
import { shortcutsReady, signIn, sql } from './support';

// The follow-up task an opening judgment leaves on a file, read by the agent who recorded it in French and by a
// manager who reads English: the same stored reference (task.note_ref), each in its reader's language, with its
// days written that language's way. No sentence was stored in either.

const SHOTS = 'test-results/screenshots';
const shot = (name: string) => ({ path: `${SHOTS}/task-language-${name}.png`, fullPage: true });
const AGENT = 'agent@alpha.demo';
const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

async function taskNoteOn(page: Page): Promise<string> {
  await shortcutsReady(page, 'action-panel');
  await page.keyboard.press('t');
  const notes = page.getByTestId('tasks').getByTestId('task-note');
  await expect(notes).toHaveCount(1);
  return plain(await notes.innerText());
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('an opening judgment’s follow-up task reads in French and in English', async ({ browser }) => {
  // A company's only file, worked by the agent, with no task and no event yet: the judgment leaves one task on it.
  const [file] = await sql<{ id: string; debtor_id: string }>(
    `SELECT f.id, f.debtor_id FROM case_file f
       JOIN agency a ON a.id = f.tenant_id
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       JOIN membership m ON m.tenant_id = f.tenant_id AND m.id = f.assignee_id
       JOIN identity i ON i.id = m.identity_id
      WHERE a.slug = 'alpha' AND i.email = $1 AND f.status = 'IN_PROGRESS' AND d.kind = 'COMPANY'
        AND NOT EXISTS (SELECT 1 FROM company_event e WHERE e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id)
        AND NOT EXISTS (SELECT 1 FROM task t WHERE t.tenant_id = f.tenant_id AND t.file_id = f.id AND t.status = 'OPEN')
        AND (SELECT count(*) FROM case_file o WHERE o.tenant_id = f.tenant_id AND o.debtor_id = f.debtor_id) = 1
      ORDER BY f.reference LIMIT 1`,
    [AGENT],
  );
  expect(file, 'a company file of the agent with nothing open').toBeTruthy();

  const french = await browser.newContext();
  const agent = await french.newPage();
  await signIn(agent, AGENT);
  await agent.goto(`/files/${file!.id}`);
  await shortcutsReady(agent, 'action-panel');
  await agent.keyboard.press('j');
  const form = agent.getByTestId('form-event');
  await form.getByLabel('Événement', { exact: true }).selectOption('RECEIVERSHIP');
  await form.getByLabel("Date de l'événement").fill('2026-10-20');
  await form.getByLabel('Publié au BODACC le').fill('2026-10-31');
  await form.getByRole('button', { name: "Enregistrer l'événement" }).click();
  await expect(agent.getByTestId('panel-notice')).toHaveText('Événement enregistré.');

  const [task] = await sql<{ note: string | null; note_ref: unknown; kind: string }>(
    `SELECT kind, note, note_ref FROM task WHERE file_id = $1 AND status = 'OPEN'`,
    [file!.id],
  );
  // Stored as a key and values, nothing in either language.
  expect(task).toMatchObject({ kind: 'INSOLVENCY_FOLLOW_UP', note: null });
  expect(task!.note_ref).toEqual({
    key: 'insolvency.declare',
    values: expect.objectContaining({ event: 'RECEIVERSHIP', publishedOn: '2026-10-31', deadline: '2026-12-31' }),
  });

  await agent.reload();
  const frText = await taskNoteOn(agent);
  await agent.screenshot(shot('01-agent-fr'));
  expect(frText).toBe(plain(taskNoteText({ note: null, noteRef: task!.note_ref }, 'fr', 'Europe/Paris')!));
  expect(frText).toMatch(
    /^Redressement judiciaire : jugement d’ouverture publié au BODACC le 31 oct\. 2026\. Déclarer la créance au mandataire judiciaire au plus tard le 31 déc\. 2026 \(2 mois après la publication/,
  );

  const english = await browser.newContext();
  const manager = await english.newPage();
  await signIn(manager, 'manager@alpha.demo');
  await english.addCookies([{ name: 'recouvra_locale', value: 'en', url: new URL(manager.url()).origin }]);
  await manager.goto(`/files/${file!.id}`);
  const enText = await taskNoteOn(manager);
  await manager.screenshot(shot('02-manager-en'));
  expect(enText).toBe(plain(taskNoteText({ note: null, noteRef: task!.note_ref }, 'en', 'Europe/Paris')!));
  expect(enText).toMatch(
    /^Receivership: opening judgment published in the BODACC on 31 Oct 2026\. Declare the claim to the court-appointed administrator by 31 Dec 2026 \(2 months after publication/,
  );
  expect(enText).not.toMatch(/Redressement|créance|déclarer|au plus tard/i);

  await french.close();
  await english.close();
});
