import { describe, expect, it } from 'vitest';
import {
  ALERT_AFTER_DAYS,
  approvalStep,
  canCancel,
  deadlineView,
  needsSecondApproval,
  proposeTransfers,
  remittanceDeadline,
  type HeldPayment,
} from '../../lib/remittances/rules';

const held = (creditorId: string, receivedOn: string, gross: number, commission = 0, vat = 0): HeldPayment => ({
  paymentId: `${creditorId}-${receivedOn}-${gross}`,
  creditorId,
  fileId: `file-${creditorId}`,
  receivedOn,
  grossCents: BigInt(gross),
  commissionCents: BigInt(commission),
  vatCents: BigInt(vat),
});

describe('the R124-6 deadline', () => {
  it('is one calendar month after encashment when the mandate keeps the legal delay', () => {
    expect(remittanceDeadline('2026-11-15')).toBe('2026-12-15');
    expect(remittanceDeadline('2026-11-15', 30)).toBe('2026-12-15');
    // A month from 31 January ends on the last day of February (a time limit in months, CPC art. 641).
    expect(remittanceDeadline('2027-01-31')).toBe('2027-02-28');
    expect(remittanceDeadline('2028-01-31')).toBe('2028-02-29');
    expect(remittanceDeadline('2026-12-31')).toBe('2027-01-31');
  });

  it("is the mandate's own number of days when it says otherwise", () => {
    expect(remittanceDeadline('2026-11-15', 15)).toBe('2026-11-30');
    expect(remittanceDeadline('2026-12-20', 31)).toBe('2027-01-20');
    expect(remittanceDeadline('2027-02-20', 10)).toBe('2027-03-02');
  });

  it('counts the days left, raises the alert at 20 days of age and says late after the deadline', () => {
    expect(ALERT_AFTER_DAYS).toBe(20);
    expect(deadlineView('2026-11-15', 30, '2026-12-04')).toEqual({
      oldestOn: '2026-11-15',
      deadlineOn: '2026-12-15',
      daysLeft: 11,
      ageDays: 19,
      late: false,
      alert: false,
    });
    expect(deadlineView('2026-11-15', 30, '2026-12-05')).toMatchObject({ daysLeft: 10, ageDays: 20, alert: true });
    expect(deadlineView('2026-11-15', 30, '2026-12-15')).toMatchObject({ daysLeft: 0, late: false, alert: true });
    expect(deadlineView('2026-11-15', 30, '2026-12-16')).toMatchObject({ daysLeft: -1, late: true });
    // A mandate's shorter delay can make a file late before the alert's 20 days.
    expect(deadlineView('2026-12-01', 15, '2026-12-17')).toMatchObject({ daysLeft: -1, late: true, alert: false });
  });
});

describe('a remittance run proposal', () => {
  it('pays each creditor the money held, net of commission and VAT for a NET mandate', () => {
    const [t, ...rest] = proposeTransfers(
      [held('A', '2026-11-10', 100_00, 15_00, 3_00), held('A', '2026-11-02', 50_00, 7_50, 1_50)],
      () => 'NET',
    );
    expect(rest).toEqual([]);
    expect(t).toMatchObject({
      creditorId: 'A',
      mode: 'NET',
      grossCents: 150_00n,
      commissionCents: 22_50n,
      vatCents: 4_50n,
      settledCents: 27_00n,
      amountCents: 123_00n,
      oldestOn: '2026-11-02',
    });
    expect(t!.payments).toHaveLength(2);
  });

  it('pays everything for a GROSS mandate, the commission left to the invoice', () => {
    const [t] = proposeTransfers([held('B', '2026-11-10', 100_00, 15_00, 3_00)], () => 'GROSS');
    expect(t).toMatchObject({ mode: 'GROSS', grossCents: 100_00n, settledCents: 0n, amountCents: 100_00n });
  });

  it('nets a reversal against the payment it undoes, and never takes back commission handed back', () => {
    const [t] = proposeTransfers(
      [
        held('A', '2026-11-01', 100_00, 10_00, 2_00),
        held('A', '2026-11-03', -40_00, -4_00, -80),
        held('A', '2026-11-05', 20_00),
      ],
      () => 'NET',
    );
    expect(t).toMatchObject({ grossCents: 80_00n, commissionCents: 6_00n, vatCents: 1_20n, settledCents: 7_20n });
    expect(t!.amountCents).toBe(72_80n);
    const [refunded] = proposeTransfers([held('C', '2026-11-01', 30_00, -5_00, -1_00)], () => 'NET');
    expect(refunded).toMatchObject({ settledCents: 0n, amountCents: 30_00n });
  });

  it('leaves out a creditor with nothing to pay, or no account to pay into, and puts the oldest first', () => {
    const transfers = proposeTransfers(
      [
        held('A', '2026-11-20', 10_00),
        held('B', '2026-11-01', 10_00, 9_00, 1_80), // commission above the money: nothing to pay
        held('C', '2026-11-05', 10_00),
        held('D', '2026-11-03', 10_00),
        held('E', '2026-11-04', 10_00),
        held('E', '2026-11-06', -10_00), // a payment and its reversal
      ],
      () => 'NET',
      (id) => id !== 'D',
    );
    expect(transfers.map((t) => t.creditorId)).toEqual(['C', 'A']);
  });
});

describe('approving a run', () => {
  it('needs a second, different manager from the threshold up', () => {
    expect(needsSecondApproval(10_000_00n, null)).toBe(false);
    expect(needsSecondApproval(9_999_99n, 10_000_00n)).toBe(false);
    expect(needsSecondApproval(10_000_00n, 10_000_00n)).toBe(true);

    expect(approvalStep({ status: 'PROPOSED', needsSecondApproval: false, approvedBy: null }, 'm1')).toEqual({
      ok: true,
      next: 'APPROVED',
    });
    expect(approvalStep({ status: 'PROPOSED', needsSecondApproval: true, approvedBy: null }, 'm1')).toEqual({
      ok: true,
      next: 'AWAITING_SECOND_APPROVAL',
    });
    expect(
      approvalStep({ status: 'AWAITING_SECOND_APPROVAL', needsSecondApproval: true, approvedBy: 'm1' }, 'm1'),
    ).toEqual({ ok: false, reason: 'sameApprover' });
    // The agency's own machinery is nobody: it cannot be the second pair of eyes.
    expect(
      approvalStep({ status: 'AWAITING_SECOND_APPROVAL', needsSecondApproval: true, approvedBy: 'm1' }, null),
    ).toEqual({ ok: false, reason: 'sameApprover' });
    expect(
      approvalStep({ status: 'AWAITING_SECOND_APPROVAL', needsSecondApproval: true, approvedBy: 'm1' }, 'm2'),
    ).toEqual({ ok: true, next: 'APPROVED' });
    for (const status of ['APPROVED', 'CANCELLED'] as const) {
      expect(approvalStep({ status, needsSecondApproval: false, approvedBy: 'm1' }, 'm2')).toEqual({
        ok: false,
        reason: 'notPending',
      });
      expect(canCancel(status)).toBe(false);
    }
    expect(canCancel('PROPOSED')).toBe(true);
    expect(canCancel('AWAITING_SECOND_APPROVAL')).toBe(true);
  });
});
