import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, readBalance, type Account } from '../../lib/accounting/ledger-chart';
import {
  commissionEntry,
  commissionSettlementEntry,
  creditRefundEntry,
  directPaymentEntry,
  paymentEntry,
  receiptReturnedEntry,
  refundToRecoverEntry,
  remittanceEntry,
  reversalEntry,
  sumOf,
  unmatchedReceiptEntry,
  writeOffEntry,
  type EntryDraft,
} from '../../lib/accounting/ledger-entries';
import { computeCommission } from '../../lib/accounting/commission';
import type { CommissionTerms } from '../../lib/accounting/commission-terms';
import { proposeTransfers, type HeldPayment } from '../../lib/remittances/rules';

const C = 'c0000000-0000-4000-8000-000000000001';
const F = 'f0000000-0000-4000-8000-000000000001';
const party = { creditorId: C, fileId: F };
const by = (e: EntryDraft) => Object.fromEntries(e.lines.map((l) => [l.account, l.amountCents]));

describe('what each money event posts', () => {
  it('a payment of €120 of which €20 is an overpayment: bank +120, creditor owed 100, credit held 20', () => {
    expect(by(paymentEntry(party, { amountCents: 12_000n, creditCents: 2_000n }))).toEqual({
      CREDITOR_FUNDS_BANK: 12_000n,
      CREDITOR_FUNDS_PAYABLE: -10_000n,
      DEBTOR_CREDIT_HELD: -2_000n,
    });
  });
  it('a bank credit held as unmatched, then matched to a file: the payment comes out of unmatched receipts', () => {
    expect(by(unmatchedReceiptEntry({ amountCents: 5_000n }))).toEqual({
      CREDITOR_FUNDS_BANK: 5_000n,
      UNMATCHED_RECEIPTS: -5_000n,
    });
    expect(by(paymentEntry(party, { amountCents: 5_000n, creditCents: 0n, from: 'UNMATCHED_RECEIPTS' }))).toEqual({
      UNMATCHED_RECEIPTS: 5_000n,
      CREDITOR_FUNDS_PAYABLE: -5_000n,
    });
    expect(by(receiptReturnedEntry({ amountCents: 5_000n }))).toEqual({
      UNMATCHED_RECEIPTS: 5_000n,
      CREDITOR_FUNDS_BANK: -5_000n,
    });
  });
  it('paid straight to the creditor: only the memo pair moves; its commission is owed by the creditor', () => {
    expect(by(directPaymentEntry(party, { amountCents: 10_000n }))).toEqual({
      DIRECT_COLLECTED: 10_000n,
      DIRECT_COLLECTED_CONTRA: -10_000n,
    });
    expect(by(commissionEntry(party, { commissionCents: 1_500n, vatCents: 300n }))).toEqual({
      COMMISSION_RECEIVABLE: 1_800n,
      COMMISSION_EARNED: -1_500n,
      VAT_COLLECTED: -300n,
    });
  });
  it('commission taken from the funds, remittance, refund, write-off', () => {
    expect(by(commissionSettlementEntry(party, { amountCents: 1_800n }))).toEqual({
      CREDITOR_FUNDS_PAYABLE: 1_800n,
      COMMISSION_RECEIVABLE: -1_800n,
      AGENCY_BANK: 1_800n,
      CREDITOR_FUNDS_BANK: -1_800n,
    });
    expect(by(remittanceEntry(party, { amountCents: 8_200n }))).toEqual({
      CREDITOR_FUNDS_PAYABLE: 8_200n,
      CREDITOR_FUNDS_BANK: -8_200n,
    });
    expect(by(creditRefundEntry(party, { amountCents: 2_000n }))).toEqual({
      DEBTOR_CREDIT_HELD: 2_000n,
      CREDITOR_FUNDS_BANK: -2_000n,
    });
    expect(by(writeOffEntry(party, { amountCents: 300n }))).toEqual({ WRITE_OFFS: 300n, COMMISSION_RECEIVABLE: -300n });
  });
  it('a payment of €120 (€20 over) refunded, then reversed: the credit held ends at nothing, €20 owed back', () => {
    const pay = paymentEntry(party, { amountCents: 12_000n, creditCents: 2_000n });
    const refund = creditRefundEntry(party, { amountCents: 2_000n });
    const mirror = reversalEntry('PAYMENT_REVERSAL', pay.lines);
    const recover = refundToRecoverEntry(party, { amountCents: 2_000n });
    expect(by(recover)).toEqual({ REFUND_TO_RECOVER: 2_000n, DEBTOR_CREDIT_HELD: -2_000n });
    const total = (account: Account) =>
      [pay, refund, mirror, recover]
        .flatMap((e) => e.lines)
        .filter((l) => l.account === account)
        .reduce((s, l) => s + l.amountCents, 0n);
    expect(total('DEBTOR_CREDIT_HELD')).toBe(0n);
    expect(total('REFUND_TO_RECOVER')).toBe(2_000n);
    // The funds account paid out €20 it never received.
    expect(total('CREDITOR_FUNDS_BANK')).toBe(-2_000n);
    expect(() => refundToRecoverEntry(party, { amountCents: 0n })).toThrow();
  });
  it('a reversal is the mirror, line by line', () => {
    const original = paymentEntry(party, { amountCents: 12_000n, creditCents: 2_000n });
    const mirror = reversalEntry('PAYMENT_REVERSAL', original.lines);
    expect(mirror.lines.map((l) => l.amountCents)).toEqual(original.lines.map((l) => -l.amountCents));
    expect(mirror.lines.every((l) => l.creditorId === C && l.fileId === F)).toBe(true);
  });
  it('refuses zero or negative amounts and a credit larger than the payment', () => {
    expect(() => remittanceEntry(party, { amountCents: 0n })).toThrow();
    expect(() => paymentEntry(party, { amountCents: 100n, creditCents: 101n })).toThrow();
    expect(() => commissionEntry(party, { commissionCents: -1n, vatCents: 0n })).toThrow();
  });
  it('every line of a creditor sub-account names the creditor', () => {
    const e = commissionEntry(party, { commissionCents: 10n, vatCents: 2n });
    for (const l of e.lines) if (ACCOUNTS[l.account].perCreditor) expect(l.creditorId).toBe(C);
  });
});

