import { describe, expect, it } from 'vitest';
import { costsNotes } from '../../lib/letters/legal-texts';

// Issue 14: letters said "Aucuns frais de recouvrement ne vous sont réclamés" beside the €40 "indemnité
// forfaitaire pour frais de recouvrement". Between professionals the indemnity is the one recovery cost the law
// puts on the debtor (C. com. L441-10, D441-5); L111-8 CPCE keeps every other cost with the creditor.

const NONE_FR = /aucuns frais de recouvrement ne vous sont réclamés/i;
const NONE_EN = /no collection fees are charged/i;

describe('recovery costs wording', () => {
  it('never says "no recovery costs" next to the €40 indemnity (French and English)', () => {
    const fr = costsNotes('fr', true, '40,00 €').join(' ');
    expect(fr).toContain('Indemnité forfaitaire pour frais de recouvrement de 40,00 €');
    expect(fr).toContain('la seule somme que la loi met à la charge d');
    expect(fr).toContain('aucuns autres frais ne vous sont réclamés');
    expect(fr).not.toMatch(NONE_FR);
    expect(fr).toContain('L111-8');

    const en = costsNotes('en', true, '€40.00').join(' ');
    expect(en).toContain('Fixed recovery indemnity of €40.00');
    expect(en).toContain('the only recovery cost the law puts on a business debtor');
    expect(en).not.toMatch(NONE_EN);
    expect(en).toContain('L111-8');
  });

  it('keeps the plain L111-8 statement for consumer and civil debtors, with no indemnity', () => {
    const fr = costsNotes('fr', false, '40,00 €').join(' ');
    expect(fr).toMatch(NONE_FR);
    expect(fr).not.toContain('Indemnité');
    const en = costsNotes('en', false, '€40.00').join(' ');
    expect(en).toMatch(NONE_EN);
    expect(en).not.toContain('indemnity');
  });
});
