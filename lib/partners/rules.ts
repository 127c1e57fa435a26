// Judicial costs (issue 16): whether the debtor may be made to bear a partner's invoice. Pure.
//
// CPCE L111-8: « les frais de l'exécution forcée sont à la charge du débiteur, sauf s'il est manifeste qu'ils n'étaient
// pas nécessaires au moment où ils ont été exposés (…). Sauf s'ils concernent un acte dont l'accomplissement est
// prescrit par la loi au créancier, les frais de recouvrement entrepris sans titre exécutoire restent à la charge du
// créancier. » (DOMAIN.md, "Collection costs".) So a commissaire de justice's costs once the file holds an enforceable
// title — service of the title, enforcement measures — are the debtor's; before a title, and a lawyer's fees at any
// time, they stay with the creditor, unless the court awards them (dépens, article 700), which then are claims of their
// own (lib/judicial/record-procedure-step.ts).

export type PartnerKind = 'COMMISSAIRE_DE_JUSTICE' | 'LAWYER';

/** True when the cost, incurred on `incurredOn`, falls on the debtor (enforcement under a title held since `titleOn`). */
export function costRecoverable({
  partnerKind,
  titleOn,
  incurredOn,
}: {
  partnerKind: PartnerKind;
  titleOn: string | null;
  incurredOn: string;
}): boolean {
  return partnerKind === 'COMMISSAIRE_DE_JUSTICE' && titleOn !== null && titleOn <= incurredOn;
}
