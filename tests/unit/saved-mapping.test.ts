import { describe, expect, it } from 'vitest';
import { mappingFromSaved } from '../../lib/imports/saved-mapping';

const headers = ['Montant TTC', 'N° facture', 'Raison sociale', 'Date facture', 'Échéance', 'Ma colonne'];

describe("a creditor's saved mapping", () => {
  it('follows the saved headers wherever they now stand', () => {
    const saved = {
      invoiceNumber: 'N° facture',
      amount: 'Montant TTC',
      companyName: 'Raison sociale',
      dueDate: 'Échéance',
    };
    const mapping = mappingFromSaved({ ...saved, debtorName: 'Ma colonne' }, headers);
    expect(mapping).toMatchObject({ invoiceNumber: 1, amount: 0, companyName: 2, dueDate: 4, debtorName: 5 });
  });

  it('still detects a field the saved mapping never filled, on a free column only', () => {
    const saved = {
      invoiceNumber: 'N° facture',
      amount: 'Montant TTC',
      companyName: 'Raison sociale',
      dueDate: 'Échéance',
    };
    expect(mappingFromSaved(saved, headers).issueDate).toBe(3);
    // The saved mapping put the invoice date's column to another use: detection does not take it back.
    expect(mappingFromSaved({ ...saved, debtorName: 'Date facture' }, headers).issueDate).toBeUndefined();
  });

  it('starts afresh when a saved header is missing from the file', () => {
    expect(mappingFromSaved({ invoiceNumber: 'Facture n°' }, headers)).toMatchObject({
      invoiceNumber: 1,
      issueDate: 3,
    });
  });
});
