import { isTimeBarred } from '../compliance/limitation';
import { appliedRates } from '../interest/applied-rates';
import { claimBalances } from '../interest/balances';
import type { ChargePeriod, ClaimNature, RateTables } from '../interest/rules';
import { fundsAccount } from '../letters/funds-account';
import type { BatchItem } from '../letters/batch';
import type { ClaimLine, InterestBasis, LetterData, LetterReference } from '../letters/types';
import { splitAddress } from '../letters/postal-address';
import type { StepChannel } from './schemas';
import { contactFor, type StepFacts } from './step-facts';

// From the facts of a step to what lib/letters draws. Pure: the rates and the day are passed in.

const LETTER_KIND = {
  SIMPLE_LETTER: 'REMINDER_LETTER',
  REGISTERED_LETTER: 'REGISTERED_LETTER',
  FORMAL_NOTICE: 'FORMAL_NOTICE',
  PRE_JUDICIAL_WARNING: 'PRE_JUDICIAL_WARNING',
} as const;
export type LetterChannel = keyof typeof LETTER_KIND;
export type LetterDocumentKind = (typeof LETTER_KIND)[LetterChannel];

export function isLetterChannel(channel: StepChannel): channel is LetterChannel {
  return Object.hasOwn(LETTER_KIND, channel);
}
export function documentKindOf(channel: LetterChannel): LetterDocumentKind {
  return LETTER_KIND[channel];
}

/** A claim still owed that no letter, e-mail or SMS may claim, and why. */
export interface SetAsideClaim {
  invoiceNumber: string;
  /**
   * TIME_BARRED: its limitation date has passed (lib/compliance/limitation.ts); no reminder on a time-barred debt.
   * DECLARE: born before the opening judgment of collective proceedings: individual collection is forbidden
   * (C. com. L622-21), the claim is declared to the mandataire judiciaire instead (L622-24).
   */
  reason: 'TIME_BARRED' | 'DECLARE';
  dueCents: number;
}

export interface FileBalance {
  /** What the messages claim: the claims still pursued. */
  dueCents: number;
  /** Interest from a rate carried past the published tables: no letter, e-mail or SMS may carry it. */
  estimated: boolean;
  claims: ClaimLine[];
  totals: LetterData['totals'];
  interest: InterestBasis | InterestBasis[];
  /** Owed, but left out of every message (the file goes on for the others). */
  setAside: SetAsideClaim[];
  /**
   * The last day the file's last claim outside collective proceedings can be pursued (the latest of their dates),
   * null when none is owed or a suspension leaves one without a date. Past: every such claim is time-barred.
   */
  limitationOn: string | null;
}

/** What the file owes today, broken down as a letter must show it (CPCE R124-4), the claims it cannot pursue apart. */
export function fileBalance(facts: StepFacts, today: string, rates: RateTables): FileBalance {
  const owed = claimBalances(
    {
      formalNoticeOn: facts.file.formalNoticeOn,
      openingJudgmentOn: facts.openingJudgmentOn,
      interestFrozen: facts.frozen,
    },
    facts.claims,
    // A payment entered with a later day still counts as paid today (see lib/cases/file-ledger.ts).
    facts.allocations.map((a) => (a.on > today ? { ...a, on: today } : a)),
    today,
    rates,
  );
  const byId = new Map(facts.claims.map((c) => [c.id, c]));
  const opening = facts.openingJudgmentOn;
  const setAside: SetAsideClaim[] = [];
  const pursued: typeof owed.claims = [];
  const dated: (string | null)[] = [];
  for (const c of owed.claims) {
    const claim = byId.get(c.claimId)!;
    // L622-17: a claim born on or after the opening judgment is paid at its due date, so it is still pursued.
    if (opening !== null && claim.issuedOn < opening) {
      if (c.totalDueCents > 0)
        setAside.push({ invoiceNumber: c.invoiceNumber, reason: 'DECLARE', dueCents: c.totalDueCents });
      continue;
    }
    if (c.totalDueCents > 0) dated.push(claim.limitationOn);
    if (isTimeBarred(claim.limitationOn, today)) {
      if (c.totalDueCents > 0)
        setAside.push({ invoiceNumber: c.invoiceNumber, reason: 'TIME_BARRED', dueCents: c.totalDueCents });
      continue;
    }
    pursued.push(c);
  }
  const claims: ClaimLine[] = pursued.map((c) => ({
    invoiceNumber: c.invoiceNumber,
    issuedOn: byId.get(c.claimId)?.issuedOn ?? c.dueOn,
    dueOn: c.dueOn,
    principalCents: c.principalCents,
    interestCents: c.interestAccruedCents,
    indemnityCents: c.charges.indemnityCents,
    nature: byId.get(c.claimId)!.nature,
  }));
  const sum = (pick: (c: ClaimLine) => number) => claims.reduce((t, c) => t + pick(c), 0);
  const claimed = sum((c) => c.principalCents) + sum((c) => c.interestCents) + sum((c) => c.indemnityCents);
  const dueCents = pursued.reduce((t, c) => t + c.totalDueCents, 0);
  return {
    dueCents,
    estimated: pursued.some((c) => c.charges.estimated),
    claims,
    totals: {
      principalCents: sum((c) => c.principalCents),
      interestCents: sum((c) => c.interestCents),
      indemnityCents: sum((c) => c.indemnityCents),
      paidCents: claimed - dueCents,
      dueCents,
    },
    interest: letterInterest(
      pursued.map((c) => ({ ...c, nature: byId.get(c.claimId)!.nature })),
      today,
    ),
    setAside,
    limitationOn: dated.length === 0 || dated.includes(null) ? null : dated.reduce((a, b) => (a! > b! ? a : b)),
  };
}

