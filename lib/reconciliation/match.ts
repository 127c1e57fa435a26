import { normaliseName } from '../cases/debtor-key';
import { hasLegalForm } from '../imports/debtor-name';
import { rfBody } from '../bank/creditor-reference';

/*
 * Which file a credit pays. First by the file reference the letters print (the RF reference of the QR code,
 * checked by its digits, or the plain reference typed by the debtor), then by who paid and how much, around
 * the day a payment was expected. A sure match is recorded at once; anything less goes to an agent, who sees
 * the candidates and why each was proposed: recording money on the wrong file is worse than waiting a day.
 */

/** What the matcher knows of a file that may be the one paid. */
export interface Candidate {
  fileId: string;
  reference: string;
  debtorName: string;
  /** Closed (PAID, WITHDRAWN, IRRECOVERABLE): money on it is a question for an agent. */
  closed: boolean;
  /** Principal not yet collected: what a debtor paying "the debt" without interest sends. */
  principalLeftCents: bigint;
  /** Amounts the file expects, each with its day: pending promises, plan instalments due. */
  expected: { amountCents: bigint; dueOn: string }[];
}

export type MatchReason =
  | 'rfReference'
  | 'plainReference'
  | 'name'
  | 'expectedAmount'
  | 'principalLeft'
  | 'severalReferences'
  | 'closedFile'
  | 'nameDiffers';

export interface ScoredCandidate {
  fileId: string;
  reference: string;
  score: number;
  reasons: MatchReason[];
}

export type MatchDecision =
  | { status: 'MATCHED'; fileId: string; score: number; reasons: MatchReason[]; candidates: ScoredCandidate[] }
  | { status: 'DOUBTFUL' | 'UNMATCHED'; candidates: ScoredCandidate[] };

export interface CreditFacts {
  amountCents: bigint;
  bookingDate: string;
  counterpartyName: string | null;
  creditorRefs: string[];
  remittance: string;
}

/** Days around a promise's or instalment's due day within which a matching amount counts as that payment. */
export const EXPECTED_WINDOW_DAYS = 15;

// Also inside a longer token ("RF00D0009999", a mistyped RF around a good plain reference).
const PLAIN_REFERENCE = /(?<![A-Z])D\d{7}(?!\d)/g;
const RF_IN_TEXT = /\bRF\d{2}[A-Z0-9 ]{1,25}/gi;

/** The file references a credit carries: RF references whose check digits hold, then plain ones in the text. */
export function referencesIn(credit: Pick<CreditFacts, 'creditorRefs' | 'remittance'>): {
  rf: string[];
  plain: string[];
} {
  const rf = new Set<string>();
  for (const ref of [...credit.creditorRefs, ...(credit.remittance.match(RF_IN_TEXT) ?? [])]) {
    // A reference in free text may run into the next word: the longest prefix whose digits hold.
    const compact = ref.replace(/\s+/g, '').toUpperCase();
    for (let end = compact.length; end > 4; end--) {
      const body = rfBody(compact.slice(0, end));
      if (body) {
        rf.add(body);
        break;
      }
    }
  }
  const text = `${credit.remittance} ${credit.creditorRefs.join(' ')}`.toUpperCase();
  const plain = new Set([...(text.match(PLAIN_REFERENCE) ?? [])].filter((r) => !rf.has(r)));
  return { rf: [...rf], plain: [...plain] };
}

export function decideMatch(credit: CreditFacts, byReference: Candidate[], byAmount: Candidate[]): MatchDecision {
  const refs = referencesIn(credit);
  const scored = new Map<string, ScoredCandidate>();
  const add = (c: Candidate, score: number, reasons: MatchReason[]) => {
    const known = scored.get(c.fileId);
    if (!known) scored.set(c.fileId, { fileId: c.fileId, reference: c.reference, score, reasons });
    else if (score > known.score) scored.set(c.fileId, { ...known, score, reasons });
  };

  for (const c of byReference) {
    const viaRf = refs.rf.includes(c.reference);
    if (!viaRf && !refs.plain.includes(c.reference)) continue;
    const reasons: MatchReason[] = [viaRf ? 'rfReference' : 'plainReference'];
    const name = nameScore(credit.counterpartyName, c.debtorName);
    if (name >= 0.5) reasons.push('name');
    else if (credit.counterpartyName && name === 0) reasons.push('nameDiffers');
    const amount = amountReason(credit, c);
    if (amount) reasons.push(amount);
    if (c.closed) reasons.push('closedFile');
    // A checked RF reference is the debtor's own QR code; a typed one may be a neighbour's with one digit wrong,
    // so it is sure only when both the payer's name and an amount the file expects confirm it.
    let score = viaRf ? 95 : 80;
    if (reasons.includes('name')) score += 5;
    if (amount) score += 5;
    if (reasons.includes('nameDiffers')) score -= 20;
    add(c, score, reasons);
  }
  for (const c of byAmount) {
    const name = nameScore(credit.counterpartyName, c.debtorName);
    const amount = amountReason(credit, c);
    if (!amount || name < 0.5 || c.closed) continue;
    add(c, amount === 'expectedAmount' ? 85 : 75, ['name', amount]);
  }

  const candidates = [...scored.values()].sort((a, b) => b.score - a.score || a.reference.localeCompare(b.reference));
  if (candidates.length === 0) return { status: 'UNMATCHED', candidates };
  const referenced = candidates.filter(
    (c) => c.reasons.includes('rfReference') || c.reasons.includes('plainReference'),
  );
  if (referenced.length > 1) {
    // One transfer for several files: which part pays which is the agent's to decide.
    return {
      status: 'DOUBTFUL',
      candidates: candidates.map((c) => ({ ...c, reasons: [...c.reasons, 'severalReferences'] })),
    };
  }
  const [best, second] = candidates;
  const sure =
    best!.score >= 90 &&
    !best!.reasons.includes('closedFile') &&
    (second === undefined || best!.score - second.score >= 15);
  return sure
    ? { status: 'MATCHED', fileId: best!.fileId, score: best!.score, reasons: best!.reasons, candidates }
    : { status: 'DOUBTFUL', candidates };
}

function amountReason(credit: CreditFacts, c: Candidate): MatchReason | null {
  const day = Date.parse(credit.bookingDate);
  const expected = c.expected.some(
    (e) =>
      e.amountCents === credit.amountCents && Math.abs(Date.parse(e.dueOn) - day) <= EXPECTED_WINDOW_DAYS * 86_400_000,
  );
  if (expected) return 'expectedAmount';
  return c.principalLeftCents > 0n && c.principalLeftCents === credit.amountCents ? 'principalLeft' : null;
}

const IGNORED_WORDS = new Set(['M', 'MR', 'MME', 'MLLE', 'MONSIEUR', 'MADAME', 'STE', 'SOCIETE', 'ET', 'OU']);

function significantWords(name: string): string[] {
  return normaliseName(name)
    .split(' ')
    .filter((w) => w.length >= 2 && !IGNORED_WORDS.has(w) && !hasLegalForm(w));
}

/**
 * How far the payer's name, as the bank wrote it (upper case, cut at 35 or 70 characters, the first name
 * first or last), is the debtor's: the share of the shorter name's words found in the other, 0 to 1.
 */
export function nameScore(payer: string | null, debtor: string): number {
  if (!payer) return 0;
  const a = new Set(significantWords(payer));
  const b = new Set(significantWords(debtor));
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}
