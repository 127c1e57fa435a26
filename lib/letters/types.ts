/**
 * Plain data the PDF renderers take. Callers (workers, route handlers) load and compute everything — interest to
 * date, allocations, schedules — and hand it over; the renderers only check that the figures add up, then draw.
 *
 * Money is integer cents (always >= 0 here: a reversal says what it cancels instead of carrying negative amounts);
 * dates are 'YYYY-MM-DD' calendar days, printed in the letter's language.
 */

export type LetterLocale = 'fr' | 'en';
export type IsoDate = string;
export type Cents = number;

export type DebtorKind = 'PERSON' | 'COMPANY';

/** A postal address without the addressee's name. `city` is printed in capitals after the postcode (La Poste). */
export interface PostalAddress {
  /** Street lines, at most four (a French address has six lines at most, name and postcode line included). */
  lines: string[];
  postcode: string;
  city: string;
  /** Omitted (or 'FR'/'France') for France; otherwise printed as the last line. */
  country?: string | null;
}

export interface AgencyIdentity {
  /** Trading name, printed large on the letterhead. */
  name: string;
  legalName: string;
  siren?: string | null;
  address: PostalAddress;
  phone?: string | null;
  email?: string | null;
  /** Opening hours or a web address for the debtor, printed under the contact details. */
  contactHours?: string | null;
  /** The account reserved for creditors' funds (CPCE R124-2): every payment instruction points here. */
  iban: string;
  bic?: string | null;
  /** The account holder's name as the bank knows it (EPC QR beneficiary); defaults to `legalName`. */
  accountHolder?: string | null;
}

export interface PartyAddress {
  name: string;
  address: PostalAddress;
}

export interface Addressee extends PartyAddress {
  /** Business debtors owe the €40 indemnity and late-payment penalties; consumers never do. */
  kind: DebtorKind;
  /** Printed as given under the name, e.g. "Service comptabilité" or "À l'attention de M. Martin". */
  attention?: string | null;
}

export interface ClaimLine {
  invoiceNumber: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  /** What the claim rests on beyond the invoice (contract, order, subscription), CPCE R124-4 3° "fondement". */
  basis?: string | null;
  principalCents: Cents;
  /** Interest or late-payment penalties accrued up to `interest.asOf`. */
  interestCents: Cents;
  /** €40 per invoice (Code de commerce L441-10, D441-5): business debtors only, refused otherwise. */
  indemnityCents: Cents;
  /**
   * The claim's own nature (issue 14): its interest and the €40 are worded per claim when a file mixes natures
   * (L441-10 / D441-5 for a B2B claim, L111-8 for a consumer or civil one). Absent: the debtor's kind decides.
   */
  nature?: ClaimNatureOfLine | null;
}

export type ClaimNatureOfLine = 'B2B' | 'CONSUMER' | 'CIVIL';

/**
 * `dueCents` must equal principal + interest + indemnity − paid: the renderers refuse a letter whose sums do not
 * add up rather than print a wrong amount.
 */
export interface ClaimTotals {
  principalCents: Cents;
  interestCents: Cents;
  indemnityCents: Cents;
  /** Payments already received on these claims (all parts). */
  paidCents: Cents;
  dueCents: Cents;
}

export interface InterestBasis {
  /** legal: taux d'intérêt légal (consumer claims, from the formal notice); penalties: B2B late-payment penalties. */
  kind: 'legal' | 'penalties' | 'contractual';
  /** Annual rate as printed, e.g. 12.15 for 12.15 %. */
  annualRatePercent?: number | null;
  /** Each rate that applied and its days, oldest first; printed when there is more than one rate. */
  rates?: { from: IsoDate; to: IsoDate; annualRatePercent: number }[];
  /** Interest is computed up to this day. */
  asOf: IsoDate;
  /** The invoices this basis prices, when a letter has several bases (a file mixing claim natures). */
  invoices?: string[];
}

export interface LetterReference {
  reference: string;
  date: IsoDate;
}

export interface Signatory {
  name: string;
  title?: string | null;
}

