import { describe, expect, it } from 'vitest';
import { registeredMailEntrySchema, trackingColumns, trackingRowSchema } from '../../lib/registered-mail/schemas';

const issues = (cells: Record<string, string>) => {
  const result = trackingRowSchema.safeParse(cells);
  return result.success ? [] : result.error.issues.map((i) => ({ field: i.path[0], key: i.message }));
};

describe('tracking file columns', () => {
  it('finds the print-run manifest’s own columns, and French ones', () => {
    const manifest = ['sequence', 'file_reference', 'letter_reference', 'letter_kind', 'registered', 'tracking_number'];
    expect(trackingColumns([...manifest, 'sent_on', 'acknowledged_on'])).toEqual({
      fileReference: 1,
      letterReference: 2,
      trackingNumber: 5,
      sentOn: 6,
      acknowledgedOn: 7,
    });
    expect(trackingColumns(['Référence courrier', 'N° recommandé', 'Date de dépôt', 'Date AR', 'Statut'])).toEqual({
      letterReference: 0,
      trackingNumber: 1,
      sentOn: 2,
      acknowledgedOn: 3,
      outcome: 4,
    });
    // A yes/no "Recommandé" column is not taken for the number.
    expect(trackingColumns(['letter_reference', 'Recommandé'])).toEqual({ letterReference: 0 });
  });
});

describe('tracking file line', () => {
  it('reads La Poste numbers however printed, French and ISO dates, outcome spellings', () => {
    expect(
      trackingRowSchema.parse({
        letterReference: ' D0000012-3MD ',
        trackingNumber: '1a 234 567 8901 2',
        sentOn: '02/03/2027',
        acknowledgedOn: '2027-03-05',
        outcome: 'Pli avisé et non réclamé',
      }),
    ).toEqual({
      letterReference: 'D0000012-3MD',
      fileReference: undefined,
      trackingNumber: '1A23456789012',
      sentOn: '2027-03-02',
      acknowledgedOn: '2027-03-05',
      outcome: 'UNCLAIMED',
    });
    expect(trackingRowSchema.parse({ trackingNumber: 'rr123456789fr', outcome: 'NPAI' })).toMatchObject({
      trackingNumber: 'RR123456789FR',
      outcome: 'UNKNOWN_ADDRESS',
    });
    expect(trackingRowSchema.parse({ letterReference: 'X', outcome: 'distribué' }).outcome).toBe('DELIVERED');
  });

  it('names the field and the problem', () => {
    expect(issues({ letterReference: 'X', trackingNumber: '1A2345' })).toEqual([
      { field: 'trackingNumber', key: 'tracking.badNumber' },
    ]);
    expect(issues({ letterReference: 'X', trackingNumber: '12A34567890123' })).toEqual([
      { field: 'trackingNumber', key: 'tracking.badNumber' },
    ]);
    expect(issues({ letterReference: 'X', sentOn: '31/02/2027' })).toEqual([
      { field: 'sentOn', key: 'tracking.badDate' },
    ]);
    expect(issues({ letterReference: 'X', outcome: 'perdu' })).toEqual([
      { field: 'outcome', key: 'tracking.badOutcome' },
    ]);
    expect(issues({ letterReference: 'X', sentOn: '05/03/2027', acknowledgedOn: '04/03/2027' })).toEqual([
      { field: 'acknowledgedOn', key: 'tracking.ackBeforeDeposit' },
    ]);
    expect(issues({ letterReference: 'X', acknowledgedOn: '04/03/2027', outcome: 'adresse inconnue' })).toEqual([
      { field: 'acknowledgedOn', key: 'tracking.ackUnknownAddress' },
    ]);
    expect(issues({ fileReference: 'D0000012', sentOn: '05/03/2027' })).toEqual([
      { field: 'letterReference', key: 'tracking.keyMissing' },
    ]);
  });

  it('refuses a spreadsheet formula in any cell, even after spaces', () => {
    for (const cell of ['=1+1', ' +cmd|calc', '-2+3', '@SUM(A1)'])
      expect(issues({ letterReference: cell, trackingNumber: '1A23456789012' })).toEqual([
        { field: 'letterReference', key: 'tracking.formula' },
      ]);
    expect(issues({ letterReference: 'X', trackingNumber: '=HYPERLINK("x")' })).toEqual([
      { field: 'trackingNumber', key: 'tracking.formula' },
    ]);
  });
});

describe('the hand entry of one letter', () => {
  const id = '6f1c1c1e-3a52-4d7e-9a8c-0d5f0e2b7a11';
  const entry = (values: Record<string, unknown>) => registeredMailEntrySchema.safeParse({ documentId: id, ...values });

  it('reads values as the file does; a blank or null clears, an absent field is left alone', () => {
    expect(entry({ trackingNumber: '1a 234 567 8901 2', sentOn: '02/03/2027', deliveryOutcome: 'NPAI' }).data).toEqual({
      documentId: id,
      trackingNumber: '1A23456789012',
      sentOn: '2027-03-02',
      acknowledgedOn: undefined,
      deliveryOutcome: 'UNKNOWN_ADDRESS',
    });
    const cleared = entry({ trackingNumber: '  ', acknowledgedOn: null }).data!;
    expect(cleared).toMatchObject({ trackingNumber: null, acknowledgedOn: null });
    expect(cleared.sentOn).toBeUndefined();
  });

  it('names each bad field with its catalogue key, and asks for something when nothing is given', () => {
    const bad = entry({ trackingNumber: '1A 12', acknowledgedOn: '2027-02-30', deliveryOutcome: 42 });
    expect(bad.error?.issues.map((i) => `${String(i.path[0])}:${i.message}`)).toEqual([
      'trackingNumber:tracking.badNumber',
      'acknowledgedOn:tracking.badDate',
      'deliveryOutcome:tracking.notText',
    ]);
    expect(entry({}).error?.issues.map((i) => `${String(i.path[0])}:${i.message}`)).toEqual([
      'trackingNumber:tracking.nothingGiven',
    ]);
  });
});
