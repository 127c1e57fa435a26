/**
 * How a debtor is recognised again across imports (the issue's matching rule): a company by its SIREN,
 * a person by normalised name and postcode. The e-mail, when both sides have one, must agree too; that
 * check runs beside the key (debtor.match_email) because an absent e-mail must still match.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');
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