/** What every letter to a debtor carries (CPCE R124-4). */
export interface LetterData {
  locale: LetterLocale;
  /** This letter's own reference, quoted by later letters. */
  reference: string;
  /** Day the letter is dated and sent. */
  date: IsoDate;
  /** Place printed before the date; defaults to the agency's city. */
  place?: string | null;
  agency: AgencyIdentity;
  creditor: PartyAddress;
  debtor: Addressee;
  file: { reference: string; creditorReference?: string | null };
  claims: ClaimLine[];
  totals: ClaimTotals;
  /** ISO 4217; the EPC QR code is only printed for EUR. */
  currency: string;
  /** One basis for every claim, or one per group of claims priced alike (each naming its invoices). */
  interest?: InterestBasis | readonly InterestBasis[] | null;
  /** Reference and date of the first letter sent on this file; absent on the first letter itself. */
  firstLetter?: LetterReference | null;
  /** Pay-by date; a simple reminder without one asks for payment on receipt. */
  deadline?: IsoDate | null;
  signatory?: Signatory | null;
  /**
   * The debtor's private page (issue 17), printed with a QR code: never stored with the letter's data — the print
   * run derives it when drawing (lib/debtor-links).
   */
  debtorPageUrl?: string | null;
}

export interface RegisteredMail {
  /** La Poste tracking number when known at print time; otherwise a blank slot is printed. */
  trackingNumber?: string | null;
}

export interface FormalNoticeData extends LetterData {
  /** 'formal-notice': mise en demeure; 'registered-reminder': the same letter without the formal notice. */
  variant: 'formal-notice' | 'registered-reminder';
  deadline: IsoDate;
  /** Sent as a registered letter with acknowledgement of receipt (LRAR); null for a simple letter. */
  registeredMail: RegisteredMail | null;
  /** The formal notices already sent, quoted in later letters. */
  previousNotice?: LetterReference | null;
}

export type JudicialProcedure = 'injunction' | 'small-claims' | 'summons';

export interface PreJudicialWarningData extends LetterData {
  deadline: IsoDate;
  registeredMail: RegisteredMail | null;
  previousNotice?: LetterReference | null;
  /** The procedure the creditor intends; null when not decided yet. */
  procedure?: JudicialProcedure | null;
}

export type PaymentMethod = 'TRANSFER' | 'CHEQUE' | 'CARD' | 'DIRECT_DEBIT' | 'DIRECT_TO_CREDITOR';
export type AllocationPart = 'INTEREST' | 'INDEMNITY' | 'PRINCIPAL' | 'CREDIT';

export interface AllocationLine {
  /** null for a credit held on the file (overpayment). */
  invoiceNumber: string | null;
  part: AllocationPart;
  amountCents: Cents;
}

export interface ReceiptData {
  locale: LetterLocale;
  /** This receipt's number (payment.receipt_number). */
  receiptNumber: string;
  /** Day the receipt is issued. */
  date: IsoDate;
  place?: string | null;
  agency: AgencyIdentity;
  creditor: PartyAddress;
  /** The debtor, to whom the receipt is addressed. */
  debtor: Addressee;
  /** Who actually paid when not the debtor (a relative, a guarantor). */
  payerName?: string | null;
  file: { reference: string };
  currency: string;
  payment: {
    receivedOn: IsoDate;
    amountCents: Cents;
    method: PaymentMethod;
    /** Cheque number, transfer reference, card authorisation. */
    reference?: string | null;
  };
  /** Must add up to the payment amount. */
  allocations: AllocationLine[];
  /**
   * Still owed on the file after this payment (or after the cancellation); null while a rate it needs is not
   * entered yet: a receipt never prints an estimated balance (issue 14), but it is never held back either.
   */
  balanceAfterCents: Cents | null;
  /** Present on a reversal: this document cancels an earlier receipt, whose amounts it repeats. */
  reversal?: { receiptNumber: string; date: IsoDate; reason?: string | null } | null;
  signatory?: Signatory | null;
}

export type PlanFrequency = 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY';

export interface PlanInstalmentLine {
  seq: number;
  dueOn: IsoDate;
  amountCents: Cents;
}

export interface PlanLetterData extends LetterData {
  plan: {
    /** Day the debtor agreed (phone call, e-mail), quoted in the letter. */
    agreedOn?: IsoDate | null;
    /** Down payment + instalments; must equal the sum of both. */
    totalCents: Cents;
    downPaymentCents: Cents;
    downPaymentDueOn?: IsoDate | null;
    frequency: PlanFrequency;
    /** Days after an instalment's due date before the plan breaks. */
    graceDays: number;
    instalments: PlanInstalmentLine[];
    /**
     * What the plan does with interest (issue 14): FROZEN, the creditor waives it from `frozenFrom` while the
     * plan is honoured; INCLUDED, the instalments carry `includedCents` of interest to their dates; absent or
     * null for a plan made before plans said so (interest kept running).
     */
    interest?: { mode: 'FROZEN' | 'INCLUDED'; includedCents: Cents; frozenFrom?: IsoDate | null } | null;
  };
}

export type LetterKind =
  'reminder' | 'formal-notice' | 'registered-reminder' | 'pre-judicial-warning' | 'plan-letter' | 'receipt';
