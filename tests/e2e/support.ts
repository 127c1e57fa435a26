import pg from 'pg';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'Recouvra-demo-2026';
const E2E_PORT = process.env.E2E_PORT ?? '3100';
// tests/e2e/serve.sh names the database after the port.
const E2E_DB = `postgresql://postgres@127.0.0.1:5432/recouvra_e2e${E2E_PORT === '3100' ? '' : `_${E2E_PORT}`}`;

/** Reads the seeded e2e database directly, to know which ids belong to whom. */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DB });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function fileOf(
  slug: string,
  where = 'true',
  values: unknown[] = [],
): Promise<{ id: string; reference: string }> {
  const rows = await sql<{ id: string; reference: string }>(
    `SELECT f.id, f.reference FROM case_file f JOIN agency a ON a.id = f.tenant_id
      WHERE a.slug = $1 AND ${where} ORDER BY f.reference LIMIT 1`,
    [slug, ...values],
  );
  if (!rows[0]) throw new Error(`no file for ${slug}`);
  return rows[0];
}

export async function creditorOfUser(email: string): Promise<string> {
  const rows = await sql<{ creditor_id: string }>(
    `SELECT m.creditor_id FROM membership m JOIN identity i ON i.id = m.identity_id WHERE i.email = $1`,
    [email],
  );
  return rows[0]!.creditor_id;
}

/** Signs in through next-auth's credentials endpoint; the request context keeps the session cookie. */
export async function apiSignIn(request: APIRequestContext, email: string, password = PASSWORD): Promise<void> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
  const session = (await (await request.get('/api/auth/session')).json()) as { claims?: unknown };
  if (!session.claims) throw new Error(`no session for ${email}`);
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill(password);
  await page.getByRole('button', { name: /se connecter|sign in/i }).click();
  // Callers often navigate next: wait until the sign-in is settled (signed in, or refused with an alert).
  await Promise.race([
    page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 15_000 }),
    page.locator('form [role=alert]').waitFor({ timeout: 15_000 }),
  ]);
}

/** Waits until the keyboard shortcuts of the queue or the file's action panel listen (markShortcutsReady). */
export async function shortcutsReady(page: Page, testId: 'action-panel' | 'queue-table'): Promise<void> {
  await expect(page.getByTestId(testId)).toHaveAttribute('data-shortcuts', 'ready');
}

/** Follows a header entry; the agency's portfolio and outreach entries sit behind their group's name. */
export async function followNav(page: Page, name: string, group?: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: /^(Navigation principale|Main navigation)$/ });
  if (group) await nav.locator('summary', { hasText: group }).click();
  await nav.getByRole('link', { name, exact: true }).click();
}
