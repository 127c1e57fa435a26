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
