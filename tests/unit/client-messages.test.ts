import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fr from '../../messages/fr.json' with { type: 'json' };
import {
  DEBTOR_PAGE_CLIENT,
  pickMessages,
  SERVER_ONLY_NAMESPACES,
  withoutServerOnly,
} from '../../lib/i18n/client-messages';

// The browser receives only part of the catalogue (lib/i18n/client-messages.ts). A client module naming a namespace
// that is not sent would show raw keys: this scan refuses it.

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}
const clientModules = ['app', 'components', 'lib']
  .flatMap(files)
  .filter((f) => /^['"]use client['"]/m.test(readFileSync(f, 'utf8')));
const namespacesOf = (source: string) =>
  [...source.matchAll(/useTranslations\(\s*['"]([\w.]+)['"]\s*\)/g)].map((m) => m[1]!);

describe('the messages the browser receives', () => {
  it('finds the client modules and the namespaces they read', () => {
    expect(clientModules.length).toBeGreaterThan(30);
    expect(clientModules.flatMap((f) => namespacesOf(readFileSync(f, 'utf8')))).toContain('debtorPage.dispute');
  });

  it('holds every namespace a staff client module reads, and none that only the server reads', () => {
    const sent = withoutServerOnly(fr);
    for (const ns of SERVER_ONLY_NAMESPACES) expect(sent).not.toHaveProperty(ns);
    for (const file of clientModules.filter((f) => !f.includes('debtor-page'))) {
      const source = readFileSync(file, 'utf8');
      for (const ns of namespacesOf(source)) expect(sent, `${file} reads ${ns}`).toHaveProperty(ns.split('.'));
      for (const ns of SERVER_ONLY_NAMESPACES)
        expect(source, `${file} names the server-only namespace ${ns}`).not.toMatch(new RegExp(`['"\`]${ns}\\.`));
    }
  });

  it("gives the debtor's page exactly what its forms read, a small part of the catalogue", () => {
    const read = clientModules
      .filter((f) => f.includes('debtor-page'))
      .flatMap((f) => namespacesOf(readFileSync(f, 'utf8')));
    expect(new Set(read)).toEqual(new Set(DEBTOR_PAGE_CLIENT));
    const sent = JSON.stringify(pickMessages(fr, DEBTOR_PAGE_CLIENT)).length;
    expect(sent).toBeLessThan(JSON.stringify(fr).length / 10);
  });
});
