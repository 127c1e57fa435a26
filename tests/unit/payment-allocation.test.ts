import { describe, expect, it } from 'vitest';
import {
  allocatePayment,
  creditOf,
  imputationOrder,
  reverseAllocation,
  type AllocationLine,
  type ClaimDue,
} from '../../lib/payments/allocation';

const claim = (
  claimId: string,
  dueOn: string,
  interestDueCents: number,
  indemnityDueCents: number,
  principalDueCents: number,
): ClaimDue => ({ claimId, dueOn, interestDueCents, indemnityDueCents, principalDueCents });

// A B2B file: invoice A due in March (€5 interest, €40 indemnity, €200 principal) and the older invoice B
// due in January (€8 interest, €40 indemnity, €300 principal). Total owed: €245 + €348 = €593.
const A = claim('A', '2025-03-01', 500, 4000, 20000);
const B = claim('B', '2025-01-15', 800, 4000, 30000);

const sum = (lines: AllocationLine[]) => lines.reduce((s, l) => s + l.cents, 0);

describe('allocatePayment within one claim (Code civil 1343-1)', () => {
  const one = claim('X', '2025-06-30', 1000, 4000, 100000);

  it('pays interest first, then the €40 indemnity, and principal last', () => {
    expect(allocatePayment(3000, [one]).lines).toEqual([
      { claimId: 'X', part: 'INTEREST', cents: 1000 },
      { claimId: 'X', part: 'INDEMNITY', cents: 2000 },
    ]);
    expect(allocatePayment(50000, [one]).lines).toEqual([
      { claimId: 'X', part: 'INTEREST', cents: 1000 },
      { claimId: 'X', part: 'INDEMNITY', cents: 4000 },
      { claimId: 'X', part: 'PRINCIPAL', cents: 45000 },
    ]);
  });

  it('puts a payment smaller than the interest entirely on interest', () => {
    expect(allocatePayment(999, [one]).lines).toEqual([{ claimId: 'X', part: 'INTEREST', cents: 999 }]);
  });

  it('writes no line for a part that is not owed (a consumer claim has no indemnity)', () => {
    const consumer = claim('C', '2025-02-01', 0, 0, 12345);
    expect(allocatePayment(10000, [consumer]).lines).toEqual([{ claimId: 'C', part: 'PRINCIPAL', cents: 10000 }]);
  });
});

describe('allocatePayment across claims (Code civil 1342-10)', () => {
  it('settles the oldest due claim first, whatever order the claims come in', () => {
    // B (January) in full: 800 + 4000 + 30000 = 34800; the remaining 5200 to A: 500 + 4000 + 700.
    const expected = [
      { claimId: 'B', part: 'INTEREST', cents: 800 },
      { claimId: 'B', part: 'INDEMNITY', cents: 4000 },
      { claimId: 'B', part: 'PRINCIPAL', cents: 30000 },
      { claimId: 'A', part: 'INTEREST', cents: 500 },
      { claimId: 'A', part: 'INDEMNITY', cents: 4000 },
      { claimId: 'A', part: 'PRINCIPAL', cents: 700 },
    ];
    expect(allocatePayment(40000, [A, B]).lines).toEqual(expected);
    expect(allocatePayment(40000, [B, A]).lines).toEqual(expected);
  });

  it("follows the debtor's designation, then the oldest of the rest", () => {
    // A designated: 500 + 4000 + 20000 = 24500; then B: 800 + 4000 + 10700 = 15500.
    expect(allocatePayment(40000, [A, B], ['A']).lines).toEqual([
      { claimId: 'A', part: 'INTEREST', cents: 500 },
      { claimId: 'A', part: 'INDEMNITY', cents: 4000 },
      { claimId: 'A', part: 'PRINCIPAL', cents: 20000 },
      { claimId: 'B', part: 'INTEREST', cents: 800 },
      { claimId: 'B', part: 'INDEMNITY', cents: 4000 },
      { claimId: 'B', part: 'PRINCIPAL', cents: 10700 },
    ]);
  });

  it('keeps the designated order, and ranks the undesignated claims by due date after them', () => {
    const C = claim('C', '2024-12-01', 0, 0, 100);
    const D = claim('D', '2025-05-01', 0, 0, 100);
    expect(imputationOrder([A, B, C, D], ['D', 'A']).map((c) => c.claimId)).toEqual(['D', 'A', 'C', 'B']);
  });

  it('refuses a designation of a claim not on the file, or the same claim twice', () => {
    expect(() => allocatePayment(100, [A, B], ['Z'])).toThrow(RangeError);
    expect(() => allocatePayment(100, [A, B], ['A', 'A'])).toThrow(/twice/);
  });
});

