import { describe, expect, it } from 'vitest';
import { applyMapping, suggestMapping } from '@/lib/imports/columns';
import { openRows } from '@/lib/imports/read';
import { INTAKE_FIELDS, intakeItemParser, intakeItemSchema, type IntakeField } from '@/lib/imports/schemas';

// The parser the import path uses must say exactly what the schema says: same item, same issues, same messages.
const TODAY = '2026-11-25';
const schema = intakeItemSchema(TODAY);
const parser = intakeItemParser(TODAY);

function expectSameAsSchema(input: unknown) {
  const expected = schema.safeParse(input);
  const actual = parser.safeParse(input);
  expect(actual.success).toBe(expected.success);
  if (expected.success) expect(actual.data).toStrictEqual(expected.data);
  else expect(actual.success ? null : actual.error.issues).toStrictEqual(expected.error.issues);
}

// Values each field may hold in a creditor's file: clean ones, and every way a cell goes wrong.
const CELLS: Record<IntakeField, string[]> = {
  debtorType: ['', 'Société', 'particulier', 'B2B', 'pp', 'alien', ' c '],
  debtorName: ['', 'SARL Martin & Fils', 'M. Jean DUPONT', 'Dupont, Lucie', '  Mme  MARTIN ', 'Zoë', '=cmd'],
  companyName: ['', 'ACME SARL', '  Boulangerie Dupont  ', '=HYPERLINK("x")', 'x'.repeat(501), 'É'.repeat(500)],
  firstName: ['', 'Lucie', 'Jean-François', ' Zoë ', '@me'],
  lastName: ['', 'Martin', "D'Aubigné", 'Müller-Łukasz', '-Martin', '\t'],
  siren: ['', '732 829 320', '732829320', '123456789', 'abc', '732 829 320 00074'],
  siret: ['', '73282932000074', '732 829 320 00074', '12345678901234', '552100554'],
  email: ['', 'lucie@example.fr', ' LUCIE@Example.FR ', 'not-an-email', '+33@x.fr'],
  phone: ['', '06 12 34 56 78', '+33 6 12 34 56 78', '0033612345678', '12', '+(33) 612'],
  addressLine1: ['', '3 rue de la Paix', '  12, av. Foch ', '=1+1'],
  addressLine2: ['', 'Bât. B', ' '],
  postcode: ['', '75011', '75 011', '1000', '750', 'B-1000'],
  city: ['', 'Paris', ' Bourg-en-Bresse '],
  country: ['', 'FR', 'be', 'France', 'DE'],
  invoiceNumber: ['', 'F-1', ' F 2 ', 'X'.repeat(65), '+F3', 'F-é'],
  issueDate: ['', '30/11/2025', '2026-01-31', '31/02/2026', '2027-01-01', 'hier', '01/02/2026'],
  dueDate: ['', '31/12/2025', '2025-12-31T00:00:00Z', '26/11/2026', '1/1/26', 'demain', ' 03/03/2026 '],
  amount: ['', '1 234,56', '1234.56', '0', '-12', '12,345', 'douze', ' 99 € ', '1.234,5', '0,001'],
  currency: ['', 'EUR', 'usd', 'euro', 'E1'],
  nature: ['', 'B2B', 'Consommateur', ' civile ', 'Particulier', 'loyer', 'autre'],
  limitationBasis: [
    '',
    'CONSUMER_CREDIT',
    'Crédit à la consommation',
    ' bail ',
    'R312-35',
    'titre exécutoire',
    'peut-être',
  ],
};

describe('intakeItemParser', () => {
  it('agrees with the schema on thousands of rows mixing good and bad cells', () => {
    let seed = 7;
    const pick = <T>(values: T[]) => values[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % values.length]!;
    let accepted = 0;
    for (let i = 0; i < 6000; i++) {
      const row: Partial<Record<IntakeField, string>> = {};
      for (const field of INTAKE_FIELDS) {
        // Two rows in three clean (the first value after '', sometimes left out), as in real files.
        const clean = CELLS[field][1]!;
        const value = i % 3 === 0 ? pick(CELLS[field]) : pick([clean, clean, clean, clean, clean, clean, clean, '']);
        if (value !== '' || pick([true, false])) row[field] = value;
      }
      // A person as often as a company.
      if (i % 3 !== 0 && pick([true, false]))
        Object.assign(row, { siren: '', siret: '', companyName: '', debtorType: '' });
      if (schema.safeParse(row).success) accepted += 1;
      expectSameAsSchema(row);
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(5000);
  }, 60_000); // thousands of parses: on a loaded machine this outlasts the default 5 s

  it('agrees with the schema on the rows of the test files', async () => {
    for (const name of ['french-semicolon-cp1252.csv', 'utf8-bom-comma.csv', 'tab-utf8.tsv', 'bad-rows.csv']) {
      const file = await openRows({ path: `tests/fixtures/imports/${name}`, fileName: name });
      const mapping = suggestMapping(file.headers);
      for await (const row of file.rows) expectSameAsSchema(applyMapping(row.cells, mapping));
    }
  });

  it('leaves to the schema what is not a row of text cells', () => {
    const good = { invoiceNumber: 'F-1', lastName: 'Martin', postcode: '75011', dueDate: '31/12/2025', amount: '10' };
    for (const input of [
      good,
      { ...good, amount: 12.5 },
      { ...good, postcode: 1000 },
      { ...good, city: null },
      { ...good, city: undefined },
      { ...good, colour: 'blue' },
      { ...good, lastName: ['Martin'] },
      Object.assign(Object.create({ inherited: 'x' }), good),
      null,
      'F-1',
      [good],
    ]) {
      expectSameAsSchema(input);
    }
  });
});
