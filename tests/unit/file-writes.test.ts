import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// A file's status, phase and version change in one place, lib/cases/file-store.ts, which moves them through the
// transition table and bumps the version (ARCHITECTURE.md rule 3). This test reads the code for any other write
// of those columns: a Prisma update of caseFile whose data names them, or SQL updating case_file that sets them.

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['lib', 'app', 'workers', 'prisma'];
const HOME = 'lib/cases/file-store.ts';

/** Writes outside the file store that are justified, with why. Each must still be there (no stale excuse). */
const ALLOWED: Record<string, string> = {
  'lib/demo/scenario-history.ts':
    'demo data: files seeded as closed are rewound to play their scenario history, then closed again as seeded; ' +
    'the machine never reopens a closed file, so this replay of a past cannot go through it',
};

const COLUMNS = /\b(status|phase|version)\b/;

/** The text between the bracket at `open` and its match (strings are not parsed: good enough for code). */
function balanced(text: string, open: number): string {
  const pair: Record<string, string> = { '(': ')', '{': '}' };
  const closer = pair[text[open]!]!;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === text[open]) depth++;
    else if (text[i] === closer && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** The keys of the object literal written after `data:`, `update:` or `create:` in a Prisma call's argument. */
function writtenKeys(args: string): string[] {
  const keys: string[] = [];
  for (const m of args.matchAll(/\b(data|update|create)\s*:\s*\{/g)) {
    const body = balanced(args, m.index + m[0].length - 1);
    // Top-level keys only: `status: 'X'`, shorthand `status,` and `...spread` (named for the report).
    let depth = 0;
    let token = '';
    for (const ch of `${body},`) {
      if (ch === '{' || ch === '(' || ch === '[') depth++;
      if (ch === '}' || ch === ')' || ch === ']') depth--;
      if (depth === 0 && (ch === ',' || ch === '\n')) {
        // A spread (`...(moved ? { status, phase } : {})`) writes whatever keys it holds.
        if (/^\s*\.\.\./.test(token))
          keys.push(...[...token.matchAll(/([A-Za-z_$][\w$]*)\s*(?=[:,}])/g)].map((k) => k[1]!));
        else {
          const key = /^\s*([A-Za-z_$][\w$]*)/.exec(token)?.[1];
          if (key) keys.push(key);
        }
        token = '';
      } else token += ch;
    }
  }
  return keys;
}

export interface Offence {
  line: number;
  what: string;
}

/** Every write of case_file.status, phase or version in a source text. */
export function findFileWrites(text: string): Offence[] {
  const found: Offence[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(/\bcaseFile\s*\.\s*(update|updateMany|upsert)\s*\(/g)) {
    const keys = writtenKeys(balanced(text, m.index + m[0].length - 1)).filter((k) => COLUMNS.test(k));
    if (keys.length > 0) found.push({ line: lineOf(m.index), what: `caseFile.${m[1]} writes ${keys.join(', ')}` });
  }
  for (const m of text.matchAll(/\bUPDATE\s+(?:ONLY\s+)?(?:"?public"?\.)?"?case_file"?\b[\s\S]*?\bSET\b/gi)) {
    const rest = text.slice(m.index + m[0].length);
    // The SET list ends at the first FROM, WHERE, RETURNING, statement end or template literal end.
    const end = rest.search(/\bFROM\b|\bWHERE\b|\bRETURNING\b|;|`/i);
    const set = end < 0 ? rest : rest.slice(0, end);
    const columns = [...set.matchAll(/(?:^|[\s,(])(?:\w+\.)?"?(status|phase|version)"?\s*=/gi)].map((c) => c[1]!);
    if (columns.length > 0) found.push({ line: lineOf(m.index), what: `UPDATE case_file sets ${columns.join(', ')}` });
  }
  return found;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx|mts|js|mjs|sql)$/.test(name)) out.push(path);
  }
  return out;
}

describe('the scanner', () => {
  it('finds each way of writing the columns', () => {
    const code = [
      "await tx.caseFile.update({ where: { tenantId_id: { tenantId, id } }, data: { status: 'PAID', note } });",
      'await db().caseFile.updateMany({\n  where: { debtorId },\n  data: {\n    version: { increment: 1 },\n  },\n});',
      'await prisma.caseFile.upsert({ where, create: { ...row }, update: { phase } });',
      'await tx.$executeRaw`UPDATE case_file f\n   SET assignee_id = $1, f.status = \'NEW\'::"FileStatus" WHERE f.id = $2`;',
      "client.query('update case_file set version = version + 1 where id = $1', [id]);",
      'UPDATE "case_file" SET "phase" = \'CLOSED\' FROM x WHERE true;',
      'await tx.caseFile.update({ where, data: { updatedAt: now, ...(moved ? { status, phase: P[status] } : {}) } });',
      'await tx.$executeRaw`UPDATE case_file SET status = ${to}::"FileStatus", phase = ${p}::"FilePhase", version = version + 1`;',
    ].join('\n');
    expect(findFileWrites(code).map((o) => o.what)).toEqual([
      'caseFile.update writes status',
      'caseFile.updateMany writes version',
      'caseFile.upsert writes phase',
      'caseFile.update writes status, phase',
      'UPDATE case_file sets status',
      'UPDATE case_file sets version',
      'UPDATE case_file sets phase',
      'UPDATE case_file sets status, phase, version',
    ]);
  });

  it('leaves reads and other columns alone', () => {
    const code = [
      "await tx.caseFile.update({ where: { id, status: 'NEW' }, data: { assigneeId, lastContactAt } });",
      "await tx.caseFile.findMany({ where: { status: 'PAID', version: 3 } });",
      "await tx.$executeRaw`UPDATE case_file SET assignee_id = ${to} WHERE status = 'NEW' AND version = 2`;",
      'UPDATE case_file f SET priority_score = v.score FROM unnest($1) AS v(id, status) WHERE f.status = v.status;',
      'SELECT status, phase, version FROM case_file WHERE id = $1',
    ].join('\n');
    expect(findFileWrites(code)).toEqual([]);
  });
});

describe('case_file.status, phase and version', () => {
  const files = SCANNED.flatMap((dir) => sources(join(ROOT, dir))).map((path) => relative(ROOT, path));

  it('reads the code it should (lib, app, workers, the seed, the demo, the migrations)', () => {
    for (const expected of [HOME, 'lib/scenarios/run-step.ts', 'prisma/seed.ts', 'lib/demo/factories.ts'])
      expect(files).toContain(expected);
    expect(files.some((f) => f.startsWith('prisma/migrations/') && f.endsWith('.sql'))).toBe(true);
  });

  it('are written by the file store only, and by the justified exceptions', () => {
    const offences = files
      .filter((f) => f !== HOME && !(f in ALLOWED))
      .flatMap((f) => findFileWrites(readFileSync(join(ROOT, f), 'utf8')).map((o) => `${f}:${o.line} ${o.what}`));
    expect(offences).toEqual([]);
  });

  it('keeps no stale exception, and the file store does write them', () => {
    for (const f of [HOME, ...Object.keys(ALLOWED)])
      expect(findFileWrites(readFileSync(join(ROOT, f), 'utf8')), f).not.toEqual([]);
  });
});
