import { describe, expect, it } from 'vitest';
import { suggestMapping } from '@/lib/imports/columns';
import { splitDebtorName } from '@/lib/imports/debtor-name';
import { intakeItemSchema } from '@/lib/imports/schemas';

// Names as one column of an accounting export holds them (Sage's "Intitulé", EBP's "Nom / Raison sociale").
describe('splitDebtorName', () => {
  it.each([
    ['SARL Boulangerie Martin', 'SARL Boulangerie Martin'],
    ['Martin & Fils S.A.S.', 'Martin & Fils S.A.S.'],
    ['Ets DUPONT', 'Ets DUPONT'],
    ['Société Générale de Plomberie', 'Société Générale de Plomberie'],
    ['SCI  Les Tilleuls', 'SCI Les Tilleuls'],
    ['Association des Amis du Vieux Lyon', 'Association des Amis du Vieux Lyon'],
    ['ACME Ltd', 'ACME Ltd'],
    ['Garage du Centre (EURL)', 'Garage du Centre (EURL)'],
  ])('reads %j as a company', (cell, companyName) => {
    expect(splitDebtorName(cell)).toEqual({ kind: 'COMPANY', companyName });
  });

  it.each([
    ['M. Jean DUPONT', 'Jean', 'DUPONT'],
    ['DUPONT Jean', 'Jean', 'DUPONT'],
    ['Mme Marie-Claire LE GOFF', 'Marie-Claire', 'LE GOFF'],
    ['M. et Mme MARTIN Paul', 'Paul', 'MARTIN'],
    ['Madame Zoë ÉTIENNE-MÜLLER', 'Zoë', 'ÉTIENNE-MÜLLER'],
    ['Dupont, Jean', 'Jean', 'Dupont'],
    ['Mlle Durand', null, 'Durand'],
    ['Jean Dupont', null, 'Jean Dupont'],
    ['DUPONT', null, 'DUPONT'],
    ['Sarah Salmon', null, 'Sarah Salmon'],
  ])('reads %j as a person', (cell, firstName, lastName) => {
    expect(splitDebtorName(cell)).toEqual({ kind: 'PERSON', firstName, lastName });
  });

  it('follows what the row says about the kind over the name', () => {
    expect(splitDebtorName('Martin Frères', 'COMPANY')).toEqual({ kind: 'COMPANY', companyName: 'Martin Frères' });
    expect(splitDebtorName('Claude Martin', 'PERSON')).toEqual({
      kind: 'PERSON',
      firstName: null,
      lastName: 'Claude Martin',
    });
  });
});

describe('one name column in the mapping', () => {
  it('maps the headers exports use for it', () => {
    for (const header of ['Nom / Raison sociale', 'Client', 'Débiteur', 'Tiers', 'Name', 'Intitulé']) {
      expect(suggestMapping(['N° facture', header, 'Échéance', 'Montant TTC'])).toMatchObject({ debtorName: 1 });
    }
  });

  it('does not take an account number or a category for the name', () => {
    const mapping = suggestMapping(['Code client', 'Type client', 'Client', 'Facture', 'Échéance', 'Solde']);
    expect(mapping).toMatchObject({ debtorType: 1, debtorName: 2 });
  });

  it('reads a lone "Nom" as the one name column, and keeps Nom + Prénom as they are', () => {
    expect(suggestMapping(['Facture', 'Nom', 'Échéance', 'Montant'])).toMatchObject({ debtorName: 1 });
    expect(suggestMapping(['Facture', 'Nom', 'Échéance', 'Montant']).lastName).toBeUndefined();
    expect(suggestMapping(['Facture', 'Nom', 'Prénom', 'Échéance', 'Montant'])).toMatchObject({
      lastName: 1,
      firstName: 2,
    });
  });
});

describe('intake rows with one name column', () => {
  const schema = intakeItemSchema('2026-11-25');
  const claim = { invoiceNumber: 'F-1', dueDate: '31/10/2026', amount: '120,00', postcode: '69002' };

  it('imports a company row, by its legal form or by its SIREN', () => {
    const byForm = schema.parse({ ...claim, debtorName: 'SARL Martin' });
    expect(byForm.debtor).toMatchObject({ kind: 'COMPANY', companyName: 'SARL Martin', lastName: null });
    const bySiren = schema.parse({ ...claim, debtorName: 'Martin Frères', siren: '732 829 320' });
    expect(bySiren.debtor).toMatchObject({ kind: 'COMPANY', companyName: 'Martin Frères', siren: '732829320' });
  });

  it('imports a person row without the civility', () => {
    const item = schema.parse({ ...claim, debtorName: 'Mme Lucie MARTIN' });
    expect(item.debtor).toMatchObject({ kind: 'PERSON', firstName: 'Lucie', lastName: 'MARTIN' });
    expect(item.debtor.displayName).toBe('MARTIN Lucie');
  });

  it('names the name column when it is empty', () => {
    const result = schema.safeParse({ ...claim, debtorName: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['debtorName']);
  });

  it('places a row whose identifiers do not check out, leaving them out with a warning saying why', () => {
    const item = schema.parse({
      ...claim,
      debtorName: 'Martin Frères',
      siren: '732 829 321',
      email: 'contact@@martin.fr',
      phone: '12',
    });
    // A mistyped SIREN still says a company; it is not kept, so nothing matches or watches on it.
    expect(item.debtor).toMatchObject({ kind: 'COMPANY', siren: null, email: null, phone: null });
    expect(item.debtor.matchKey).not.toContain('732829321');
    expect(item.warnings).toEqual([
      { field: 'siren', key: 'row.sirenCheck', values: { value: '732 829 321' } },
      { field: 'email', key: 'row.email', values: { value: 'contact@@martin.fr' } },
      { field: 'phone', key: 'row.phone', values: { value: '12' } },
    ]);
    expect(schema.parse({ ...claim, debtorName: 'SARL Martin', siren: '73282932' }).warnings).toEqual([
      { field: 'siren', key: 'row.siren', values: { value: '73282932' } },
    ]);
  });
});
