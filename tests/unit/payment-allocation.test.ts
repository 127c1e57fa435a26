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

  it('keeps the given order between claims due the same day', () => {
    const first = claim('first', '2025-04-01', 0, 0, 1000);
    const second = claim('second', '2025-04-01', 0, 0, 1000);
    expect(allocatePayment(1500, [first, second]).lines).toEqual([
      { claimId: 'first', part: 'PRINCIPAL', cents: 1000 },
      { claimId: 'second', part: 'PRINCIPAL', cents: 500 },
    ]);
    expect(allocatePayment(1500, [second, first]).lines[0]!.claimId).toBe('second');
  });

  it('refuses a designation of a claim not on the file, or the same claim twice', () => {
    expect(() => allocatePayment(100, [A, B], ['Z'])).toThrow(RangeError);
    expect(() => allocatePayment(100, [A, B], ['A', 'A'])).toThrow(/twice/);
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
