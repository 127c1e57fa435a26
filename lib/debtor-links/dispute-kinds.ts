/** The reasons a debtor can give on their page (issue 17), each rendered from the catalogue (debtorPage.disputeKinds). */
export const DEBTOR_DISPUTE_KINDS = [
  'ALREADY_PAID',
  'NOT_THE_DEBTOR',
  'AMOUNT_WRONG',
  'GOODS_OR_SERVICE',
  'OTHER',
] as const;
export type DebtorDisputeKind = (typeof DEBTOR_DISPUTE_KINDS)[number];