/**
 * The interest a letter states, from each claim's own nature (issue 14): late-payment penalties for B2B claims
 * (C. com. L441-10), legal interest for consumer and civil ones. One basis when the claims are all of one kind (the
 * file's usual letter); one per kind, each naming its invoices, when a file mixes them, so that a B2B claim's
 * penalties are never called legal interest because another claim of the file is a consumer's.
 */
export function letterInterest(
  claims: readonly { invoiceNumber: string; nature: ClaimNature; charges: { periods: readonly ChargePeriod[] } }[],
  asOf: string,
): InterestBasis | InterestBasis[] {
  const basisOf = (kind: InterestBasis['kind'], group: typeof claims, invoices?: string[]): InterestBasis => {
    const periods = group.flatMap((c) => c.charges.periods);
    const last = [...periods].sort((a, b) => a.to.localeCompare(b.to)).at(-1);
    return {
      kind,
      annualRatePercent: last ? last.rateBps / 100 : null,
      rates: appliedRates(periods).map((r) => ({ from: r.from, to: r.to, annualRatePercent: r.rateBps / 100 })),
      asOf,
      ...(invoices ? { invoices } : {}),
    };
  };
  const b2b = claims.filter((c) => c.nature === 'B2B');
  const other = claims.filter((c) => c.nature !== 'B2B');
  if (b2b.length === 0 || other.length === 0) return basisOf(b2b.length > 0 ? 'penalties' : 'legal', claims);
  return [
    basisOf(
      'penalties',
      b2b,
      b2b.map((c) => c.invoiceNumber),
    ),
    basisOf(
      'legal',
      other,
      other.map((c) => c.invoiceNumber),
    ),
  ];
}

const day = (iso: string) => iso.slice(0, 10);

export interface LetterInput {
  channel: LetterChannel;
  reference: string;
  today: string;
  deadline: string | null;
  balance: FileBalance;
}

/** The letter a step sends, as a print-run item (the document row keeps it to redraw the letter identically). */
export function buildLetter(facts: StepFacts, input: LetterInput): BatchItem {
  const iban = fundsAccount(facts.agency.iban);
  const address = contactFor(facts, 'LETTER');
  const locale = facts.debtor.locale === 'en' ? 'en' : 'fr';
  const first = facts.documents[0];
  // The first letter's date is the day it was sent (its print run posted), not the day it was drawn (issue 14).
  const firstLetter: LetterReference | null = first
    ? { reference: first.reference, date: day(first.sentOn ?? first.createdAt) }
    : null;
  const notices = facts.documents.filter((d) => d.kind === 'FORMAL_NOTICE');
  const lastNotice = notices.at(-1);
  const previousNotice: LetterReference | null = lastNotice
    ? { reference: lastNotice.reference, date: lastNotice.sentOn ?? day(lastNotice.createdAt) }
    : null;
  const data: LetterData = {
    locale,
    reference: input.reference,
    date: input.today,
    agency: {
      name: facts.agency.name,
      legalName: facts.agency.legalName,
      siren: facts.agency.siren,
      address: splitAddress(facts.agency.address),
      iban,
    },
    creditor: {
      name: facts.creditor.name,
      address: { lines: [facts.creditor.address], postcode: facts.creditor.postcode, city: facts.creditor.city },
    },
    debtor: {
      // A person who owes a B2B claim (a sole trader) owes its penalties and €40 indemnity: the letter treats the
      // debtor as the business it dealt as (C. com. L441-10 applies to the debt, not to the legal form).
      kind: facts.claims.some((c) => c.nature === 'B2B') ? 'COMPANY' : facts.debtor.kind,
      name: facts.debtor.name,
      address: address
        ? {
            lines: [address.line1, address.line2].filter((l): l is string => Boolean(l)),
            postcode: address.postcode ?? '',
            city: address.city ?? '',
            country: address.country,
          }
        : { lines: [], postcode: '', city: '' },
    },
    file: { reference: facts.file.reference },
    claims: input.balance.claims,
    totals: input.balance.totals,
    currency: facts.file.currency.trim(),
    interest: input.balance.interest,
    firstLetter,
    deadline: input.deadline,
  };
  switch (input.channel) {
    case 'SIMPLE_LETTER':
      return { kind: 'reminder', data };
    case 'REGISTERED_LETTER':
    case 'FORMAL_NOTICE':
      return {
        kind: 'formal-notice',
        data: {
          ...data,
          variant: input.channel === 'FORMAL_NOTICE' ? 'formal-notice' : 'registered-reminder',
          deadline: input.deadline!,
          registeredMail: { trackingNumber: null },
          previousNotice,
        },
      };
    case 'PRE_JUDICIAL_WARNING':
      return {
        kind: 'pre-judicial-warning',
        data: { ...data, deadline: input.deadline!, registeredMail: { trackingNumber: null }, previousNotice },
      };
  }
}
