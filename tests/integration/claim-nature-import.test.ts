import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../lib/imports/pipeline/import-rows';
import { suggestMapping } from '../../lib/imports/columns';
import { ownerDb } from './support/db';
import { runImport, seedImportTarget, type ImportTarget } from './support/import-target';

// Issue 14: a claim's nature comes from the file's nature column, else the mandate's default, else the debtor's
// type; the mandate's penalty clause and private-creditor flag are copied onto each claim; the file's own nature
// is derived from its claims (the most protective wins).

const owner = ownerDb();
const TODAY = '2026-11-20';
let target: ImportTarget;
let tenantId: string;
let mandateId: string;

beforeAll(async () => {
  target = await seedImportTarget(owner, { slug: 'nat', name: 'Nature', seed: 31, files: 3 });
  ({ tenantId, mandateId } = target);
});
afterAll(() => owner.$disconnect());

const run = (rows: SourceRow[]) => runImport(owner, target, rows, { today: TODAY, fileName: 'nature.csv' });

const row = (n: number, values: Record<string, string>): SourceRow => ({
  rowNumber: n + 1,
  values: { invoiceNumber: `NAT-${n}`, dueDate: '15/03/2026', amount: '1 000,00', ...values },
});
const company = { companyName: 'Menuiserie Roux SARL', siren: '732 829 320' };
const person = { lastName: 'Perrin', firstName: 'Anne', postcode: '69003', city: 'Lyon', addressLine1: '1 rue Neuve' };

const claimOf = (invoiceNumber: string) =>
  owner.claim.findFirstOrThrow({ where: { tenantId, invoiceNumber }, include: { file: true } });

describe('claim nature at import', () => {
  it('finds the nature column by its French or English header', () => {
    expect(suggestMapping(['N° facture', 'Nature de la créance', 'Type client']).nature).toBe(1);
    expect(suggestMapping(['Invoice', 'Claim type', 'Amount']).nature).toBe(1);
  });

  it('takes the column first, then the debtor type; the file takes the most protective nature', async () => {
    const result = await run([
      // The same company: one claim the column says is a consumer claim (a sole trader buying privately).
      row(1, { ...company, nature: 'B2B' }),
      row(2, { ...company, nature: 'Consommateur' }),
      row(3, { ...person }),
      row(4, { ...person, invoiceNumber: 'NAT-4', nature: 'n/a' }),
    ]);
    expect(result.counts).toMatchObject({ claims: 3, rejected: 1 });
    expect((await claimOf('NAT-1')).nature).toBe('B2B');
    const consumer = await claimOf('NAT-2');
    expect(consumer.nature).toBe('CONSUMER');
    expect(consumer.file.nature).toBe('CONSUMER');
    // No column value: a person owes a consumer claim, as before the column existed.
    expect((await claimOf('NAT-3')).nature).toBe('CONSUMER');
    const refused = await owner.importRejection.findFirstOrThrow({ where: { tenantId, rowNumber: 5 } });
    expect(refused.reason).toContain('"n/a" is not a claim nature');
  });

  it("uses the mandate's default nature and copies its terms onto each claim", async () => {
    await owner.mandate.update({
      where: { tenantId_id: { tenantId, id: mandateId } },
      data: { defaultNature: 'CIVIL', contractRateBps: 0, creditorIsPrivateIndividual: true },
    });
    await run([
      row(10, { ...person, lastName: 'Garnier' }),
      row(11, { ...company, companyName: 'Autre SAS', siren: '552 100 554', nature: 'pro' }),
    ]);
    const civil = await claimOf('NAT-10');
    expect([civil.nature, civil.contractRateBps, civil.creditorIsPrivateIndividual]).toEqual(['CIVIL', 0, true]);
    expect(civil.file.nature).toBe('CIVIL');
    // The column still wins over the mandate's default.
    expect((await claimOf('NAT-11')).nature).toBe('B2B');
  });

  it('derives an open file’s nature again when a civil claim joins its B2B claims', async () => {
    await owner.mandate.update({
      where: { tenantId_id: { tenantId, id: mandateId } },
      data: { defaultNature: null, contractRateBps: null, creditorIsPrivateIndividual: false },
    });
    const other = { companyName: 'Boulangerie Faure SAS', siren: '443 061 841' };
    await run([row(20, other)]);
    expect((await claimOf('NAT-20')).file.nature).toBe('B2B');
    await run([row(21, { ...other, nature: 'civile' })]);
    const joined = await claimOf('NAT-21');
    expect(joined.nature).toBe('CIVIL');
    expect(joined.file.nature).toBe('CIVIL');
    expect(joined.fileId).toBe((await claimOf('NAT-20')).fileId);
  });
});

describe('limitation basis at import', () => {
  it('finds the column by its French or English header', () => {
    expect(suggestMapping(['N° facture', 'Prescription', 'Type client']).limitationBasis).toBe(1);
    expect(suggestMapping(['Invoice', 'Limitation basis', 'Amount']).limitationBasis).toBe(1);
  });

  it("dates each claim from the column's basis, else its nature's; an unknown basis refuses the row and says why", async () => {
    await owner.mandate.update({
      where: { tenantId_id: { tenantId, id: mandateId } },
      data: { defaultNature: null },
    });
    const result = await run([
      // Due 2026-03-15 each: consumer credit, 2 years (R312-35) → 2028-03-15; a court title, 10 years (L111-4
      // CPCE) → 2036-03-15; a residential lease, 3 years (loi 89-462 art. 7-1) → 2029-03-15; no column value: a
      // person's consumer claim, 2 years (L218-2) → 2028-03-15.
      row(30, { ...person, lastName: 'Credit', limitationBasis: 'Crédit à la consommation' }),
      row(31, { ...company, companyName: 'Titre SAS', siren: '552 100 554', limitationBasis: 'titre exécutoire' }),
      row(32, { ...person, lastName: 'Bail', limitationBasis: "bail d'habitation" }),
      row(33, { ...person, lastName: 'Sans' }),
      row(34, { ...person, lastName: 'Doute', limitationBasis: 'peut-être' }),
    ]);
    expect(result.counts).toMatchObject({ claims: 4, rejected: 1 });
    const dates = async (invoice: string) => {
      const c = await claimOf(invoice);
      return [c.limitationBasis, c.limitationOn?.toISOString().slice(0, 10)];
    };
    expect(await dates('NAT-30')).toEqual(['CONSUMER_CREDIT', '2028-03-15']);
    expect(await dates('NAT-31')).toEqual(['COURT_TITLE', '2036-03-15']);
    expect(await dates('NAT-32')).toEqual(['RESIDENTIAL_RENT', '2029-03-15']);
    expect(await dates('NAT-33')).toEqual(['CONSUMER', '2028-03-15']);
    // The file of the court title carries its claim's date (the latest of its claims').
    expect((await claimOf('NAT-31')).file.limitationOn?.toISOString().slice(0, 10)).toBe('2036-03-15');
    const refused = await owner.importRejection.findFirstOrThrow({ where: { tenantId, rowNumber: 35 } });
    expect(refused.reason).toContain('"peut-être" is not a limitation basis');
    expect(await owner.claim.count({ where: { tenantId, invoiceNumber: 'NAT-34' } })).toBe(0);
  });
});