// Property: random sequences of money events on a few creditors. The books are replayed from the entries and
// compared with what the events say, computed independently of the posting functions.
type Event =
  | { type: 'pay'; creditor: number; amount: number; credit: number; direct: boolean }
  | { type: 'reverse'; pick: number }
  | { type: 'settle'; creditor: number; share: number }
  | { type: 'remit'; creditor: number; share: number }
  | { type: 'refund'; creditor: number; share: number }
  | { type: 'writeOff'; creditor: number; share: number }
  // A remittance run as lib/remittances proposes and approves it (net for even creditors, gross for odd ones), and a
  // refund run of everything a creditor's debtors overpaid.
  | { type: 'run'; grossFor: number }
  | { type: 'refundRun'; creditor: number };

const CREDITORS = [C, 'c0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003'];
const share = fc.double({ min: 0, max: 1, noNaN: true });
const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    type: fc.constant('pay' as const),
    creditor: fc.nat(2),
    amount: fc.integer({ min: 1, max: 5_000_000 }),
    credit: fc.integer({ min: 0, max: 100_000 }),
    direct: fc.boolean(),
  }),
  fc.record({ type: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('settle' as const), creditor: fc.nat(2), share }),
  fc.record({ type: fc.constant('remit' as const), creditor: fc.nat(2), share }),
  fc.record({ type: fc.constant('refund' as const), creditor: fc.nat(2), share }),
  fc.record({ type: fc.constant('writeOff' as const), creditor: fc.nat(2), share }),
  fc.record({ type: fc.constant('run' as const), grossFor: fc.nat(3) }),
  fc.record({ type: fc.constant('refundRun' as const), creditor: fc.nat(2) }),
);

const TERMS: CommissionTerms = {
  amicableBps: 1500,
  judicialBps: null,
  fileFeeCents: 500,
  tiers: {
    basis: 'COLLECTED',
    bands: [
      { from: 0, amicableBps: 1500, judicialBps: null },
      { from: 100_000, amicableBps: 900, judicialBps: null },
    ],
  },
  letterFeeCents: 0,
  minimumCents: 1_000,
  maximumCents: 400_000,
  directPaymentsCommissionable: true,
  vatRateBps: 2000,
};

