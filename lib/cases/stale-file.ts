// The stale-version refusal every file use-case gives, written and read in one place: the lock writes it in
// English for the API, and the file page reads who changed the file, when and what back out of it. No imports,
// so client components and server actions alike can use it.

export const AUTOMATIC_JOB = 'an automatic job';

export interface LastChange {
  who: string;
  at: string;
  what: string;
}

export function staleFileMessage(reference: string, version: number, expected: number, last: LastChange | null) {
  const base = `File ${reference} was changed since you opened it (version ${version}, you had ${expected})`;
  if (!last) return `${base}; reload it to see the change before saving yours.`;
  return `${base}: last change by ${last.who} at ${last.at} — “${last.what}”. Reload the file; nothing of yours was saved.`;
}

export function isStaleFile(message: string): boolean {
  return /^File \S+ was changed since you opened it/.test(message);
}

/** Who changed the file, when and what, from a stale-version refusal; null when the file had no history. */
export function staleChange(message: string): LastChange | null {
  const match = /last change by (.+?) at (.+?) — “(.*)”/s.exec(message);
  return match ? { who: match[1]!, at: match[2]!, what: match[3]! } : null;
}
