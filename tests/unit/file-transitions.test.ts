import { describe, expect, it } from 'vitest';
import { FileStatus } from '../../lib/db/generated/enums';
import { STATUS_PHASE, isClosed } from '../../lib/cases/rules';
import { TRANSITIONS, canReach, statusesMovingTo, transition } from '../../lib/cases/transitions';

// Every pair of statuses, written out by hand: a change to the table must change this matrix too.
// '=' stays, '+' moves, otherwise the refusal: N NO_RETURN_TO_NEW, C CLOSED_FOR_GOOD, R PAID_REOPENS_ONLY_ON_REVERSAL,
// P PLAN_IN_FORCE, D DISPUTE_OPEN, S SUSPENDED, J JUDICIAL_PHASE.
const ORDER = [
  'NEW',
  'IN_PROGRESS',
  'PROMISE',
  'PAYMENT_PLAN',
  'DISPUTED',
  'SUSPENDED',
  'AWAITING_JUDICIAL',
  'PAID',
  'IRRECOVERABLE',
  'WITHDRAWN',
] as const;
//                     to: NEW IN_P PROM PLAN DISP SUSP AJUD PAID IRRE WITH
const MATRIX: Record<FileStatus, string> = {
  NEW: /*            */ '=    +    +    +    +    +    +    +    +    +',
  IN_PROGRESS: /*    */ 'N    =    +    +    +    +    +    +    +    +',
  PROMISE: /*        */ 'N    +    =    +    +    +    +    +    +    +',
  PAYMENT_PLAN: /*   */ 'N    +    P    =    +    +    +    +    +    +',
  DISPUTED: /*       */ 'N    +    D    D    =    +    D    +    +    +',
  SUSPENDED: /*      */ 'N    +    S    S    S    =    S    +    +    +',
  AWAITING_JUDICIAL: 'N    +    J    +    J    +    =    +    +    +',
  PAID: /*           */ 'N    +    R    +    R    R    R    =    R    R',
  IRRECOVERABLE: /*  */ 'N    +    C    C    C    C    C    C    =    C',
  WITHDRAWN: /*      */ 'N    C    C    C    C    C    C    C    C    =',
};
const REASON = {
  N: 'NO_RETURN_TO_NEW',
  C: 'CLOSED_FOR_GOOD',
  R: 'PAID_REOPENS_ONLY_ON_REVERSAL',
  P: 'PLAN_IN_FORCE',
  D: 'DISPUTE_OPEN',
  S: 'SUSPENDED',
  J: 'JUDICIAL_PHASE',
} as const;

describe('the transition table of a file (lib/cases/transitions)', () => {
  it('covers every status of the schema, in the order of this matrix', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.values(FileStatus).sort());
    expect([...ORDER].sort()).toEqual(Object.values(FileStatus).sort());
  });

  const pairs = ORDER.flatMap((from) => MATRIX[from].split(/\s+/).map((cell, i) => [from, ORDER[i]!, cell] as const));

  it('has one cell per pair', () => {
    expect(pairs).toHaveLength(ORDER.length * ORDER.length);
  });

  it.each(pairs)('%s → %s: %s', (from, to, cell) => {
    const expected =
      cell === '='
        ? { kind: 'STAY' }
        : cell === '+'
          ? { kind: 'MOVE' }
          : { kind: 'REFUSED', reason: REASON[cell as keyof typeof REASON] };
    expect(transition(from, to)).toEqual(expected);
    expect(canReach(from, to)).toBe(cell === '=' || cell === '+');
  });

  it('lists, for a target, exactly the statuses that move to it', () => {
    for (const to of ORDER) {
      const movers = ORDER.filter((from) => MATRIX[from].split(/\s+/)[ORDER.indexOf(to)] === '+');
      expect(statusesMovingTo(to).sort()).toEqual([...movers].sort());
    }
  });

  it('closes exactly the closed statuses; a paid file leaves them on a reversal, an irrecoverable one on reopening', () => {
    const leaves: Record<string, string[]> = { PAID: ['IN_PROGRESS', 'PAYMENT_PLAN'], IRRECOVERABLE: ['IN_PROGRESS'] };
    for (const from of ORDER.filter(isClosed)) {
      const leaving = ORDER.filter((to) => !isClosed(to) && canReach(from, to));
      expect(leaving).toEqual(leaves[from] ?? []);
    }
    expect(ORDER.filter(isClosed)).toEqual(ORDER.filter((s) => STATUS_PHASE[s] === 'CLOSED'));
  });
});