/** Runs the events through the posting functions; returns the entries and the figures the events imply. */
function simulate(events: Event[]) {
  const entries: EntryDraft[] = [];
  const expected = CREDITORS.map(() => ({
    paidIn: 0n,
    remitted: 0n,
    commissionTaken: 0n,
    charged: 0n,
    base: 0n,
    runs: 0,
  }));
  const heldPayment = (creditor: number, n: number, gross: bigint, commission: bigint, vat: bigint): HeldPayment => ({
    paymentId: `p${n}`,
    creditorId: CREDITORS[creditor]!,
    fileId: F,
    receivedOn: '2026-12-01',
    grossCents: gross,
    commissionCents: commission,
    vatCents: vat,
  });
  const reversible: {
    creditor: number;
    entries: EntryDraft[];
    base: bigint;
    commission: bigint;
    vat: bigint;
    paidIn: bigint;
  }[] = [];
  // What a remittance run would find held: each payment (and reversal) not yet taken by a run.
  let held: HeldPayment[] = [];
  const balance = (account: Account, creditor: number) =>
    entries
      .flatMap((e) => e.lines)
      .filter((l) => l.account === account && l.creditorId === CREDITORS[creditor])
      .reduce((s, l) => s + l.amountCents, 0n);
  const part = (cents: bigint, s: number) => (cents * BigInt(Math.floor(s * 1000))) / 1000n;

  for (const e of events) {
    if (e.type === 'pay') {
      const p = { creditorId: CREDITORS[e.creditor]!, fileId: F };
      const amount = BigInt(e.amount);
      const credit = e.direct ? 0n : BigInt(Math.min(e.credit, e.amount));
      const posted: EntryDraft[] = [
        e.direct
          ? directPaymentEntry(p, { amountCents: amount })
          : paymentEntry(p, { amountCents: amount, creditCents: credit }),
      ];
      const x = expected[e.creditor]!;
      const c = computeCommission({
        terms: TERMS,
        phase: 'AMICABLE',
        direct: e.direct,
        imputedCents: amount - credit,
        collectedBeforeCents: x.base,
        chargedBeforeCents: x.charged,
        ageAtPlacementDays: 0,
        lettersUncharged: 0,
      });
      if (c.commissionCents > 0n) posted.push(commissionEntry(p, c));
      x.base += c.baseCents;
      x.charged += c.commissionCents;
      const paidIn = e.direct ? 0n : amount - credit;
      x.paidIn += paidIn;
      entries.push(...posted);
      reversible.push({
        creditor: e.creditor,
        entries: posted,
        base: c.baseCents,
        commission: c.commissionCents,
        vat: c.vatCents,
        paidIn,
      });
      if (!e.direct) held.push(heldPayment(e.creditor, held.length, paidIn, c.commissionCents, c.vatCents));
    } else if (e.type === 'reverse') {
      if (reversible.length === 0) continue;
      const [r] = reversible.splice(e.pick % reversible.length, 1);
      for (const original of r!.entries) {
        entries.push(
          reversalEntry(original.kind === 'COMMISSION' ? 'COMMISSION_REVERSAL' : 'PAYMENT_REVERSAL', original.lines),
        );
      }
      const x = expected[r!.creditor]!;
      x.base -= r!.base;
      x.charged -= r!.commission;
      x.paidIn -= r!.paidIn;
      if (r!.entries[0]!.kind === 'PAYMENT') {
        held.push(heldPayment(r!.creditor, held.length, -r!.paidIn, -r!.commission, -r!.vat));
      }
    } else if (e.type === 'run') {
      // The run pays what the books hold at most: arbitrary settlements and remittances above may have taken some.
      const transfers = proposeTransfers(held, (id) => (CREDITORS.indexOf(id) === e.grossFor ? 'GROSS' : 'NET'));
      for (const t of transfers) {
        const i = CREDITORS.indexOf(t.creditorId);
        const x = expected[i]!;
        if (-balance('CREDITOR_FUNDS_PAYABLE', i) < t.grossCents) continue;
        const p = { creditorId: t.creditorId };
        if (t.settledCents > 0n) entries.push(commissionSettlementEntry(p, { amountCents: t.settledCents }));
        entries.push(remittanceEntry(p, { amountCents: t.amountCents }));
        x.commissionTaken += t.settledCents;
        x.remitted += t.amountCents;
        x.runs += 1;
        held = held.filter((h) => h.creditorId !== t.creditorId);
      }
    } else if (e.type === 'refundRun') {
      const amount = -balance('DEBTOR_CREDIT_HELD', e.creditor);
      if (amount <= 0n) continue;
      entries.push(creditRefundEntry({ creditorId: CREDITORS[e.creditor]!, fileId: F }, { amountCents: amount }));
    } else {
      const p = { creditorId: CREDITORS[e.creditor]!, fileId: F };
      const x = expected[e.creditor]!;
      const held = -balance('CREDITOR_FUNDS_PAYABLE', e.creditor);
      if (e.type === 'settle') {
        const due = balance('COMMISSION_RECEIVABLE', e.creditor);
        const amount = part(due < held ? due : held, e.share);
        if (amount <= 0n) continue;
        entries.push(commissionSettlementEntry(p, { amountCents: amount }));
        x.commissionTaken += amount;
      } else if (e.type === 'remit') {
        const amount = part(held, e.share);
        if (amount <= 0n) continue;
        entries.push(remittanceEntry(p, { amountCents: amount }));
        x.remitted += amount;
      } else if (e.type === 'refund') {
        const amount = part(-balance('DEBTOR_CREDIT_HELD', e.creditor), e.share);
        if (amount <= 0n) continue;
        entries.push(creditRefundEntry(p, { amountCents: amount }));
      } else {
        const amount = part(balance('COMMISSION_RECEIVABLE', e.creditor), e.share);
        if (amount <= 0n) continue;
        entries.push(writeOffEntry(p, { amountCents: amount }));
      }
    }
  }
  return { entries, expected, balance, held: () => held };
}

