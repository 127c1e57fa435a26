import type { DebtorKind } from '../db/generated/enums';

// Accounting exports keep persons and companies in one name column ("Nom / Raison sociale", "Client", "Tiers").
// A row is a company when it carries a company identifier or its name a legal form; otherwise a person, whose
// civility is taken out and whose family name is the part written in capitals ("DUPONT Jean", "M. Jean DUPONT"),
// as French registers write it. When the case does not tell, the whole name stays the family name: a guess at
// which word is the first name would put a wrong name on a letter.

export type SplitName =
  { kind: 'COMPANY'; companyName: string } | { kind: 'PERSON'; firstName: string | null; lastName: string };

/** Words that make a name a company's, compared lower case without accents or dots ("S.A.R.L." is "sarl"). */
const LEGAL_FORMS = new Set([
  'sarl',
  'sas',
  'sasu',
  'eurl',
  'sa',
  'sci',
  'snc',
  'scs',
  'sca',
  'scp',
  'scm',
  'sccv',
  'scop',
  'scic',
  'selarl',
  'selas',
  'selasu',
  'selafa',
  'selca',
  'sem',
  'spl',
  'gie',
  'gaec',
  'earl',
  'scea',
  'sica',
  'eirl',
  'association',
  'asso',
  'assoc',
  'fondation',
  'syndicat',
  'copropriete',
  'mutuelle',
  'cooperative',
  'societe',
  'ste',
  'ets',
  'etablissements',
  'etablissement',
  'entreprise',
  'cabinet',
  'groupe',
  'holding',
  'agence',
  'commune',
  'mairie',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'inc',
  'corp',
  'gmbh',
  'ag',
  'bv',
  'nv',
  'srl',
  'spa',
  'sl',
  'sprl',
  'bvba',
  'cie',
]);

/** Civilities as they open a name: "M.", "Mme", "Monsieur", "M. et Mme". */
const CIVILITY = new Set([
  'm',
  'mr',
  'mme',
  'mmes',
  'mlle',
  'melle',
  'mrs',
  'ms',
  'miss',
  'monsieur',
  'madame',
  'mademoiselle',
  'messieurs',
  'dr',
  'docteur',
  'me',
  'maitre',
  'pr',
]);
const JOINS = new Set(['et', '&', 'ou']);

function plain(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,]/g, '');
}

/** Whether any word of the name is a legal form ("SARL Dupont", "Dupont S.A.S.", "Boulangerie & Cie"). */
export function hasLegalForm(name: string): boolean {
  return name
    .split(/[\s()/-]+/)
    .map(plain)
    .some((word) => LEGAL_FORMS.has(word));
}

/** "DUPONT", "LE GOFF", "DUPONT-MOREL": capitals only, at least two letters. */
function isCapitals(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** A person's name without its civility, split into first and family names where the case tells them apart. */
export function splitPersonName(name: string): { firstName: string | null; lastName: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  // "M. et Mme DUPONT": civilities and the words joining them.
  while (words.length > 1 && (CIVILITY.has(plain(words[0]!)) || JOINS.has(plain(words[0]!)))) words.shift();
  const comma = words.findIndex((w) => w.endsWith(','));
  if (comma >= 0 && comma < words.length - 1) {
    // "Dupont, Jean": the family name comes first, before the comma.
    const lastName = words
      .slice(0, comma + 1)
      .join(' ')
      .replace(/,$/, '');
    return { firstName: words.slice(comma + 1).join(' '), lastName };
  }
  const capitals = words.filter(isCapitals);
  if (capitals.length > 0 && capitals.length < words.length) {
    return { firstName: words.filter((w) => !isCapitals(w)).join(' '), lastName: capitals.join(' ') };
  }
  return { firstName: null, lastName: words.join(' ') };
}

/**
 * One name column's cell as a company or a person. `kind` is what the row says otherwise (a type column, a
 * company identifier); without it, a legal form in the name decides.
 */
export function splitDebtorName(name: string, kind?: DebtorKind): SplitName {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (kind === 'COMPANY' || (kind === undefined && hasLegalForm(trimmed)))
    return { kind: 'COMPANY', companyName: trimmed };
  return { kind: 'PERSON', ...splitPersonName(trimmed) };
}