describe('Code civil 1342-10 step by step, where the debtor designated nothing', () => {
  const at = (claimId: string, dueOn: string, principalDueCents: number, rateBps = 0): ClaimDue => ({
    claimId,
    dueOn,
    interestDueCents: 0,
    indemnityDueCents: 0,
    principalDueCents,
    rateBps,
  });

  it('1. due debts first: a claim not yet due on the payment day comes after one that is, even an older-rated one', () => {
    // Paid 2025-06-10. 'later' is due 2025-07-01 (not yet due) and runs 12.15 %; 'due' is due 2025-06-01, 0 %.
    // 'due' takes its 1000 first, the other 500 go to 'later'.
    const later = at('later', '2025-07-01', 1000, 1215);
    const due = at('due', '2025-06-01', 1000, 0);
    expect(allocatePayment(1500, [later, due], [], '2025-06-10').lines).toEqual([
      { claimId: 'due', part: 'PRINCIPAL', cents: 1000 },
      { claimId: 'later', part: 'PRINCIPAL', cents: 500 },
    ]);
  });

  it('2. among due debts, the one the debtor has most interest in paying: the highest running rate', () => {
    // Both due. 'old' (2024-01-01) runs the legal rate 8.16 % (816 bps); 'dear' (2025-01-01) a contractual
    // 15 % (1500 bps). The dearer one is paid first although younger: 1200 to 'dear', the other 300 to 'old'.
    const old = at('old', '2024-01-01', 1000, 816);
    const dear = at('dear', '2025-01-01', 1200, 1500);
    expect(allocatePayment(1500, [old, dear], [], '2025-06-10').lines).toEqual([
      { claimId: 'dear', part: 'PRINCIPAL', cents: 1200 },
      { claimId: 'old', part: 'PRINCIPAL', cents: 300 },
    ]);
  });

  it('2b. a claim bearing interest comes before one bearing none yet (consumer claim before formal notice)', () => {
    const bearing = at('bearing', '2025-03-01', 1000, 316);
    const none = at('none', '2025-01-01', 1000);
    expect(imputationOrder([none, bearing], [], '2025-06-10').map((c) => c.claimId)).toEqual(['bearing', 'none']);
  });

  it('3. at equal interest, the oldest', () => {
    // Same rate 1215 bps; 'march' is due 2025-03-01, 'january' 2025-01-15: January first, 1000 then 500.
    const march = at('march', '2025-03-01', 1000, 1215);
    const january = at('january', '2025-01-15', 1000, 1215);
    expect(allocatePayment(1500, [march, january], [], '2025-06-10').lines).toEqual([
      { claimId: 'january', part: 'PRINCIPAL', cents: 1000 },
      { claimId: 'march', part: 'PRINCIPAL', cents: 500 },
    ]);
  });

  it('4. all things equal, proportionally to what each owes', () => {
    // Same day, same rate; 'small' owes 1000, 'big' owes 3000 (4000 in all). 2000 paid: 2000 × 1000 / 4000 =
    // 500 to 'small', 2000 × 3000 / 4000 = 1500 to 'big'.
    const small = at('small', '2025-04-01', 1000, 1215);
    const big = at('big', '2025-04-01', 3000, 1215);
    expect(allocatePayment(2000, [small, big], [], '2025-06-10').lines).toEqual([
      { claimId: 'small', part: 'PRINCIPAL', cents: 500 },
      { claimId: 'big', part: 'PRINCIPAL', cents: 1500 },
    ]);
    // Whatever order they come in.
    expect(allocatePayment(2000, [big, small], [], '2025-06-10').lines).toEqual([
      { claimId: 'big', part: 'PRINCIPAL', cents: 1500 },
      { claimId: 'small', part: 'PRINCIPAL', cents: 500 },
    ]);
  });

  it('4b. proportional shares are whole cents that add up, the odd cent to the largest remainder', () => {
    // Three equal claims of 1000, 100 paid: 33.33 each, rounded down to 33 × 3 = 99; the remainders are equal,
    // so the odd cent goes to the first in the file's order: 34 + 33 + 33 = 100.
    const [x, y, z] = ['x', 'y', 'z'].map((id) => at(id, '2025-04-01', 1000));
    expect(allocatePayment(100, [x!, y!, z!], [], '2025-06-10').lines.map((l) => l.cents)).toEqual([34, 33, 33]);
    // 1000 and 2000 owed, 1001 paid: exact shares 333.67 and 667.33 → 333 + 667 = 1000, the odd cent to the
    // larger remainder (0.67, the first claim): 334 + 667.
    const lines = allocatePayment(1001, [at('a', '2025-04-01', 1000), at('b', '2025-04-01', 2000)]).lines;
    expect(lines.map((l) => l.cents)).toEqual([334, 667]);
  });

  it('4c. inside each proportional share, interest and indemnity still come before principal (1343-1)', () => {
    // Both owe 100 interest + 4000 indemnity + 5900 principal = 10000; 5000 paid → 2500 each:
    // 100 interest, 2400 indemnity, nothing on principal.
    const p = claim('p', '2025-04-01', 100, 4000, 5900);
    const q = claim('q', '2025-04-01', 100, 4000, 5900);
    expect(allocatePayment(5000, [p, q], [], '2025-06-10').lines).toEqual([
      { claimId: 'p', part: 'INTEREST', cents: 100 },
      { claimId: 'p', part: 'INDEMNITY', cents: 2400 },
      { claimId: 'q', part: 'INTEREST', cents: 100 },
      { claimId: 'q', part: 'INDEMNITY', cents: 2400 },
    ]);
  });

  it('a payment covering a whole group settles each claim of it in full and moves on', () => {
    const g1 = at('g1', '2025-04-01', 1000);
    const g2 = at('g2', '2025-04-01', 1000);
    const later = at('later', '2025-05-01', 1000);
    expect(allocatePayment(2500, [later, g2, g1], [], '2025-06-10').lines).toEqual([
      { claimId: 'g2', part: 'PRINCIPAL', cents: 1000 },
      { claimId: 'g1', part: 'PRINCIPAL', cents: 1000 },
      { claimId: 'later', part: 'PRINCIPAL', cents: 500 },
    ]);
  });

  it("the debtor's designation outranks every step", () => {
    const dear = at('dear', '2025-01-01', 1000, 1500);
    const cheap = at('cheap', '2025-05-01', 1000, 0);
    expect(allocatePayment(1500, [dear, cheap], ['cheap'], '2025-06-10').lines[0]).toEqual({
      claimId: 'cheap',
      part: 'PRINCIPAL',
      cents: 1000,
    });
  });
});

