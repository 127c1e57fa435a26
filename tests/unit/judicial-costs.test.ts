import { describe, expect, it } from 'vitest';
import { judicialCostEntry } from '../../lib/accounting/ledger-entries';
import { costRecoverable } from '../../lib/partners/rules';

// Judicial costs (issue 16, decision 0023): who may be made to bear them (CPCE L111-8) and the entry the agency posts
// when it advances them.

describe('costRecoverable (CPCE L111-8)', () => {
  it.each([
    ['a commissaire de justice after the title', 'COMMISSAIRE_DE_JUSTICE', '2026-11-10', '2026-11-20', true],
    ['a commissaire de justice the day of the title', 'COMMISSAIRE_DE_JUSTICE', '2026-11-10', '2026-11-10', true],
    ['a commissaire de justice before the title', 'COMMISSAIRE_DE_JUSTICE', '2026-11-10', '2026-11-09', false],
    ['a commissaire de justice, no title', 'COMMISSAIRE_DE_JUSTICE', null, '2026-11-20', false],
    ['a lawyer after the title', 'LAWYER', '2026-11-10', '2026-11-20', false],
  ] as const)('%s', (_, partnerKind, titleOn, incurredOn, recoverable) => {
    expect(costRecoverable({ partnerKind, titleOn, incurredOn })).toBe(recoverable);
  });
});

describe('judicialCostEntry', () => {
  it('the creditor owes the agency what the partner is owed, on the file', () => {
    const entry = judicialCostEntry({ creditorId: 'c', fileId: 'f' }, { amountCents: 9_510n });
    expect(entry.kind).toBe('JUDICIAL_COST');
    expect(entry.lines.map((l) => [l.account, l.creditorId, l.fileId, l.amountCents])).toEqual([
      ['JUDICIAL_COSTS_ADVANCED', 'c', 'f', 9_510n],
      ['PARTNERS_PAYABLE', 'c', 'f', -9_510n],
    ]);
    expect(() => judicialCostEntry({ creditorId: 'c' }, { amountCents: 0n })).toThrow(/positive/);
  });
});
