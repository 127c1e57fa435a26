import { describe, expect, it } from 'vitest';
import { statusAfterCorrection } from '../../lib/cases/correction-outcome';

// Where a file goes once a claim is corrected (issue 14; docs/decisions/0011-corrections-that-close-a-file.md).
describe('statusAfterCorrection', () => {
  const file = { status: 'DISPUTED' as const, liveClaims: 2, dueCents: 45_000, openDisputes: 0 };

  it('withdraws a file whose every claim was cancelled: a cancelled debt is not a paid one', () => {
    expect(statusAfterCorrection({ ...file, liveClaims: 0, dueCents: 0 })).toBe('WITHDRAWN');
    // Even from work, a promise or a plan: nothing is left to collect.
    expect(statusAfterCorrection({ ...file, status: 'PROMISE', liveClaims: 0, dueCents: 0 })).toBe('WITHDRAWN');
  });

  it('closes PAID a file whose remaining claims are covered by what was paid', () => {
    expect(statusAfterCorrection({ ...file, dueCents: 0 })).toBe('PAID');
    expect(statusAfterCorrection({ ...file, status: 'IN_PROGRESS', dueCents: 0 })).toBe('PAID');
  });

  it('sends a disputed file back to work once its disputes are answered, and keeps it disputed otherwise', () => {
    expect(statusAfterCorrection(file)).toBe('IN_PROGRESS');
    expect(statusAfterCorrection({ ...file, openDisputes: 1 })).toBe('DISPUTED');
  });

  it('leaves any other status as it is while something is owed', () => {
    for (const status of ['IN_PROGRESS', 'PROMISE', 'PAYMENT_PLAN', 'SUSPENDED', 'AWAITING_JUDICIAL'] as const)
      expect(statusAfterCorrection({ ...file, status })).toBe(status);
  });

  it('never moves a file the transition table refuses (a new file is not closed PAID without passing the table)', () => {
    // NEW may close: the table allows it.
    expect(statusAfterCorrection({ ...file, status: 'NEW', dueCents: 0 })).toBe('PAID');
  });
});
