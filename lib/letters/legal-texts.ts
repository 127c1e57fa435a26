/*
 * CPCE R124-4 5° requires every amicable-collection letter to reproduce the second and third paragraphs of CPCE
 * L111-8 (wording in force since loi n° 2014-344 of 17 March 2014, art. 12; checked against the published text in
 * November 2026). Reproduced verbatim: do not edit the French. English letters print a translation and the French
 * original, which alone is authoritative.
 */

export const L111_8_TITLE = {
  fr: "Article L111-8 du Code des procédures civiles d'exécution (alinéas 2 et 3)",
  en: 'Article L111-8 of the French Code of Civil Enforcement Procedures (paragraphs 2 and 3)',
} as const;

export const L111_8_FR = [
  "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils concernent un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire.",
  "Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi.",
] as const;

export const L111_8_EN = [
  'The costs of collection undertaken without an enforceable title remain payable by the creditor, unless they relate to a step that the law requires the creditor to take. Any clause to the contrary is deemed unwritten, unless the law provides otherwise.',
  'However, a creditor who shows that the steps taken to recover the claim were necessary may ask the enforcement judge to leave all or part of the costs so incurred to be borne by a debtor acting in bad faith.',
] as const;

export const FRENCH_ORIGINAL = 'French original (the only authoritative text):';

/**
 * What the letter says about recovery costs, next to the claims table. The two statements must never contradict:
 * - Between professionals the law itself puts one recovery cost on the debtor, the fixed €40 indemnity per
 *   invoice paid late (C. com. L441-10 II, amount set by D441-5); L111-8 CPCE keeps every other cost of amicable
 *   recovery with the creditor ("sauf disposition législative contraire": L441-10 is that provision). So a letter
 *   claiming the indemnity names it as the only recovery cost claimed, never "no recovery costs are claimed".
 * - Consumer and civil debtors owe no recovery cost at all (L111-8 CPCE); the indemnity never applies to them.
 * `indemnity` is the €40 as the letter prints it (in the letter's currency format).
 */
export function costsNotes(
  locale: 'fr' | 'en',
  withIndemnity: boolean,
  indemnity: string,
  /** A file mixing natures: the invoices the €40 applies to, and those that owe no recovery cost at all. */
  split: { professional: readonly string[]; other: readonly string[] } | null = null,
): string[] {
  if (split && withIndemnity) return mixedCostsNotes(locale, indemnity, split);
  // One sentence each way: a B2B reminder must still fit on one page.
  if (locale === 'fr')
    return withIndemnity
      ? [
          `Indemnité forfaitaire pour frais de recouvrement de ${indemnity} par facture payée en retard, due entre professionnels (articles L441-10 et D441-5 du Code de commerce) : c'est la seule somme que la loi met à la charge d'un débiteur professionnel au titre des frais de recouvrement ; aucuns autres frais ne vous sont réclamés (article L111-8 du Code des procédures civiles d'exécution, reproduit en fin de courrier).`,
        ]
      : [
          "Aucuns frais de recouvrement ne vous sont réclamés : ils restent à la charge du créancier (article L111-8 du Code des procédures civiles d'exécution, reproduit en fin de courrier).",
        ];
  return withIndemnity
    ? [
        `Fixed recovery indemnity of ${indemnity} per invoice paid late, due between businesses (articles L441-10 and D441-5 of the French Commercial Code): it is the only recovery cost the law puts on a business debtor; no other collection cost is charged to you (article L111-8 of the French Code of Civil Enforcement Procedures, reproduced at the end of this letter).`,
      ]
    : [
        'No collection fees are charged to you: they remain payable by the creditor (article L111-8 of the French Code of Civil Enforcement Procedures, reproduced at the end of this letter).',
      ];
}

/** "A", "A et B", "A, B et C" (or "and"): invoice numbers as a sentence names them. */
export function listOf(locale: 'fr' | 'en', items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${locale === 'fr' ? 'et' : 'and'} ${items.at(-1)}`;
}

/**
 * A file mixing natures (issue 14): the €40 is named for the B2B invoices only, as the only recovery cost the law
 * puts on a professional debtor (L441-10, D441-5), and the other invoices are said to bear none (L111-8), so that
 * neither statement contradicts the other.
 */
function mixedCostsNotes(
  locale: 'fr' | 'en',
  indemnity: string,
  split: { professional: readonly string[]; other: readonly string[] },
): string[] {
  const plural = (items: readonly string[], one: string, many: string) => (items.length > 1 ? many : one);
  if (locale === 'fr')
    return [
      `Indemnité forfaitaire pour frais de recouvrement de ${indemnity} par facture payée en retard, due entre professionnels pour ${plural(split.professional, 'la facture', 'les factures')} ${listOf('fr', split.professional)} (articles L441-10 et D441-5 du Code de commerce) : c'est la seule somme que la loi met à la charge d'un débiteur professionnel au titre des frais de recouvrement. ${plural(split.other, 'La facture', 'Les factures')} ${listOf('fr', split.other)}, hors relation entre professionnels, ne ${plural(split.other, 'porte', 'portent')} ni indemnité ni frais de recouvrement. Aucuns autres frais ne vous sont réclamés (article L111-8 du Code des procédures civiles d'exécution, reproduit en fin de courrier).`,
    ];
  return [
    `Fixed recovery indemnity of ${indemnity} per invoice paid late, due between businesses on ${plural(split.professional, 'invoice', 'invoices')} ${listOf('en', split.professional)} (articles L441-10 and D441-5 of the French Commercial Code): it is the only recovery cost the law puts on a business debtor. ${plural(split.other, 'Invoice', 'Invoices')} ${listOf('en', split.other)}, outside a relationship between businesses, ${plural(split.other, 'bears', 'bear')} no indemnity and no collection cost. No other collection cost is charged to you (article L111-8 of the French Code of Civil Enforcement Procedures, reproduced at the end of this letter).`,
  ];
}
