// What the HTTP benches (pages, agents) share: the production app started on a bench database, agents signed in
// the way the sign-in form does it, and the ids Next gave the server actions they call.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The id of a server action in the production build, as the browser names it in its Next-Action header. */
export function actionId(file: string, exported: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === exported);
  if (!found) throw new Error(`no server action ${exported} in ${file}: run npm run build`);
  return found[0];
}

function keepCookies(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs a person in through next-auth's credentials callback and returns the cookie header of the session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  keepCookies(response, jar);
  if (![...jar.keys()].some((k) => k.endsWith('session-token'))) {
    throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  }
  return cookieHeader(jar);
}

/**
 * `node dist/entry.mjs web|worker`, as npm start and the image run it, in a process group of its own so that
 * stopping it stops the web processes it forked too.
 */
export function startApp(role: 'web' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['dist/entry.mjs', role], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  child.on('exit', (code) => {
    if (code) console.error(`  ${role} exited with ${code}`);
  });
  return child;
}

export function stopApp(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export async function until(check: () => Promise<boolean>, what: string, ms = 300_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
