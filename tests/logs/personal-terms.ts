import type pg from 'pg';

export interface Term {
  kind: 'name' | 'address' | 'email' | 'phone';
  value: string;
}

// Short values (a first name alone, a postcode) would match words and numbers that are not about anybody.
const MIN_LENGTH = 6;

/** Every debtor's names, address lines, e-mails and phones in the database the run used. */
export async function personalTerms(client: pg.Client): Promise<Term[]> {
  const { rows: debtors } = await client.query<{ display_name: string; company_name: string | null }>(
    'SELECT display_name, company_name FROM debtor',
  );
  const { rows: contacts } = await client.query<{ line1: string | null; email: string | null; phone: string | null }>(
    'SELECT line1, email, phone FROM contact_point',
  );
  const terms: Term[] = [
    ...debtors.flatMap((d) => [d.display_name, d.company_name].map((v) => ({ kind: 'name' as const, value: v }))),
    ...contacts.map((c) => ({ kind: 'address' as const, value: c.line1 })),
    ...contacts.map((c) => ({ kind: 'email' as const, value: c.email })),
    ...contacts.map((c) => ({ kind: 'phone' as const, value: c.phone })),
  ].filter((t): t is Term => typeof t.value === 'string' && t.value.trim().length >= MIN_LENGTH);
  const unique = new Map(terms.map((t) => [`${t.kind}:${t.value}`, t]));
  return [...unique.values()];
}

const digits = (s: string) => s.replace(/\D/g, '');

/** Each term found in the text, with a little of its surroundings to find the line. */
export function findPersonalData(text: string, terms: readonly Term[]): { kind: Term['kind']; excerpt: string }[] {
  const lower = text.toLowerCase();
  // Numbers written as a phone is (digits with spaces, dots or dashes), by their digits alone.
  const numbers = new Set([...text.matchAll(/\+?\d[\d .-]{7,}\d/g)].map((m) => digits(m[0])));
  const found: { kind: Term['kind']; excerpt: string }[] = [];
  for (const term of terms) {
    const at = lower.indexOf(term.value.toLowerCase());
    if (at >= 0) {
      found.push({ kind: term.kind, excerpt: text.slice(Math.max(0, at - 60), at + term.value.length + 20) });
      continue;
    }
    // A phone written another way (+33 6 12 …, 0612…): its digits from the national part on.
    if (term.kind === 'phone') {
      const national = digits(term.value)
        .replace(/^(33|0033)/, '')
        .replace(/^0/, '');
      if (national.length >= 9 && [...numbers].some((n) => n.endsWith(national)))
        found.push({ kind: 'phone', excerpt: term.value });
    }
  }
  return found;
}

/** The ids every kind of line must carry somewhere in a real run: requests with their agency and user, jobs. */
export function requiredIds(text: string): string[] {
  const lines = text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  const missing: string[] = [];
  if (!lines.some((l) => l.requestId && l.tenantId && l.userId))
    missing.push('a request line with requestId, tenantId, userId');
  if (!lines.some((l) => l.jobId && l.queue && l.tenantId)) missing.push('a job line with jobId, queue, tenantId');
  return missing;
}
