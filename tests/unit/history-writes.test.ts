import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// A file's history and the audit trail each have one writer: lib/history/record.ts and lib/audit/record-audit.ts
// (the file store calls both for a file's own changes). This test reads the code for any other write of those
// tables, in SQL or through Prisma, so a new path cannot add lines that skip their checks (kinds, details).

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['lib', 'app', 'workers', 'prisma'];

const HOMES: Record<string, string> = {
  activity: 'lib/history/record.ts',
  audit_log: 'lib/audit/record-audit.ts',
};

/** Writes elsewhere that are justified, with why. Each must still be there (no stale excuse). */
const ALLOWED: Record<string, string> = {
  'lib/imports/pipeline/merge.ts activity':
    'the import merge writes one line per file placed from its staging tables in SQL (a million rows), ' +
    'with ids ordered for the bulk path; the kinds it writes (file.placed, claims.added) are checked by ' +
    'tests/integration/import-pipeline.test.ts against lib/history/kinds',
  'lib/workqueue/reassign.ts activity':
    'a set-based reassignment writes file.assigned lines with the new assignee’s name joined in the same statement',
  'lib/demo/collections.ts activity': 'demo data: a seeded past, written in bulk',
  'lib/demo/seed-agency.ts activity': 'demo data: a seeded past, written in bulk',
};

const WRITES: [RegExp, string][] = [
  [/INSERT\s+INTO\s+activity\b/i, 'activity'],
  [/\.activity\.(create|createMany|upsert|update|updateMany|delete|deleteMany)\b/, 'activity'],
  [/INSERT\s+INTO\s+audit_log\b/i, 'audit_log'],
  [/\.auditLog\.(create|createMany|upsert|update|updateMany|delete|deleteMany)\b/, 'audit_log'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function writers(): string[] {
  const found = new Set<string>();
  for (const file of SCANNED.flatMap((d) => sources(join(ROOT, d)))) {
    const path = relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    for (const [pattern, table] of WRITES)
      if (pattern.test(text) && HOMES[table] !== path) found.add(`${path} ${table}`);
  }
  return [...found].sort();
}

describe('history and audit writers', () => {
  it('write activity and audit_log only from their homes, or with a reason', () => {
    const offences = writers().filter((w) => !(w in ALLOWED));
    expect(offences).toEqual([]);
  });

  it('keeps no stale excuse', () => {
    const found = new Set(writers());
    expect(Object.keys(ALLOWED).filter((w) => !found.has(w))).toEqual([]);
  });

  it('would catch a write outside the homes', () => {
    const text = 'await tx.$executeRaw`INSERT INTO activity (tenant_id) VALUES (1)`; await tx.auditLog.create({})';
    expect(WRITES.filter(([p]) => p.test(text)).map(([, t]) => t)).toEqual(['activity', 'audit_log']);
  });
});
