import { describe, expect, it } from 'vitest';
import { describeError } from '../../lib/errors/describe';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { translate, describeIssues } from '../../lib/i18n/translate';
import { refuse } from '../../lib/imports/read/refuse';
import { rowIssues } from '../../lib/imports/row-issues';
import { intakeItemSchema } from '../../lib/imports/schemas';

const keys = (tree: Record<string, Record<string, string>>) =>
  Object.entries(tree).flatMap(([group, messages]) => Object.keys(messages).map((k) => `${group}.${k}`));

describe('intake reasons catalogue', () => {
  it('has every reason in both languages', () => {
    expect(keys(fr.reasons).sort()).toEqual(keys(en.reasons).sort());
  });

  it('renders every reason in both languages with values, leaving no placeholder behind', () => {
    const values = {
      char: '=',
      value: 'x',
      date: '2030-01-01',
      max: '64',
      fields: 'foo',
      message: 'm',
      row: '3',
      invoice: 'F-1',
      file: 'D0000001',
      what: 'pdf',
      line: '12',
      size: '50 MB',
      cell: 'A1',
      part: 'xl/workbook.xml',
      ratio: '900',
      detail: 'd',
    };
    for (const key of keys(en.reasons)) {
      for (const locale of ['fr', 'en'] as const) {
        const text = translate({ key, values }, locale);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        expect(text, `${locale} ${key}`).not.toBe(key);
      }
    }
  });

  it('a refused file carries its catalogue key, on the file field too: English for the API, French screens', () => {
    const error = refuse('knownBinary', { what: 'png' });
    expect(error.ref).toEqual({ key: 'reasons.file.knownBinary', values: { what: 'png' } });
    expect(error.fields).toEqual({ file: 'reasons.file.knownBinary' });
    expect(describeError(error, 'en').body.error).toMatchObject({
      code: 'INVALID',
      message: 'this is a PNG image, not a CSV or XLSX file',
      fields: { file: 'this is a PNG image, not a CSV or XLSX file' },
    });
    expect(describeError(error, 'fr').body.error.message).toBe("c'est une image PNG, pas un fichier CSV ou XLSX");
    expect(translate({ key: 'file.quoteNotClosed', values: { line: 'none' } }, 'fr')).toBe(
      'le fichier CSV contient une cellule entre guillemets jamais refermée (il manque un ")',
    );
  });

  it("a bad row's issues read in French under the creditor's headers, and in English as before", () => {
    const parsed = intakeItemSchema('2026-06-30').safeParse({
      invoiceNumber: 'F-1',
      dueDate: '31/12/2026',
      amount: 'douze',
      lastName: '=cmd',
      postcode: '69001',
    });
    expect(parsed.success).toBe(false);
    const labels: Record<string, string> = { amount: 'Montant TTC', dueDate: 'Échéance', lastName: 'Nom' };
    const issues = rowIssues(parsed.error!.issues, (f) => labels[f] ?? f);
    expect(describeIssues(issues, 'fr')).toBe(
      'Nom : commence par « = » : les formules de tableur ne sont pas acceptées; ' +
        "Montant TTC : « douze » n'est pas un montant (ex. : 1 234,56); " +
        'Échéance : « 31/12/2026 » est une date future : seules les factures échues et impayées sont confiées',
    );
    expect(describeIssues(issues, 'en')).toBe(
      'Nom: starts with "=": spreadsheet formulas are not accepted; ' +
        'Montant TTC: "douze" is not an amount (e.g. 1 234,56); ' +
        'Échéance: 2026-12-31 is in the future: only unpaid, due invoices are placed',
    );
  });

  it("zod's own checks (an API item with a number where text goes, an unknown field) have keys too", () => {
    const parsed = intakeItemSchema('2026-06-30').safeParse({ invoiceNumber: 12, dueDate: true, amount: '1', x: 1 });
    const issues = rowIssues(parsed.error!.issues, (f) => f);
    expect(issues.map((i) => i.key)).toEqual(expect.arrayContaining(['row.notText', 'row.unknownFields']));
    expect(describeIssues(issues, 'fr')).toContain('champs inconnus : x');
  });
});
