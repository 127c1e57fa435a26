import { describe, expect, it } from 'vitest';
import { ibanOf, isValidIban } from '../../lib/bank/iban';
import { buildPain001, centsToDecimal, sepaId, sepaText, type Pain001Run } from '../../lib/remittances/pain001';

const AGENCY_IBAN = 'FR7630006000011234567890189';
const run = (over: Partial<Pain001Run> = {}): Pain001Run => ({
  messageId: 'REM7-1a2b3c4d',
  createdAt: new Date('2026-12-07T17:30:12.345Z'),
  executionOn: '2026-12-08',
  debtor: { name: 'Recouvr’Est & Associés SAS', iban: AGENCY_IBAN, bic: 'BNPAFRPPXXX' },
  transfers: [
    {
      endToEndId: 'REM7-1',
      amountCents: 123_45n,
      name: 'Société Générale de Négoce <SGN>',
      iban: ibanOf('FR', '30004000010000000001200'),
      bic: null,
      remittanceInfo: 'Reversement 7 Recouvr’Est',
    },
    {
      endToEndId: 'REM7-2',
      amountCents: 1_000_000_00n,
      name: 'Boulangerie Lefèvre',
      iban: ibanOf('DE', '370400440532013000'),
      bic: 'COBADEFFXXX',
      remittanceInfo: 'Reversement 7',
    },
  ],
  ...over,
});

describe('the SEPA credit-transfer file', () => {
  it('writes amounts with two decimals, and names within the SEPA character set', () => {
    expect(centsToDecimal(123_45n)).toBe('123.45');
    expect(centsToDecimal(5n)).toBe('0.05');
    expect(centsToDecimal(1_000_000_00n)).toBe('1000000.00');
    expect(sepaText('Société Générale de Négoce <SGN> & fils', 70)).toBe('Societe Generale de Negoce SGN + fils');
    expect(sepaText('   ', 70)).toBe('NOTPROVIDED');
    expect(sepaText('x'.repeat(100), 70)).toHaveLength(70);
    expect(sepaId('REM 7/1_ok')).toBe('REM71ok');
    expect(() => sepaId('///')).toThrow();
  });

  it('holds one payment block with the run’s count and control sum, each transfer with its account', () => {
    const xml = buildPain001(run());
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">',
      ),
    ).toBe(true);
    expect(xml.match(/<PmtInf>/g)).toHaveLength(1);
    expect(xml.match(/<NbOfTxs>2<\/NbOfTxs>/g)).toHaveLength(2);
    expect(xml.match(/<CtrlSum>1000123.45<\/CtrlSum>/g)).toHaveLength(2);
    expect(xml).toContain('<CreDtTm>2026-12-07T17:30:12Z</CreDtTm>');
    expect(xml).toContain('<ReqdExctnDt><Dt>2026-12-08</Dt></ReqdExctnDt>');
    expect(xml).toContain(`<DbtrAcct><Id><IBAN>${AGENCY_IBAN}</IBAN></Id></DbtrAcct>`);
    expect(xml).toContain('<Dbtr><Nm>Recouvr Est + Associes SAS</Nm></Dbtr>');
    expect(xml).toContain('<Cdtr><Nm>Societe Generale de Negoce SGN</Nm></Cdtr>');
    // No BIC: the creditor agent is left out (IBAN-only SEPA); with one, it is given.
    expect(xml.split('<CdtTrfTxInf>')[1]).not.toContain('<CdtrAgt>');
    expect(xml.split('<CdtTrfTxInf>')[2]).toContain('<BICFI>COBADEFFXXX</BICFI>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">123.45</InstdAmt>');
  });

  it('refuses what no bank would take: a bad IBAN or BIC, a nil amount, an empty run', () => {
    const bad = ibanOf('FR', '30004000010000000001200').replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    expect(isValidIban(bad)).toBe(false);
    const [first, second] = run().transfers;
    expect(() => buildPain001(run({ transfers: [{ ...first!, iban: bad }] }))).toThrow(/IBAN/);
    expect(() => buildPain001(run({ transfers: [{ ...second!, bic: 'COBA-DE' }] }))).toThrow(/BIC/);
    expect(() => buildPain001(run({ transfers: [{ ...first!, amountCents: 0n }] }))).toThrow(/positive/);
    expect(() => buildPain001(run({ transfers: [] }))).toThrow(/at least one/);
    expect(() => buildPain001(run({ debtor: { name: 'A', iban: bad, bic: null } }))).toThrow(/agency/);
  });
});