describe('ledger properties (fast-check)', () => {
  it('remittance and refund runs alone: funds held are exactly the payments no run took, and a run empties them', () => {
    const runsOnly = fc.oneof(
      { weight: 4, arbitrary: event.filter((e) => e.type === 'pay' || e.type === 'reverse') },
      { weight: 1, arbitrary: event.filter((e) => e.type === 'run' || e.type === 'refundRun') },
    );
    fc.assert(
      fc.property(fc.array(runsOnly, { maxLength: 60 }), (events) => {
        const { entries, expected, balance, held } = simulate(events);
        for (const e of entries) expect(sumOf(e.lines)).toBe(0n);
        expected.forEach((x, i) => {
          const funds = readBalance('CREDITOR_FUNDS_PAYABLE', balance('CREDITOR_FUNDS_PAYABLE', i));
          expect(funds).toBe(x.paidIn - x.remitted - x.commissionTaken);
          const notTaken = held()
            .filter((h) => h.creditorId === CREDITORS[i])
            .reduce((s, h) => s + h.grossCents, 0n);
          expect(funds).toBe(notTaken);
        });
        expect(sumOf(entries.flatMap((e) => e.lines))).toBe(0n);
      }),
      { numRuns: 300 },
    );
  });

  it('every entry balances; funds held = paid in − remitted − commission taken; the books sum to zero', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const { entries, expected, balance } = simulate(events);
        for (const e of entries) {
          expect(sumOf(e.lines)).toBe(0n);
          expect(e.lines.length).toBeGreaterThanOrEqual(2);
          expect(e.lines.every((l) => l.amountCents !== 0n)).toBe(true);
        }
        expected.forEach((x, i) => {
          expect(readBalance('CREDITOR_FUNDS_PAYABLE', balance('CREDITOR_FUNDS_PAYABLE', i))).toBe(
            x.paidIn - x.remitted - x.commissionTaken,
          );
          // The memo pair nets to zero for each creditor.
          expect(balance('DIRECT_COLLECTED', i) + balance('DIRECT_COLLECTED_CONTRA', i)).toBe(0n);
          // Commission never exceeds what was collected.
          expect(x.charged <= x.base).toBe(true);
        });
        expect(sumOf(entries.flatMap((e) => e.lines))).toBe(0n);
      }),
      { numRuns: 300 },
    );
  });

  it('the bank holds exactly what is owed to creditors and debtors and not yet moved to the agency', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const { entries } = simulate(events);
        const total = (account: Account) =>
          entries
            .flatMap((e) => e.lines)
            .filter((l) => l.account === account)
            .reduce((s, l) => s + l.amountCents, 0n);
        expect(total('CREDITOR_FUNDS_BANK')).toBe(
          readBalance('CREDITOR_FUNDS_PAYABLE', total('CREDITOR_FUNDS_PAYABLE')) +
            readBalance('DEBTOR_CREDIT_HELD', total('DEBTOR_CREDIT_HELD')),
        );
        expect(total('AGENCY_BANK')).toBeGreaterThanOrEqual(0n);
      }),
      { numRuns: 200 },
    );
  });
});
