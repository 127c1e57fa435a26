import { describe, expect, it } from 'vitest';
import type { FileStatus } from '../../lib/db/generated/enums';
import {
  CLOSING_REASONS,
  CLOSING_STATUS,
  certifiesVat,
  closingRefusal,
  needsApproval,
  REOPEN_REASONS,
  REOPENS_FOR,
  lastMonths,
  reasonsChart,
  reopenReasonsFor,
  reopenRefusal,
  splitVat,
  writtenOff,
  type ClosingFacts,
  type ClosingReason,
} from '../../lib/closing/rules';

// Issue 16: which closing reasons a file may take from which status, with which facts, and when a manager approves.

const OPEN: FileStatus[] = [
  'NEW',
  'IN_PROGRESS',
  'PROMISE',
  'PAYMENT_PLAN',
  'DISPUTED',
  'SUSPENDED',
  'AWAITING_JUDICIAL',
];
const CLOSED: FileStatus[] = ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'];

/** Facts under which every reason is allowed from IN_PROGRESS: money owed and collected, time-barred, evidence, note. */
const facts = (over: Partial<ClosingFacts> = {}): ClosingFacts => ({
  status: 'IN_PROGRESS',
  reason: 'WITHDRAWN',
  owedCents: 50_000,
  collectedCents: 10_000,
  hasEvidence: true,
  hasNote: true,
  limitationOn: '2026-01-31',
  today: '2026-12-07',
  lastPlanCompleted: true,
  planActive: false,
  pendingDecision: false,
  ...over,
});

describe('where each reason takes the file', () => {
  it('maps the ten reasons onto the three closed statuses', () => {
    expect(CLOSING_REASONS).toHaveLength(10);
    const by = (s: FileStatus) => CLOSING_REASONS.filter((r) => CLOSING_STATUS[r] === s);
    expect(by('PAID')).toEqual(['PAID', 'SETTLED', 'PLAN_COMPLETED']);
    expect(by('IRRECOVERABLE')).toEqual([
      'INSOLVENCY_NO_ASSETS',
      'DECEASED_NO_ESTATE',
      'UNTRACEABLE',
      'TIME_BARRED',
      'UNECONOMIC',
    ]);
    expect(by('WITHDRAWN')).toEqual(['WITHDRAWN', 'MANDATE_ENDED']);
  });
});

describe('which reasons are allowed from which status (closingRefusal)', () => {
  // Every open status against every reason, by hand: '.' allowed, otherwise the refusal's initial.
  // D: DISPUTE_OPEN (an irrecoverable claim is answered first), S: STILL_OWED (PAID asks for nothing owed).
  const MATRIX: Record<string, string> = {
    //                  PAID SETT PLAN INSO DECE UNTR TIME UNEC WITH MAND
    NEW: /*        */ 'S    .    .    .    .    .    .    .    .    .',
    IN_PROGRESS: /**/ 'S    .    .    .    .    .    .    .    .    .',
    PROMISE: /*    */ 'S    .    .    .    .    .    .    .    .    .',
    PAYMENT_PLAN: /**/ 'S    .    .    .    .    .    .    .    .    .',
    DISPUTED: /*   */ 'S    .    .    D    D    D    D    D    .    .',
    SUSPENDED: /*  */ 'S    .    .    .    .    .    .    .    .    .',
    AWAITING_JUDICIAL: 'S    .    .    .    .    .    .    .    .    .',
  };
  const CODE: Record<string, string> = { D: 'DISPUTE_OPEN', S: 'STILL_OWED' };
  const cells = OPEN.flatMap((status) =>
    MATRIX[status]!.split(/\s+/).map((cell, i) => [status, CLOSING_REASONS[i]!, cell] as const),
  );
  it('has a cell per open status and reason', () => expect(cells).toHaveLength(OPEN.length * 10));
  it.each(cells)('%s, %s: %s', (status, reason, cell) => {
    expect(closingRefusal(facts({ status, reason }))).toBe(cell === '.' ? null : CODE[cell]);
  });

  it.each(CLOSED.flatMap((s) => CLOSING_REASONS.map((r) => [s, r] as const)))(
    'a closed file (%s) takes no closing (%s): it is reopened first',
    (status, reason) => expect(closingRefusal(facts({ status, reason }))).toBe('ALREADY_CLOSED'),
  );
});

