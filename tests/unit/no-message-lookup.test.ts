import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCatalogueKey } from '../../lib/errors/describe';

// Errors are catalogue keys (docs/architecture.md): a use-case throws a key and its values, and the one mapper
// (lib/errors/describe) writes them in the reader's language. Two ways back to the old habits fail here:
// reading English message text back to find a key (a reverse lookup), and throwing text instead of a key.

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Code that finds a key from message text: `xMessageKey(message)`, a map built from message tables, a regex on `.message`. */
const LOOKUPS: [RegExp, string][] = [
  [/\w+MessageKey\s*\(/, 'a function that maps message text to a key'],
  [/new Map<[^>]*>\(\s*Object\.entries\(\w*MESSAGES\)/, 'a map from message text to key'],
  [/\.(test|exec|match)\(\s*[\w.]*\.message\b/, 'a regex run on an error message'],
  [
    /\b\w*(error|err|answer|failure)\w*(\.error)?\.message\s*(===|!==|\.startsWith|\.includes|\.match)/i,
    'a comparison of message text',
  ],
];

/** A thrown AppError whose message is text rather than a catalogue key (literal strings only: keys are literals). */
const THROWN_TEXT = [
  /new AppError\(\s*'[A-Z_]+',\s*(`[^`]*`|'[^']*')/g,
  /AppError\.refused\(\s*'[A-Z_]+',\s*(`[^`]*`|'[^']*')/g,
  /\brefuse\(\s*'[\w.]+',\s*(`[^`]*`|'[^']*')\)/g,
];

export function findings(source: string): string[] {
  const found: string[] = [];
  for (const [pattern, what] of LOOKUPS) if (pattern.test(source)) found.push(what);
  for (const pattern of THROWN_TEXT) {
    for (const match of source.matchAll(pattern)) {
      const literal = match[1]!;
      const text = literal.slice(1, -1);
      if (literal.startsWith('`') || !isCatalogueKey(text)) found.push(`thrown text instead of a key: ${literal}`);
    }
  }
  return found;
}

describe('errors are catalogue keys', () => {
  it('the scanner finds each habit it is meant to refuse', () => {
    expect(findings('const key = paymentMessageKey(error.message);')).toHaveLength(1);
    expect(
      findings('const KEY_OF = new Map<string, K>(Object.entries(PAYMENT_MESSAGES).map(([k, m]) => [m, k]));'),
    ).toHaveLength(1);
    expect(findings('if (/^File \\S+ was changed/.test(error.message)) banner();')).toHaveLength(1);
    expect(findings('const stale = /^File/.exec(error.message);')).toHaveLength(1);
    expect(findings("if (error.message === 'Internal error') x();")).toHaveLength(1);
    expect(findings("throw new AppError('CONFLICT', 'this file already has a plan');")).toHaveLength(1);
    expect(findings("throw new AppError('CONFLICT', `File ${ref} changed`);")).toHaveLength(1);
    expect(findings("throw refuse('taskId', 'is not a task of this file');")).toHaveLength(1);
    expect(findings("throw new AppError('CONFLICT', 'payments.errors.planActive');")).toEqual([]);
    expect(findings("throw refuse('taskId', 'workspace.errors.notOfFile');")).toEqual([]);
  });

  it('no code in lib/, app/ or components/ reads message text back or throws text', () => {
    const offenders: Record<string, string[]> = {};
    for (const dir of ['lib', 'app', 'components']) {
      for (const file of sources(path.join(ROOT, dir))) {
        const found = findings(readFileSync(file, 'utf8'));
        if (found.length > 0) offenders[path.relative(ROOT, file)] = found;
      }
    }
    expect(offenders).toEqual({});
  });
});
