/**
 * How a debtor is recognised again across imports (the issue's matching rule): a company by its SIREN,
 * a person by normalised name and postcode. The e-mail, when both sides have one, must agree too; that
 * check runs beside the key (debtor.match_email) because an absent e-mail must still match.
 */
export function normaliseName(name: string): string {
  let folded = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= FOLDED.length) return words(foldSlowly(name));
    folded += FOLDED[code];
  }
  return words(folded);
}

// Accents stripped (é → E), upper case. Unicode normalisation is the slow part of an import's row check; names
// in Latin-1 and Latin Extended-A (all of French) use this table of what it gives for each of their letters.
function foldSlowly(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

const FOLDED = Array.from({ length: 0x180 }, (_, code) => foldSlowly(String.fromCharCode(code)));

/** The runs of A-Z and 0-9, sorted, joined by one space. */
function words(folded: string): string {
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const code = i < folded.length ? folded.charCodeAt(i) : 0;
    if ((code >= 65 && code <= 90) || (code >= 48 && code <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      found.push(folded.slice(start, i));
      start = -1;
    }
  }
  return found.sort().join(' ');
}

export function companyKey(siren: string): string {
  return `S:${siren}`;
}

export function personKey(firstName: string | null | undefined, lastName: string, postcode: string): string {
  return `P:${normaliseName(`${firstName ?? ''} ${lastName}`)}|${postcode.replace(/\s+/g, '')}`;
}

export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}
