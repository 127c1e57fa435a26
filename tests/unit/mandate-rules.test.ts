import { describe, expect, it } from 'vitest';
import { translate } from '../../lib/i18n/translate';
import { dayIn } from '../../lib/dates/days';
import { activeMandateFor, intakeRefusal, mandateState } from '../../lib/creditors/rules';
import { frenchDay } from '../../lib/dates/days';

const m = (startsOn: string, endsOn: string | null, reference = `M-${startsOn}`) => ({ reference, startsOn, endsOn });
const creditor = { name: 'Électricité du Rhône', code: 'ELEC-RHONE' };

describe('mandateState', () => {
  const year2026 = m('2026-01-01', '2026-12-31');

  it.each([
    ['2025-12-31', 'NOT_STARTED'],
    ['2026-01-01', 'ACTIVE'],
    ['2026-07-14', 'ACTIVE'],
    ['2026-12-31', 'ACTIVE'],
    ['2027-01-01', 'EXPIRED'],
  ] as const)('on %s a 2026 mandate is %s (both ends inclusive)', (today, state) => {
    expect(mandateState(year2026, today)).toBe(state);
  });

  it('never expires without an end date', () => {
    expect(mandateState(m('2020-01-01', null), '2099-12-31')).toBe('ACTIVE');
    expect(mandateState(m('2020-01-01', null), '2019-12-31')).toBe('NOT_STARTED');
  });

  it('is in force for exactly one day when it starts and ends the same day', () => {
    const oneDay = m('2026-03-01', '2026-03-01');
    expect(['2026-02-28', '2026-03-01', '2026-03-02'].map((d) => mandateState(oneDay, d))).toEqual([
      'NOT_STARTED',
      'ACTIVE',
      'EXPIRED',
    ]);
  });
});

describe('activeMandateFor', () => {
  it('is null without mandates, or when none is in force', () => {
    expect(activeMandateFor([], '2026-01-01')).toBeNull();
    expect(activeMandateFor([m('2024-01-01', '2024-12-31'), m('2027-01-01', null)], '2026-01-01')).toBeNull();
  });

  it('picks the one in force among expired and future ones', () => {
    const current = m('2025-01-01', '2026-12-31');
    expect(activeMandateFor([m('2023-01-01', '2024-12-31'), current, m('2027-01-01', null)], '2026-06-01')).toBe(
      current,
    );
  });

  it('picks the latest start when a renewal overlaps the old mandate', () => {
    const old = m('2024-01-01', '2026-06-30');
    const renewal = m('2026-06-01', null);
    expect(activeMandateFor([renewal, old], '2026-06-15')).toBe(renewal);
    expect(activeMandateFor([old, renewal], '2026-06-15')).toBe(renewal);
    expect(activeMandateFor([old, renewal], '2026-05-31')).toBe(old);
  });

  it('keeps the extra fields of what it is given', () => {
    const rows = [{ id: 'a', ...m('2025-01-01', null) }];
    expect(activeMandateFor(rows, '2026-01-01')?.id).toBe('a');
  });
});

describe('intakeRefusal', () => {
  it('is null while a mandate is in force', () => {
    expect(intakeRefusal(creditor, [m('2025-01-01', null)], '2026-01-01')).toBeNull();
  });

  it('asks for a mandate when there is none', () => {
    const refusal = intakeRefusal(creditor, [], '2026-01-01')!;
    expect(translate(refusal, 'en')).toBe(
      'Creditor Électricité du Rhône (ELEC-RHONE) has no mandate: record the mandate before placing files',
    );
    expect(translate(refusal, 'fr')).toBe(
      "Le créancier Électricité du Rhône (ELEC-RHONE) n'a pas de mandat : enregistrez le mandat avant de confier des dossiers",
    );
  });

  it('names the mandate that expired last and its date', () => {
    const refusal = intakeRefusal(
      creditor,
      [m('2023-01-01', '2023-12-31', 'MDT-2023'), m('2024-01-01', '2025-12-31', 'MDT-2024')],
      '2026-01-05',
    );
    expect(translate(refusal!, 'en')).toBe(
      'The mandate MDT-2024 of creditor Électricité du Rhône (ELEC-RHONE) expired on 31/12/2025: renew it before placing new files',
    );
  });

  it('names a renewal not yet in force before an expired mandate', () => {
    const refusal = intakeRefusal(
      creditor,
      [m('2024-01-01', '2025-12-31', 'MDT-OLD'), m('2026-02-01', null, 'MDT-NEW'), m('2026-09-01', null, 'MDT-LATER')],
      '2026-01-05',
    );
    expect(translate(refusal!, 'fr')).toBe(
      'Le mandat MDT-NEW du créancier Électricité du Rhône (ELEC-RHONE) commence le 01/02/2026 : les dossiers pourront être confiés à partir de ce jour',
    );
    expect(translate(refusal!, 'en')).toBe(
      'The mandate MDT-NEW of creditor Électricité du Rhône (ELEC-RHONE) starts on 01/02/2026: files can be placed from that day',
    );
  });
});

describe('days', () => {
  it('takes today in the agency’s time zone, not UTC', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris, and still 31 December in Martinique.
    const instant = new Date('2025-12-31T23:30:00Z');
    expect(dayIn('Europe/Paris', instant)).toBe('2026-01-01');
    expect(dayIn('America/Martinique', instant)).toBe('2025-12-31');
  });

  it('writes days the French way', () => {
    expect(frenchDay('2026-03-09')).toBe('09/03/2026');
  });
});
