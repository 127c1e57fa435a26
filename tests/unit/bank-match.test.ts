import { describe, expect, it } from 'vitest';
import { rfReference } from '../../lib/bank/creditor-reference';
import { decideMatch, nameScore, referencesIn, type Candidate, type CreditFacts } from '../../lib/reconciliation/match';

const file = (over: Partial<Candidate> = {}): Candidate => ({
  fileId: 'f1',
  reference: 'D0001234',
  debtorName: 'SARL Dupont Bâtiment',
  closed: false,
  principalLeftCents: 150_050n,
  expected: [],
  ...over,
});
const credit = (over: Partial<CreditFacts> = {}): CreditFacts => ({
  amountCents: 15_050n,
  bookingDate: '2026-12-07',
  counterpartyName: 'DUPONT BATIMENT',
  creditorRefs: [],
  remittance: '',
  ...over,
});

describe('references a credit carries', () => {
  it('takes RF references whose digits hold and plain references in the text', () => {
    expect(
      referencesIn({
        creditorRefs: [rfReference('D0001234')],
        remittance: 'FACT 118 DOSSIER D0005555 et RF00D0009999',
      }),
    ).toEqual({ rf: ['D0001234'], plain: ['D0005555', 'D0009999'] });
    // An RF written in groups of four inside free text, running into the next word.
    expect(referencesIn({ creditorRefs: [], remittance: `VIR ${'RF53 D000 1234'} MERCI` }).rf).toEqual(['D0001234']);
  });
});

describe('name score', () => {
  it('reads bank spellings of the debtor', () => {
    expect(nameScore('DUPONT BATIMENT', 'SARL Dupont Bâtiment')).toBe(1);
    expect(nameScore('M. JEAN MARTIN', 'MARTIN Jean')).toBe(1);
    expect(nameScore('MARTIN', 'MARTIN Jean')).toBe(1);
    expect(nameScore('DURAND PAUL', 'MARTIN Jean')).toBe(0);
    expect(nameScore(null, 'MARTIN Jean')).toBe(0);
  });
});

describe('decideMatch', () => {
  it('matches on a checked RF reference even when someone else paid', () => {
    const decision = decideMatch(
      credit({ creditorRefs: [rfReference('D0001234')], counterpartyName: 'X' }),
      [file()],
      [],
    );
    expect(decision).toMatchObject({ status: 'DOUBTFUL' });
    const paidByDebtor = decideMatch(credit({ creditorRefs: [rfReference('D0001234')] }), [file()], []);
    expect(paidByDebtor).toMatchObject({ status: 'MATCHED', fileId: 'f1', reasons: ['rfReference', 'name'] });
    const noName = decideMatch(
      credit({ creditorRefs: [rfReference('D0001234')], counterpartyName: null }),
      [file()],
      [],
    );
    expect(noName).toMatchObject({ status: 'MATCHED', score: 95 });
  });

  it('doubts a typed reference unless the name or the amount confirms it', () => {
    const typed = credit({ remittance: 'reglement D0001234', counterpartyName: null });
    expect(decideMatch(typed, [file()], []).status).toBe('DOUBTFUL');
    expect(decideMatch({ ...typed, counterpartyName: 'Dupont Batiment' }, [file()], []).status).toBe('DOUBTFUL');
    const both = decideMatch({ ...typed, counterpartyName: 'Dupont Batiment', amountCents: 150_050n }, [file()], []);
    expect(both).toMatchObject({ status: 'MATCHED', reasons: ['plainReference', 'name', 'principalLeft'] });
    const expected = decideMatch(
      { ...typed, counterpartyName: 'Dupont Batiment' },
      [file({ expected: [{ amountCents: 15_050n, dueOn: '2026-12-01' }] })],
      [],
    );
    expect(expected).toMatchObject({ status: 'MATCHED', reasons: ['plainReference', 'name', 'expectedAmount'] });
  });

  it('sends a transfer naming several files, or a closed one, to an agent', () => {
    const two = decideMatch(
      credit({ remittance: 'D0001234 D0001235', counterpartyName: 'Dupont' }),
      [file(), file({ fileId: 'f2', reference: 'D0001235' })],
      [],
    );
    expect(two.status).toBe('DOUBTFUL');
    expect(two.candidates.every((c) => c.reasons.includes('severalReferences'))).toBe(true);
    const closed = decideMatch(credit({ creditorRefs: [rfReference('D0001234')] }), [file({ closed: true })], []);
    expect(closed.status).toBe('DOUBTFUL');
  });

  it('matches without a reference only on name and an expected amount within the window', () => {
    const promise = file({ expected: [{ amountCents: 15_050n, dueOn: '2026-12-01' }] });
    expect(decideMatch(credit(), [], [promise]).status).toBe('DOUBTFUL'); // 85: strong, not sure
    expect(decideMatch(credit({ bookingDate: '2027-01-20' }), [], [promise]).status).toBe('UNMATCHED');
    expect(decideMatch(credit({ counterpartyName: 'DURAND' }), [], [promise]).status).toBe('UNMATCHED');
    const twins = decideMatch(credit(), [], [promise, { ...promise, fileId: 'f2', reference: 'D0002222' }]);
    expect(twins).toMatchObject({ status: 'DOUBTFUL' });
    expect(twins.candidates.map((c) => c.fileId)).toEqual(['f1', 'f2']);
  });
});