describe('what each reason asks of the file', () => {
  const refusal = (reason: ClosingReason, over: Partial<ClosingFacts>) => closingRefusal(facts({ reason, ...over }));

  it('paid: nothing owed (a credit of the debtor counts as nothing owed)', () => {
    expect(refusal('PAID', { owedCents: 1 })).toBe('STILL_OWED');
    expect(refusal('PAID', { owedCents: 0 })).toBeNull();
    expect(refusal('PAID', { owedCents: -500 })).toBeNull();
  });

  it('settled for less: something owed, something collected, the creditor’s written agreement', () => {
    expect(refusal('SETTLED', { owedCents: 0 })).toBe('NOTHING_OWED');
    expect(refusal('SETTLED', { collectedCents: 0 })).toBe('NOTHING_COLLECTED');
    expect(refusal('SETTLED', { hasEvidence: false })).toBe('EVIDENCE_REQUIRED');
    expect(refusal('SETTLED', { hasNote: false })).toBeNull();
  });

  it('plan completed: the last plan is COMPLETED (what it leaves is written off)', () => {
    expect(refusal('PLAN_COMPLETED', { lastPlanCompleted: false })).toBe('NO_COMPLETED_PLAN');
    expect(refusal('PLAN_COMPLETED', { owedCents: 1_234 })).toBeNull();
  });

  it('time-barred: the limitation date has passed (its day itself is still in time), and is known', () => {
    expect(refusal('TIME_BARRED', { limitationOn: '2026-12-06' })).toBeNull();
    expect(refusal('TIME_BARRED', { limitationOn: '2026-12-07' })).toBe('NOT_TIME_BARRED');
    expect(refusal('TIME_BARRED', { limitationOn: '2027-03-01' })).toBe('NOT_TIME_BARRED');
    // A suspension running: no limitation date, nothing time-barred.
    expect(refusal('TIME_BARRED', { limitationOn: null })).toBe('NOT_TIME_BARRED');
  });

  it('insolvency closed or deceased: a document proves it; untraceable or uneconomic: words say why', () => {
    expect(refusal('INSOLVENCY_NO_ASSETS', { hasEvidence: false })).toBe('EVIDENCE_REQUIRED');
    expect(refusal('DECEASED_NO_ESTATE', { hasEvidence: false })).toBe('EVIDENCE_REQUIRED');
    expect(refusal('UNTRACEABLE', { hasEvidence: false })).toBeNull();
    expect(refusal('UNTRACEABLE', { hasNote: false })).toBe('NOTE_REQUIRED');
    expect(refusal('UNECONOMIC', { hasNote: false, hasEvidence: false })).toBe('NOTE_REQUIRED');
  });

  it('irrecoverable needs something owed; withdrawn and returned need nothing', () => {
    expect(refusal('UNECONOMIC', { owedCents: 0 })).toBe('NOTHING_OWED');
    expect(refusal('WITHDRAWN', { owedCents: 0, collectedCents: 0, hasEvidence: false, hasNote: false })).toBeNull();
    expect(refusal('MANDATE_ENDED', { owedCents: 0, hasEvidence: false, hasNote: false })).toBeNull();
  });

  it('a plan in force, or a decision already waiting, stops any closing', () => {
    expect(refusal('WITHDRAWN', { planActive: true })).toBe('PLAN_ACTIVE');
    expect(refusal('WITHDRAWN', { pendingDecision: true })).toBe('PENDING_DECISION');
  });
});

describe('the approval threshold', () => {
  it('holds an agent’s closing that writes off more than the threshold; at the threshold it closes', () => {
    expect(needsApproval('AGENT', 100_001, 100_000)).toBe(true);
    expect(needsApproval('AGENT', 100_000, 100_000)).toBe(false);
    expect(needsApproval('AGENT', 0, 0)).toBe(false);
    expect(needsApproval('AGENT', 1, 0)).toBe(true);
  });
  it('never holds a manager’s or an admin’s', () => {
    expect(needsApproval('MANAGER', 10_000_000, 0)).toBe(false);
    expect(needsApproval('ADMIN', 10_000_000, 0)).toBe(false);
  });
  it('counts what is written off: nothing for a paid file, what is owed otherwise', () => {
    expect(writtenOff('PAID', 500)).toBe(0);
    expect(writtenOff('SETTLED', 12_345)).toBe(12_345);
    expect(writtenOff('WITHDRAWN', -300)).toBe(0);
  });
});

describe('reopening', () => {
  it('takes an irrecoverable file back to work; a withdrawn or paid one is refused with its reason; an open one is not closed', () => {
    expect(reopenRefusal('IRRECOVERABLE')).toBeNull();
    expect(reopenRefusal('WITHDRAWN')).toBe('CLOSED_FOR_GOOD');
    expect(reopenRefusal('PAID')).toBe('PAID_REOPENS_ONLY_ON_REVERSAL');
    expect(reopenRefusal('IN_PROGRESS')).toBe('NOT_CLOSED');
  });
});

