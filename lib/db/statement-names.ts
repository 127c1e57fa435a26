import { createHash } from 'node:crypto';

/**
 * Names for prepared statements, so the server parses and plans a statement once per connection instead of once
 * per call. Row security makes planning the dearest part of most reads: every policed table brings its policies
 * into the plan (the scenario engine's step facts: 12 ms of planning for 0.4 ms of execution; a file page's small
 * Prisma reads: 0.19 ms of planning for 0.02 ms of execution; npm run bench -- scenarios | workspace).
 *
 * Each pooled connection keeps every statement it prepared, so the names stop at a bound: statements whose text
 * varies with their input (an IN list of n values) would otherwise grow without end. Past the bound a statement
 * is sent unnamed, as before. The names suppose a session per connection (no transaction-mode pooler between).
 */
const MAX_NAMED = 1_000;
const names = new Map<string, string>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_NAMED) return ''; // pg sends an empty name as the unnamed statement
    name = `s_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}