describe('overpayment', () => {
  it('holds what exceeds everything owed as one CREDIT line, never dropped', () => {
    // Owed 59300 in all; 60000 paid leaves 700 of credit.
    const { lines } = allocatePayment(60000, [A, B]);
    expect(lines.at(-1)).toEqual({ claimId: null, part: 'CREDIT', cents: 700 });
    expect(lines).toHaveLength(7);
    expect(sum(lines)).toBe(60000);
    expect(creditOf(lines)).toBe(700);
  });

  it('turns a payment on a file that owes nothing into credit', () => {
    expect(allocatePayment(2500, [claim('P', '2025-01-01', 0, 0, 0)]).lines).toEqual([
      { claimId: null, part: 'CREDIT', cents: 2500 },
    ]);
    expect(allocatePayment(2500, []).lines).toEqual([{ claimId: null, part: 'CREDIT', cents: 2500 }]);
  });

  it('never imputes to a negative amount due', () => {
    const odd = claim('N', '2025-01-01', -300, 0, 1000);
    expect(allocatePayment(1000, [odd]).lines).toEqual([{ claimId: 'N', part: 'PRINCIPAL', cents: 1000 }]);
  });
});

describe('every cent lands on exactly one line', () => {
  it.each([1, 799, 800, 4800, 34800, 34801, 59299, 59300, 59301, 1_000_000])('%i cents', (amount) => {
    const { lines } = allocatePayment(amount, [A, B]);
    expect(sum(lines)).toBe(amount);
    expect(lines.every((l) => l.cents > 0)).toBe(true);
    expect(creditOf(lines)).toBe(Math.max(0, amount - 59300));
  });

  it.each([0, -100, 12.5, Number.NaN])('refuses %s as an amount', (amount) => {
    expect(() => allocatePayment(amount, [A, B])).toThrow(RangeError);
  });
});

describe('reverseAllocation', () => {
  it('negates each line, so payment and reversal cancel per claim and part', () => {
    const { lines } = allocatePayment(60000, [A, B]);
    const reversed = reverseAllocation(lines);
    expect(reversed[0]).toEqual({ claimId: 'B', part: 'INTEREST', cents: -800 });
    expect(reversed.at(-1)).toEqual({ claimId: null, part: 'CREDIT', cents: -700 });
    const net = new Map<string, number>();
    for (const l of [...lines, ...reversed])
      net.set(`${l.claimId}:${l.part}`, (net.get(`${l.claimId}:${l.part}`) ?? 0) + l.cents);
    expect([...net.values()].every((v) => v === 0)).toBe(true);
    expect(creditOf(reversed)).toBe(-700);
  });
});
