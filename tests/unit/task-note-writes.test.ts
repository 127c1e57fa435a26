import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Nothing a person reads is stored as a sentence: what the application says on a task is a catalogue reference
// (task.note_ref, lib/tasks/notes.ts), and task.note holds only what a person typed. Tasks have one writer,
// lib/tasks/open-task.ts, which checks the reference against its key's schema; this test reads the code for any
// other write of the table, for a note set by an update, and for a literal handed to a task as typed text.

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['lib', 'app', 'workers', 'components', 'prisma'];
const HOME = 'lib/tasks/open-task.ts';

/** Writes elsewhere that are justified, with why. Each must still be there (no stale excuse). */
const ALLOWED: Record<string, string> = {
  'lib/demo/seed-agency.ts insert':
    'demo data written in bulk with createMany; its notes are references built with taskNote() and checked by ' +
    'checkTaskNote() in lib/demo/workload.ts, and it has no note column of its own',
};

const PATTERNS: [RegExp, string][] = [
  [/INSERT\s+INTO\s+"?task"?\s*\(/i, 'insert'],
  [/\.task\.(create|createMany|upsert)\b/, 'insert'],
  [/UPDATE\s+"?task"?\s+SET\b[^;`]*\bnote\b/i, 'note updated'],
  [/\.task\.update(Many)?\(\{[^;]*?\bdata:\s*\{[^}]*\bnote\b/, 'note updated'],
  // A sentence handed to a task as if a person had typed it.
  [/\btypedNote:\s*[`'"]/, 'literal typed note'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

export function offencesIn(path: string, text: string): string[] {
  return PATTERNS.filter(([pattern, what]) => pattern.test(text) && !(what === 'insert' && path === HOME)).map(
    ([, what]) => `${path} ${what}`,
  );
}

function writers(): string[] {
  const found = new Set<string>();
  for (const file of SCANNED.flatMap((d) => sources(join(ROOT, d)))) {
    const path = relative(ROOT, file);
    for (const offence of offencesIn(path, readFileSync(file, 'utf8'))) found.add(offence);
  }
  return [...found].sort();
}

describe('task notes', () => {
  it('are written only by lib/tasks/open-task.ts, as references or typed text, or with a reason', () => {
    expect(writers().filter((w) => !(w in ALLOWED))).toEqual([]);
  });

  it('keeps no stale excuse', () => {
    const found = new Set(writers());
    expect(Object.keys(ALLOWED).filter((w) => !found.has(w))).toEqual([]);
  });

  it('has its one writer store what a person typed in note and the reference in note_ref', () => {
    const home = readFileSync(join(ROOT, HOME), 'utf8');
    expect(home).toMatch(/INSERT INTO task \([^)]*\bnote, note_ref\b/);
    expect(home).toMatch(/\$\{task\.typedNote \?\? null\}, \$\{ref\}::jsonb/);
    expect(home).toMatch(/checkTaskNote\(task\.ref\)/);
  });

  it('would catch a sentence written to a task anywhere else', () => {
    const samples: [string, string][] = [
      ['lib/x.ts', "await tx.task.create({ data: { note: 'Rappeler le débiteur' } })"],
      ['lib/x.ts', 'await tx.$executeRaw`INSERT INTO task (tenant_id, note) VALUES (1, 2)`'],
      ['lib/x.ts', "await tx.task.updateMany({ where: { id }, data: { note: 'Délai dépassé' } })"],
      ['lib/x.ts', 'await tx.$executeRaw`UPDATE task SET note = ${text} WHERE id = 1`'],
      ['lib/x.ts', 'await openTask(tx, { kind: "REVIEW", typedNote: `Courrier ${ref} revenu` })'],
    ];
    expect(samples.flatMap(([path, text]) => offencesIn(path, text))).toEqual([
      'lib/x.ts insert',
      'lib/x.ts insert',
      'lib/x.ts note updated',
      'lib/x.ts note updated',
      'lib/x.ts literal typed note',
    ]);
    // Closing a task (its status and when) is not a write of its note.
    expect(offencesIn('lib/x.ts', "tx.task.update({ where, data: { status: 'DONE', doneAt: now } })")).toEqual([]);
  });
});
