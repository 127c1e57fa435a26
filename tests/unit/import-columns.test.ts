import { describe, expect, it } from 'vitest';
import { describeError } from '../../lib/errors/describe';
import { mappingError } from '../../lib/imports/mapping-errors';
import { applyMapping, normaliseHeader, suggestMapping, validateMapping } from '../../lib/imports/columns';

describe('normaliseHeader', () => {
  it('lowers case, strips accents and punctuation', () => {
    expect(normaliseHeader("  Date d'Échéance ")).toBe('date d echeance');
    expect(normaliseHeader('N° facture')).toBe('n facture');
    expect(normaliseHeader('E-mail')).toBe('e mail');
    expect(normaliseHeader('Montant (€)')).toBe('montant');
  });
});

describe('suggestMapping', () => {
  it('maps a French export', () => {
    const headers = [
      'N° facture',
      'Raison sociale',
      'Nom',
      'Prénom',
      'SIREN',
      'SIRET',
      'E-mail',
      'Téléphone',
      'Adresse',
      'Complément',
      'Code postal',
      'Ville',
      'Pays',
      'Date facture',
      "Date d'échéance",
      'Montant TTC',
      'Devise',
      'Type client',
    ];
    expect(suggestMapping(headers)).toEqual({
      invoiceNumber: 0,
      companyName: 1,
      lastName: 2,
      firstName: 3,
      siren: 4,
      siret: 5,
      email: 6,
      phone: 7,
      addressLine1: 8,
      addressLine2: 9,
      postcode: 10,
      city: 11,
      country: 12,
      issueDate: 13,
      dueDate: 14,
      amount: 15,
      currency: 16,
      debtorType: 17,
    });
  });

  it('maps an English export', () => {
    const headers = [
      'Invoice number',
      'Company',
      'Last name',
      'First name',
      'Email',
      'Phone',
      'Address',
      'Zip',
      'City',
    ];
    const more = ['Country', 'Invoice date', 'Due date', 'Amount due', 'Currency'];
    expect(suggestMapping([...headers, ...more])).toEqual({
      invoiceNumber: 0,
      companyName: 1,
      lastName: 2,
      firstName: 3,
      email: 4,
      phone: 5,
      addressLine1: 6,
      postcode: 7,
      city: 8,
      country: 9,
      issueDate: 10,
      dueDate: 11,
      amount: 12,
      currency: 13,
    });
  });

  it('maps the usual short and spelled-out variants', () => {
    expect(suggestMapping(['Facture', 'Échéance', 'Solde', 'CP', 'Tél.', 'Courriel', 'Commune'])).toEqual({
      invoiceNumber: 0,
      dueDate: 1,
      amount: 2,
      postcode: 3,
      phone: 4,
      email: 5,
      city: 6,
    });
    expect(suggestMapping(['Numéro de facture', 'Reste à payer', 'Date limite de paiement'])).toEqual({
      invoiceNumber: 0,
      amount: 1,
      dueDate: 2,
    });
  });

  it('prefers an exact name, then a name that starts with a synonym, and uses each header once', () => {
    // "Montant facture" is an amount, not the invoice number; "Date facture" is the invoice date.
    expect(suggestMapping(['Montant facture', 'Date facture', 'Référence facture'])).toEqual({
      amount: 0,
      issueDate: 1,
      invoiceNumber: 2,
    });
    // Two amount-like columns: the exact synonym wins, the other stays free for the creditor to map.
    expect(suggestMapping(['Montant restant', 'Montant TTC'])).toEqual({ amount: 1 });
    expect(suggestMapping(['Adresse e-mail', 'Adresse'])).toEqual({ email: 0, addressLine1: 1 });
  });

  it('never takes a pre-tax amount for what the debtor owes', () => {
    expect(suggestMapping(['Montant HT', 'Montant TVA'])).toEqual({});
    expect(suggestMapping(['Montant HT', 'Montant TTC'])).toEqual({ amount: 1 });
  });

  it('maps nothing it does not recognise', () => {
    expect(suggestMapping(['Code', 'Libellé', 'Valeur', 'Observation', '', 'Date'])).toEqual({});
  });
});

describe('validateMapping', () => {
  const headers = ['Facture', 'Échéance', 'Montant', 'Nom'];
  const noColumn = (field: string) => ({
    key: 'errors.imports.noColumn',
    values: { field: { key: `imports.fields.${field}` } },
  });

  it('accepts a complete mapping', () => {
    expect(validateMapping({ invoiceNumber: 0, dueDate: 1, amount: 2, lastName: 3 }, headers)).toEqual([]);
  });

  it('names each required field without a column', () => {
    expect(validateMapping({ lastName: 3 }, headers)).toEqual([
      { field: 'invoiceNumber', ref: noColumn('invoiceNumber') },
      { field: 'dueDate', ref: noColumn('dueDate') },
      { field: 'amount', ref: noColumn('amount') },
    ]);
  });

  it('refuses a column that does not exist', () => {
    expect(validateMapping({ invoiceNumber: 0, dueDate: 1, amount: 4 }, headers)).toEqual([
      {
        field: 'amount',
        ref: { key: 'errors.imports.columnMissing', values: { field: { key: 'imports.fields.amount' }, count: 4 } },
      },
    ]);
    expect(validateMapping({ invoiceNumber: 0, dueDate: 1, amount: 1.5 }, headers)).toHaveLength(1);
    expect(validateMapping({ invoiceNumber: -1, dueDate: 1, amount: 2 }, headers)).toHaveLength(1);
  });

  it('reads in the reader’s language, the field named as the mapping screen names it', () => {
    const [problem] = validateMapping({ invoiceNumber: 0, dueDate: 1, amount: 2, lastName: 0 }, headers);
    const error = mappingError([problem!]);
    expect(describeError(error, 'fr').body.error.fields).toEqual({
      'mapping.invoiceNumber': 'La colonne « Facture » sert à la fois pour « Nom » et pour « N° de facture ».',
    });
    expect(describeError(error, 'en').body.error.fields).toEqual({
      'mapping.invoiceNumber': 'Column “Facture” is used for both “Last name” and “Invoice number”.',
    });
  });

  it('refuses one column used for two fields', () => {
    expect(validateMapping({ invoiceNumber: 0, dueDate: 1, amount: 2, lastName: 0 }, headers)).toEqual([
      {
        field: 'invoiceNumber',
        ref: {
          key: 'errors.imports.columnShared',
          values: {
            column: 'Facture',
            other: { key: 'imports.fields.lastName' },
            field: { key: 'imports.fields.invoiceNumber' },
          },
        },
      },
    ]);
  });
});

describe('applyMapping', () => {
  it('picks the mapped cells as they are, and only those', () => {
    const cells = ['F-1', ' 31/12/2025 ', '1 234,56', 'Martin'];
    expect(applyMapping(cells, { invoiceNumber: 0, dueDate: 1, amount: 2 })).toEqual({
      invoiceNumber: 'F-1',
      dueDate: ' 31/12/2025 ',
      amount: '1 234,56',
    });
  });

  it('gives an empty value for a short row', () => {
    expect(applyMapping(['F-1'], { invoiceNumber: 0, amount: 3 })).toEqual({ invoiceNumber: 'F-1', amount: '' });
  });
});
