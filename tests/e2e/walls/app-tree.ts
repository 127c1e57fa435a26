import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What the app answers, read from the source tree: so a route added tomorrow is crawled without anyone listing it. */
export interface AppPage {
  file: string;
  /** URL pattern with its dynamic segments: `/files/[id]` (route groups dropped). */
  pattern: string;
}
export interface AppHandler extends AppPage {
  methods: string[];
}
export interface AppAction {
  file: string;
  name: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function patternOf(appDir: string, file: string): string {
  const segments = relative(appDir, file).split(sep).slice(0, -1);
  const kept = segments.filter((s) => !(s.startsWith('(') && s.endsWith(')')) && !s.startsWith('@'));
  return `/${kept.join('/')}`;
}

function handlerMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:const|let)\s+([A-Z]+)\s*=/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(','))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      );
  }
  return [...found].filter((name) => METHODS.includes(name)).sort();
}

function actionExports(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:const|let)\s+(\w+)\s*=/g)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(','))
      names.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      );
  }
  return [...names].filter(Boolean).sort();
}

const isServerModule = (source: string) => /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/.test(source);

export function appTree(root = process.cwd()) {
  const appDir = join(root, 'app');
  const sources = [...walk(appDir), ...walk(join(root, 'components')), ...walk(join(root, 'lib'))].filter(
    (f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(`${sep}generated${sep}`),
  );
  const pages: AppPage[] = [];
  const handlers: AppHandler[] = [];
  const actions: AppAction[] = [];
  /** Inline `'use server'` functions (closures in components) cannot be named from outside: the crawler refuses them. */
  const inlineActions: string[] = [];
  for (const file of sources) {
    const source = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    const name = file.split(sep).pop()!;
    if (file.startsWith(appDir) && /^page\.(tsx|ts|jsx|js)$/.test(name)) {
      pages.push({ file: rel, pattern: patternOf(appDir, file) });
    }
    if (file.startsWith(appDir) && /^route\.(ts|js)$/.test(name)) {
      handlers.push({ file: rel, pattern: patternOf(appDir, file), methods: handlerMethods(source) });
    }
    if (isServerModule(source)) {
      for (const exported of actionExports(source)) actions.push({ file: rel, name: exported });
    } else if (/['"]use server['"]/.test(source)) {
      inlineActions.push(rel);
    }
  }
  return { pages, handlers, actions, inlineActions };
}