describe('the certificate of irrecoverability (CGI art. 272)', () => {
  it('is for irrecoverable B2B claims only', () => {
    expect(certifiesVat('UNTRACEABLE', 'B2B')).toBe(true);
    expect(certifiesVat('UNTRACEABLE', 'CONSUMER')).toBe(false);
    expect(certifiesVat('WITHDRAWN', 'B2B')).toBe(false);
    expect(certifiesVat('SETTLED', 'B2B')).toBe(false);
  });
  it('splits an amount including VAT into base and VAT, to the cent, summing back to it', () => {
    expect(splitVat(120_000, 2000)).toEqual({ htCents: 100_000, vatCents: 20_000 });
    // 1 000,00 € TTC at 20 %: 833,33 HT + 166,67 TVA.
    expect(splitVat(100_000, 2000)).toEqual({ htCents: 83_333, vatCents: 16_667 });
    // 5,5 %: 105,50 TTC → 100,00 + 5,50.
    expect(splitVat(10_550, 550)).toEqual({ htCents: 10_000, vatCents: 550 });
    expect(splitVat(999, 0)).toEqual({ htCents: 999, vatCents: 0 });
  });
});

describe('which reasons reopen a file, by the reason it closed for', () => {
  it('are offered for exactly the reasons whose status may reopen, each with a payment', () => {
    const reopenable = CLOSING_REASONS.filter((r) => reopenRefusal(CLOSING_STATUS[r]) === null);
    expect(Object.keys(REOPENS_FOR).sort()).toEqual([...reopenable].sort());
    for (const r of reopenable) expect(reopenReasonsFor(r)).toContain('NEW_PAYMENT');
  });
  it('undo the closing: the debtor found for an untraceable one, assets for an insolvency, not the other way', () => {
    expect(reopenReasonsFor('UNTRACEABLE')).toEqual(['NEW_PAYMENT', 'DEBTOR_FOUND']);
    expect(reopenReasonsFor('INSOLVENCY_NO_ASSETS')).not.toContain('DEBTOR_FOUND');
    expect(reopenReasonsFor('TIME_BARRED')).toContain('DEBT_ACKNOWLEDGED');
    expect(reopenReasonsFor('DECEASED_NO_ESTATE')).toContain('ESTATE_FOUND');
    expect(reopenReasonsFor('WITHDRAWN')).toEqual([]);
    expect(reopenReasonsFor('PAID')).toEqual([]);
    // No decision on record (an older or demo closing): every reason.
    expect(reopenReasonsFor(null)).toEqual(REOPEN_REASONS);
  });
});

describe('closing reasons by creditor and month', () => {
  it('lists the months ending with today’s, across a year end', () => {
    expect(lastMonths('2027-02-15', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(lastMonths('2026-12-07', 12)[0]).toBe('2026-01');
  });
  it('stacks each month by reason, sums each creditor, and leaves empty months as zeros', () => {
    const row = (month: string, creditorId: string, reason: ClosingReason, closings: number) => ({
      month,
      creditorId,
      creditorName: creditorId === 'a' ? 'Alpha' : 'Beta',
      reason,
      closings,
    });
    const chart = reasonsChart(
      [
        row('2026-11', 'a', 'UNTRACEABLE', 2),
        row('2026-11', 'b', 'PAID', 1),
        row('2026-12', 'b', 'UNTRACEABLE', 5),
        row('2026-12', 'b', 'WITHDRAWN', 1),
        row('2025-01', 'a', 'PAID', 9), // outside the months shown
      ],
      ['2026-10', '2026-11', '2026-12'],
    );
    expect(chart.months).toEqual([
      { month: '2026-10', counts: {}, total: 0 },
      { month: '2026-11', counts: { UNTRACEABLE: 2, PAID: 1 }, total: 3 },
      { month: '2026-12', counts: { UNTRACEABLE: 5, WITHDRAWN: 1 }, total: 6 },
    ]);
    expect(chart.creditors).toEqual([
      { creditorId: 'b', name: 'Beta', counts: { PAID: 1, UNTRACEABLE: 5, WITHDRAWN: 1 }, total: 7 },
      { creditorId: 'a', name: 'Alpha', counts: { UNTRACEABLE: 2 }, total: 2 },
    ]);
    expect(chart.reasons).toEqual(['PAID', 'UNTRACEABLE', 'WITHDRAWN']);
  });
});
