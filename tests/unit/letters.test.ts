import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { amountInWords } from '../../lib/letters/amount-in-words';
import { manifestCsv, renderBatch, type BatchItem, type ManifestRow } from '../../lib/letters/batch';
import { LetterDataError } from '../../lib/letters/checks';
import { isValidIban } from '../../lib/bank/iban';
import { epcPayload, qrModules, qrSymbol } from '../../lib/letters/epc-qr';
import { renderFormalNotice } from '../../lib/letters/formal-notice';
import { formatDateLong, formatMoney, winAnsi } from '../../lib/letters/format';
import { documentOptions } from '../../lib/letters/layout';
import { L111_8_EN } from '../../lib/letters/legal-texts';
import { sharesFace } from '../../lib/letters/letter-document';
import { transferFor } from '../../lib/letters/letter-parts';
import { renderPlanLetter } from '../../lib/letters/plan-letter';
import { renderPreJudicialWarning } from '../../lib/letters/pre-judicial-warning';
import { renderReceipt } from '../../lib/letters/receipt';
import { drawReminder, renderReminder } from '../../lib/letters/reminder-letter';
import {
  AGENCY,
  businessLetter,
  consumerLetter,
  formalNotice,
  planLetter,
  preJudicialWarning,
  receipt,
} from '../fixtures/letters/sample-data';

// Text is read back with poppler's pdftotext (and pages counted with pdfinfo), as a reader of the PDF would.
const work = mkdtempSync(join(tmpdir(), 'letters-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let counter = 0;

function save(pdf: Buffer): string {
  const file = join(work, `doc-${(counter += 1)}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The PDF's text with every run of white space (no-break spaces included) collapsed to one space. */
function pdfText(pdf: Buffer, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const raw = execFileSync('pdftotext', ['-raw', ...range, save(pdf), '-']).toString('utf8');
  return normalise(raw);
}

function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

function pageCount(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', [save(pdf)]).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

function expectAll(text: string, mentions: string[]): void {
  const missing = mentions.filter((m) => !text.includes(normalise(m)));
  expect(missing).toEqual([]);
}

/** CPCE L111-8, paragraphs 2 and 3, as published (written out here, not taken from the code under test). */
const L111_8 = [
  "« Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils concernent un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire. »",
  "« Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi. »",
];

/** CPCE R124-4 1°, 2° and 5°: the agency and that it collects amicably, the creditor, the L111-8 text. */
const FR_IDENTITY = [
  'Recouvra Lyon',
  'Recouvra Lyon SAS',
  'Société de recouvrement amiable',
  'exerce une activité de recouvrement amiable de créances',
  '12 rue de la République',
  '69002 LYON',
  'SIREN 912 345 678',
  'Électricité du Rhône SA, 45 quai Perrache, 69002 LYON',
  "Article L111-8 du Code des procédures civiles d'exécution (alinéas 2 et 3)",
  ...L111_8,
];

/** R124-4 3°: the breakdown of the business file (hand-computed in the fixture). */
const FR_BREAKDOWN = [
  'F-2026-0412',
  'F-2026-0533',
  "Contrat de fourniture d'électricité n° 55-1187",
  '1 194,50 €',
  '12,34 €',
  '1 246,84 €',
  '650,00 €',
  '4,12 €',
  '694,12 €',
  'Total des créances 1 844,50 € 16,46 € 80,00 € 1 940,96 €',
  'Règlements déjà reçus - 200,00 €',
  'Reste dû 1 740,96 €',
  'Indemnité forfaitaire pour frais de recouvrement de 40,00 € par facture',
  // Issue 14: the indemnity is named as the only recovery cost the law puts on a professional debtor.
  "c'est la seule somme que la loi met à la charge d'un débiteur professionnel au titre des frais de recouvrement ; aucuns autres frais ne vous sont réclamés",
];

/** R124-4 4°: how to pay. */
const FR_PAYMENT = [
  'Comment payer',
  'compte réservé aux fonds des créanciers',
  'Recouvra Lyon SAS - Fonds clients',
  'IBAN FR76 3000 6000 0112 3456 7890 189',
  'BIC AGRIFRPP',
  'Référence à indiquer R-2026-000123',
];

describe('formatting', () => {
  it('prints money the French and the British way, with spaces the standard font has', () => {
    expect(formatMoney(123_456, 'EUR', 'fr')).toBe('1\u00a0234,56\u00a0€');
    expect(formatMoney(123_456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(5, 'EUR', 'fr')).toBe('0,05\u00a0€');
  });

  it('writes dates in the letter language, "1er" for the French first of the month', () => {
    expect(formatDateLong('2026-12-01', 'fr')).toBe('1er décembre 2026');
    expect(formatDateLong('2026-11-16', 'fr')).toBe('16 novembre 2026');
    expect(formatDateLong('2026-12-01', 'en')).toBe('1 December 2026');
    expect(() => formatDateLong('16/11/2026', 'fr')).toThrow();
  });

  it('keeps WinAnsi text and degrades other characters instead of printing blanks', () => {
    expect(winAnsi('Œuvre « é » – 5 €')).toBe('Œuvre « é » – 5 €');
    expect(winAnsi('1\u202f234')).toBe('1\u00a0234');
    expect(winAnsi('Łukasz Ștefan')).toBe('Lukasz Stefan');
    expect(winAnsi('王')).toBe('?');
  });
});

describe('amountInWords', () => {
  it.each([
    [1, 'un centime'],
    [123_456, 'mille deux cent trente-quatre euros et cinquante-six centimes'],
    [8_000_000, 'quatre-vingt mille euros'],
    [100_000_000, "un million d'euros"],
    [100, 'un euro'],
    [2_100, 'vingt et un euros'],
    [7_100, 'soixante et onze euros'],
    [8_000, 'quatre-vingts euros'],
    [8_100, 'quatre-vingt-un euros'],
    [9_900, 'quatre-vingt-dix-neuf euros'],
    [20_000, 'deux cents euros'],
    [20_100, 'deux cent un euros'],
    [100_100, 'mille un euros'],
    [20_000_000, 'deux cent mille euros'],
    [200_000_000, "deux millions d'euros"],
    [8_000_000_000, "quatre-vingts millions d'euros"],
    [100_050_000, 'un million cinq cents euros'],
    [1_701, 'dix-sept euros et un centime'],
  ])('%i cents in French: %s', (cents, words) => {
    expect(amountInWords(cents, 'fr')).toBe(words);
  });

  it.each([
    [1, 'one cent'],
    [123_456, 'one thousand two hundred and thirty-four euros and fifty-six cents'],
    [8_000_000, 'eighty thousand euros'],
    [100_000_000, 'one million euros'],
    [100, 'one euro'],
    [100_500, 'one thousand and five euros'],
    [4_215, 'forty-two euros and fifteen cents'],
  ])('%i cents in English: %s', (cents, words) => {
    expect(amountInWords(cents, 'en')).toBe(words);
  });

  it('refuses what it cannot write', () => {
    expect(() => amountInWords(-1, 'fr')).toThrow();
    expect(() => amountInWords(1.5, 'fr')).toThrow();
    expect(() => amountInWords(100, 'fr', 'USD')).toThrow();
  });
});

describe('EPC069-12 QR payload', () => {
  it('builds the exact version-002 payload', () => {
    expect(
      epcPayload({
        beneficiaryName: 'Recouvra Lyon SAS',
        iban: 'FR76 3000 6000 0112 3456 7890 189',
        bic: 'agrifrpp',
        amountCents: 174_096,
        remittance: 'R-2026-000123',
      }),
    ).toBe('BCD\n002\n1\nSCT\nAGRIFRPP\nRecouvra Lyon SAS\nFR7630006000011234567890189\nEUR1740.96\n\n\nR-2026-000123');
  });

  it('leaves the BIC line empty, pads cents and flattens line breaks', () => {
    expect(
      epcPayload({
        beneficiaryName: 'Recouvra\nLyon',
        iban: 'DE89370400440532013000',
        amountCents: 1,
        remittance: 'R-1',
      }),
    ).toBe('BCD\n002\n1\nSCT\n\nRecouvra Lyon\nDE89370400440532013000\nEUR0.01\n\n\nR-1');
  });

  it('carries a structured RF reference instead of the text, never both', () => {
    const base = { beneficiaryName: 'A', iban: 'DE89370400440532013000', amountCents: 100 };
    expect(epcPayload({ ...base, creditorReference: 'rf18 5390 0754 7034', remittance: 'ignored' })).toBe(
      'BCD\n002\n1\nSCT\n\nA\nDE89370400440532013000\nEUR1.00\n\nRF18539007547034',
    );
    expect(() => epcPayload({ ...base, creditorReference: 'RF19539007547034' })).toThrow(/creditor reference/);
  });

  it('cuts the name at 70 characters and refuses bad IBANs and amounts', () => {
    const name = 'N'.repeat(80);
    const base = { beneficiaryName: name, iban: AGENCY.iban, amountCents: 100, remittance: 'R' };
    expect(epcPayload(base).split('\n')[5]).toBe('N'.repeat(70));
    expect(() => epcPayload({ ...base, iban: 'FR7630006000011234567890188' })).toThrow(/IBAN/);
    expect(() => epcPayload({ ...base, amountCents: 0 })).toThrow();
    expect(() => epcPayload({ ...base, amountCents: 100_000_000_000 })).toThrow();
    expect(() => epcPayload({ ...base, bic: 'NOPE' })).toThrow(/BIC/);
  });

  it('checks IBANs with the ISO 13616 remainder', () => {
    expect(isValidIban('FR7630006000011234567890189')).toBe(true);
    expect(isValidIban('fr76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isValidIban('FR7630006000011234567890198')).toBe(false);
    expect(isValidIban('FR76')).toBe(false);
  });

  it('is what a letter pre-fills: creditors-funds account, amount due, the file reference as an RF reference', () => {
    const payload = epcPayload(transferFor(businessLetter(), 174_096));
    // R-2026-000123 → body R2026000123; R2026000123RF00 → 27 2026000123 27 15 00, mod 97 = 77, 98 − 77 = 21.
    expect(payload).toBe(
      'BCD\n002\n1\nSCT\nAGRIFRPP\nRecouvra Lyon SAS - Fonds clients\nFR7630006000011234567890189\nEUR1740.96\n\nRF21R2026000123',
    );
    // Level M, byte mode: 112 bytes exceed version 6 (106) and fit version 7 (122): 17 + 4 × 7 = 45 modules a side.
    expect(Buffer.byteLength(payload)).toBe(112);
    expect(qrModules(payload)).toHaveLength(45);
  });
});

describe('refused letter data', () => {
  it('never charges the €40 indemnity to a consumer', async () => {
    const data = consumerLetter({
      claims: [{ ...consumerLetter().claims[0]!, indemnityCents: 4_000 }],
      totals: { principalCents: 8_990, interestCents: 125, indemnityCents: 4_000, paidCents: 0, dueCents: 13_115 },
    });
    await expect(renderReminder(data)).rejects.toThrow(/business debtors only/);
  });

  it('refuses totals that do not add up and an invalid IBAN', async () => {
    const wrongDue = businessLetter({ totals: { ...businessLetter().totals, dueCents: 174_095 } });
    await expect(renderReminder(wrongDue)).rejects.toBeInstanceOf(LetterDataError);
    const wrongIban = businessLetter({ agency: { ...AGENCY, iban: 'FR7630006000011234567890188' } });
    await expect(renderReminder(wrongIban)).rejects.toThrow(/IBAN/);
  });

  it('refuses a plan whose instalments miss the total and a receipt whose allocations miss the payment', async () => {
    const plan = planLetter();
    await expect(renderPlanLetter({ ...plan, plan: { ...plan.plan, downPaymentCents: 24_000 } })).rejects.toThrow(
      /add up/,
    );
    const short = { ...plan.plan, totalCents: 170_000, downPaymentCents: 20_000 };
    await expect(renderPlanLetter({ ...plan, plan: short })).rejects.toThrow(/does not cover/);
    const r = receipt();
    await expect(renderReceipt({ ...r, allocations: r.allocations.slice(1) })).rejects.toThrow(/add up/);
  });
});

describe('rates printed on a letter', () => {
  // 2026 H1 at 12.15 % then 2026 H2 at 12.40 %: both with their days, not only the last.
  const rates = [
    { from: '2026-06-01', to: '2026-06-30', annualRatePercent: 12.15 },
    { from: '2026-07-01', to: '2026-11-16', annualRatePercent: 12.4 },
  ];

  it('lists each rate with its period when more than one applied', async () => {
    const data = businessLetter();
    const text = pdfText(await renderReminder({ ...data, interest: { ...data.interest!, rates } }));
    expectAll(text, [
      "Pénalités de retard (article L441-10 du Code de commerce), calculées jusqu'au 16 novembre 2026.",
      "Taux appliqués : 12,15 % l'an du 1er juin 2026 au 30 juin 2026 ; 12,4 % l'an du 1er juillet 2026 au 16 novembre 2026.",
    ]);
    expect(text).not.toContain('au taux annuel de');
  });

  it('keeps the single rate in the sentence when only one applied', async () => {
    const data = consumerLetter();
    const one = [{ from: '2026-09-01', to: '2026-11-16', annualRatePercent: 6.65 }];
    const text = pdfText(await renderReminder({ ...data, interest: { ...data.interest!, rates: one } }));
    expectAll(text, ['Interest at the French statutory rate (6.65 % a year), calculated up to 16 November 2026.']);
    expect(text).not.toContain('Rates applied');
  });
});

describe('reminder letter', () => {
  it('carries every R124-4 mention in French and fits on one page', async () => {
    const pdf = await renderReminder(businessLetter());
    const text = pdfText(pdf);
    expectAll(text, [
      ...FR_IDENTITY,
      ...FR_BREAKDOWN,
      ...FR_PAYMENT,
      'Boulangerie Martin SARL',
      'Service comptabilité',
      '8 place des Terreaux',
      '69001 LYON',
      'Lyon, le 16 novembre 2026',
      'Dossier n° : R-2026-000123',
      'Notre référence : L-2026-000145',
      'Objet : Demande de paiement',
      'Nous vous demandons de bien vouloir régler la somme de 1 740,96 € au plus tard le 30 novembre 2026',
      'Pénalités de retard',
      'Montant 1 740,96 €',
      'contactez-nous au 04 78 00 00 00',
      'Page 1/1',
    ]);
    // A first letter has nothing earlier to quote.
    expect(text).not.toContain('Premier courrier');
    expect(pageCount(pdf)).toBe(1);
  });

  it('in English: translation and French original of L111-8, no indemnity for a consumer, first letter quoted', async () => {
    const pdf = await renderReminder(consumerLetter());
    const text = pdfText(pdf);
    expectAll(text, [
      'Amicable debt collection agency',
      'Recouvra Lyon is an agency collecting debts on an amicable basis',
      'Électricité du Rhône SA, 45 quai Perrache, 69002 LYON',
      'Mr John Smith',
      'Flat 3',
      '14 avenue Jean Jaurès',
      '69007 LYON',
      'Lyon, 16 November 2026',
      'First letter: L-2026-000098 of 02/10/2026',
      'We first wrote to you on 2 October 2026 (reference L-2026-000098)',
      'Subject: Reminder — request for payment',
      'F-2026-0777 01/07/2026 31/07/2026 €89.90 €1.25 €91.15',
      'Amount due €91.15',
      'Interest at the French statutory rate (6.65 % a year)',
      'No collection fees are charged to you',
      'Please pay the sum of €91.15 on receipt of this letter',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
      'Reference to quote R-2026-000124',
      ...L111_8_EN,
      'French original (the only authoritative text):',
      ...L111_8,
    ]);
    expect(text).not.toContain('Indemnity');
    expect(text).not.toContain('€40');
  });
});

describe('formal notice and registered letters', () => {
  it('is a mise en demeure sent by LRAR with a blank slot for the tracking number', async () => {
    const text = pdfText(await renderFormalNotice(formalNotice()));
    expectAll(text, [
      ...FR_IDENTITY,
      ...FR_BREAKDOWN,
      ...FR_PAYMENT,
      'LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION',
      'N° de recommandé :',
      'Objet : Mise en demeure de payer — dossier R-2026-000123',
      'Premier courrier : L-2026-000145 du 16/11/2026',
      'Nous vous avons adressé un premier courrier le 16 novembre 2026 (référence L-2026-000145)',
      'nous vous mettons en demeure de régler la somme de 1 740,96 € au plus tard le 16 décembre 2026',
      "notre mandant pourra saisir la juridiction compétente afin d'obtenir un titre exécutoire",
      "Les pénalités de retard continuent de courir jusqu'au complet paiement",
    ]);
  });

  it('prints a known tracking number; a consumer is told legal interest starts to run (Code civil 1231-6)', async () => {
    const consumer = consumerLetter();
    const data = formalNotice({
      ...consumer,
      locale: 'en',
      date: '2026-12-01',
      deadline: '2026-12-16',
      registeredMail: { trackingNumber: '1A 123 456 7890 1' },
    });
    const text = pdfText(await renderFormalNotice(data));
    expectAll(text, [
      'REGISTERED LETTER WITH ACKNOWLEDGEMENT OF RECEIPT',
      'Registered mail no.: 1A 123 456 7890 1',
      'Subject: Formal notice to pay',
      'We hereby give you formal notice to pay the sum of €91.15 by 16 December 2026.',
      'Under article 1231-6 of the French Civil Code',
    ]);
    expect(text).not.toContain('Late-payment penalties continue');
  });

  it('as a registered reminder gives a deadline without the formal-notice wording; as a simple letter has no LRAR line', async () => {
    const registered = pdfText(await renderFormalNotice(formalNotice({ variant: 'registered-reminder' })));
    expectAll(registered, [
      'LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION',
      'Relance par lettre recommandée',
      'Nous vous demandons de régler la somme de 1 740,96 € au plus tard le 16 décembre 2026',
    ]);
    expect(registered).not.toContain('mise en demeure');
    const simple = pdfText(await renderFormalNotice(formalNotice({ registeredMail: null })));
    expect(simple).toContain('Mise en demeure de payer');
    expect(simple).not.toContain('RECOMMANDÉE');
  });
});

describe('pre-judicial warning', () => {
  it('warns soberly, names the intended procedure and the deadline, quotes earlier letters', async () => {
    const text = pdfText(await renderPreJudicialWarning(preJudicialWarning()));
    expectAll(text, [
      ...FR_IDENTITY,
      ...FR_BREAKDOWN,
      ...FR_PAYMENT,
      'N° de recommandé : 1A 123 456 7890 1',
      'Information préalable à une action en justice',
      'Mise en demeure : MED-2026-000031 du 01/12/2026',
      'Une mise en demeure vous a été adressée le 1er décembre 2026 (référence MED-2026-000031)',
      "à défaut de paiement de la somme de 1 740,96 €, ou d'accord avec nous, avant le 5 janvier 2027",
      "une procédure d'injonction de payer",
      'rechercher avec vous une solution amiable',
    ]);
  });

  it('in English, for the small-claims procedure', async () => {
    const text = pdfText(
      await renderPreJudicialWarning(preJudicialWarning({ locale: 'en', procedure: 'small-claims' })),
    );
    expectAll(text, [
      'Notice before legal action',
      'by 5 January 2027',
      'the simplified procedure for the recovery of small claims, conducted by a commissaire de justice',
      'Amount due €1,740.96',
    ]);
  });
});

describe('receipt', () => {
  it('states the amount in figures and words, the method, the allocation and the balance', async () => {
    const text = pdfText(await renderReceipt(receipt()));
    expectAll(text, [
      'Recouvra Lyon SAS, société de recouvrement amiable agissant pour le compte de Électricité du Rhône SA',
      'reconnaît avoir reçu de Boulangerie Martin SARL la somme de',
      'Quittance n° Q00000042',
      '1 234,56 €',
      '(mille deux cent trente-quatre euros et cinquante-six centimes)',
      'Date de réception 23 novembre 2026',
      'Mode de paiement Virement',
      'Référence du paiement VIR SEPA 0098812',
      'Dossier R-2026-000123',
      'F-2026-0412 Intérêts 12,34 €',
      'F-2026-0412 Indemnité forfaitaire de recouvrement 40,00 €',
      'F-2026-0412 Principal 1 182,22 €',
      'Reste dû après ce paiement 506,40 €',
      'article 1343-1 du Code civil',
      "l'article R124-6",
    ]);
  });

  it('in English, for a cheque from someone else', async () => {
    const data = receipt({
      locale: 'en',
      payerName: 'Mme Hélène Martin',
      payment: { receivedOn: '2026-11-23', amountCents: 123_456, method: 'CHEQUE', reference: 'Chèque n° 0012345' },
    });
    const text = pdfText(await renderReceipt(data));
    expectAll(text, [
      'Receipt no. Q00000042',
      'acknowledges receipt from Mme Hélène Martin of the sum of',
      '€1,234.56',
      '(one thousand two hundred and thirty-four euros and fifty-six cents)',
      'Payment method Cheque',
      'Paid by Mme Hélène Martin',
      'Balance due after this payment €506.40',
    ]);
  });

  it('is issued without a balance while the rate it needs is not entered, never with an estimate', async () => {
    const text = pdfText(await renderReceipt(receipt({ balanceAfterCents: null })));
    expectAll(text, ['Quittance n° Q00000042', 'Reste dû après ce paiement communiqué dès la publication du taux']);
    expect(text).not.toContain('506,40');
  });

  it('has a reversal variant cancelling the earlier receipt', async () => {
    const data = receipt({
      receiptNumber: 'Q00000051',
      date: '2026-11-28',
      reversal: { receiptNumber: 'Q00000042', date: '2026-11-24', reason: 'virement rejeté par la banque' },
      balanceAfterCents: 174_096,
    });
    const text = pdfText(await renderReceipt(data));
    expectAll(text, [
      'Annulation de la quittance n° Q00000042',
      'Pièce n° : Q00000051',
      'La quittance n° Q00000042 du 24 novembre 2026',
      'est annulée (virement rejeté par la banque)',
      'Montant annulé : 1 234,56 €',
      'F-2026-0412 Intérêts - 12,34 €',
      'Total - 1 234,56 €',
      'Reste dû après annulation 1 740,96 €',
    ]);
    expect(text).not.toContain('reconnaît avoir reçu');
  });
});

describe('payment plan letter', () => {
  it('lists the schedule, the down payment, the grace period and a signature block', async () => {
    const text = pdfText(await renderPlanLetter(planLetter()));
    expectAll(text, [
      ...FR_IDENTITY,
      ...FR_BREAKDOWN,
      'Accord de paiement échelonné',
      'Suite à notre échange du 19 novembre 2026',
      "d'un montant total de 1 740,96 €",
      'Un acompte de 240,96 €, puis 3 échéances mensuelles',
      'Acompte 27/11/2026 240,96 €',
      '1 15/12/2026 500,00 €',
      '2 15/01/2027 500,00 €',
      '3 15/02/2027 500,00 €',
      'Total 1 740,96 €',
      'Premier versement 240,96 €',
      "Si une échéance n'est pas réglée dans les 10 jours suivant sa date, l'accord sera rompu",
      'Pour Recouvra Lyon',
      'Le débiteur',
      'Bon pour accord',
    ]);
  });

  it('in English, fortnightly without a down payment', async () => {
    const base = planLetter();
    const data = planLetter({
      locale: 'en',
      plan: {
        ...base.plan,
        frequency: 'BIWEEKLY',
        downPaymentCents: 0,
        downPaymentDueOn: null,
        instalments: [
          { seq: 1, dueOn: '2026-12-01', amountCents: 87_048 },
          { seq: 2, dueOn: '2026-12-15', amountCents: 87_048 },
        ],
      },
    });
    const text = pdfText(await renderPlanLetter(data));
    expectAll(text, [
      'Payment plan agreement',
      '2 fortnightly instalments',
      '1 01/12/2026 €870.48',
      '2 15/12/2026 €870.48',
      'First payment €870.48',
      'within 10 days of its due date',
      'Agreed',
    ]);
    expect(text).not.toContain('Down payment');
  });
});

describe('a plan whose instalments include the interest (INCLUDED)', () => {
  // Due 1 740,96 € the day it was agreed; 19,04 € of interest to the instalments' dates: 260,00 + 3 × 500,00 =
  // 1 760,00 € = 1 740,96 + 19,04 (the check the letter makes before printing).
  const base = planLetter();
  const included = (locale: 'fr' | 'en') =>
    planLetter({
      locale,
      plan: {
        ...base.plan,
        totalCents: 176_000,
        downPaymentCents: 26_000,
        interest: { mode: 'INCLUDED', includedCents: 1_904 },
      },
    });

  it('says the interest rests on the rates known the day it was agreed, and how a later rate is settled', async () => {
    const pdf = await renderPlanLetter(included('fr'));
    const text = pdfText(pdf);
    expectAll(text, [
      "d'un montant total de 1 760,00 €, dont 19,04 € d'intérêts",
      "Les échéances les incluent jusqu'à leurs dates : 19,04 € en plus des 1 740,96 € dus ce jour.",
      'Ces intérêts sont calculés aux taux connus au 19 novembre 2026.',
      "si un taux publié après cette date diffère de celui retenu, l'écart sera régularisé à la fin de l'échéancier",
      'le solde éventuel, à payer ou à vous rembourser, sans frais',
    ]);
    // No promise the schedule settles everything: a rate published later may leave a balance.
    expect(text).not.toContain('vous ne devrez plus rien');
    const en = pdfText(await renderPlanLetter(included('en')));
    expectAll(en, [
      'This interest is computed at the rates known on 19 November 2026.',
      'the difference will be settled at the end of the plan',
    ]);
    expect(en).not.toContain('you will owe nothing more');
  });
});

describe('batch print run', () => {
  // 20 French + 10 English one-page reminders, 10 two-page formal notices, 10 one-page receipts = 60 pages.
  const items: BatchItem[] = [
    ...Array.from({ length: 20 }, (_, i): BatchItem => {
      const ref = `R-2026-${String(1000 + i).padStart(6, '0')}`;
      return { kind: 'reminder', data: businessLetter({ file: { reference: ref }, reference: `L-${i}` }) };
    }),
    ...Array.from({ length: 10 }, (): BatchItem => ({ kind: 'reminder', data: consumerLetter() })),
    ...Array.from({ length: 10 }, (): BatchItem => ({ kind: 'formal-notice', data: formalNotice() })),
    ...Array.from({ length: 10 }, (): BatchItem => ({ kind: 'receipt', data: receipt() })),
  ];

  it('draws 50 letters into one document with the expected pages and a manifest line each', async () => {
    const { pdf, manifest } = await renderBatch(items, {
      title: 'Run 1',
      author: 'Recouvra Lyon SAS',
      date: '2026-12-01',
    });
    expect(pageCount(pdf)).toBe(60);
    expect(manifest).toHaveLength(50);
    expect(manifest.map((r) => r.pages)).toEqual([...Array(30).fill(1), ...Array(10).fill(2), ...Array(10).fill(1)]);
    expect(manifest[30]).toMatchObject({ sequence: 31, kind: 'formal-notice', firstPage: 31, registered: true });
    expect(manifest[49]).toMatchObject({ sequence: 50, kind: 'receipt', firstPage: 60, letterReference: 'Q00000042' });
    // Each letter numbers its own pages: the first formal notice fills pages 31 and 32 of the run.
    expect(pdfText(pdf, { first: 31, last: 31 })).toContain('Page 1/2');
    expect(pdfText(pdf, { first: 32, last: 32 })).toContain('Page 2/2');
    expect(pdfText(pdf, { first: 33, last: 33 })).toContain('Page 1/2');
    expect(pdfText(pdf, { first: 2, last: 2 })).toContain('R-2026-001001');
  });

  it('can draw into a document the caller owns', async () => {
    const { drawBatch } = await import('../../lib/letters/batch');
    // US Letter with one-inch margins: the letters must still come out on their own A4 geometry.
    const doc = new PDFDocument({ size: 'LETTER', autoFirstPage: false, bufferPages: true });
    const rows = await drawBatch(doc, items.slice(0, 3), { yieldEvery: 1 });
    expect(doc.bufferedPageRange().start + doc.bufferedPageRange().count).toBe(3);
    expect(rows.map((r) => r.firstPage)).toEqual([1, 2, 3]);
    expect([doc.page.width, doc.page.height]).toEqual([595.28, 841.89]);
    doc.end();
  });

  it('writes a manifest CSV safe from formula injection', () => {
    const row: ManifestRow = {
      sequence: 1,
      kind: 'reminder',
      fileReference: 'R-1',
      letterReference: 'L-1',
      debtorName: '=HYPERLINK("http://x","clic")',
      addressLines: ['Service comptabilité', 'Bât. A', '3 rue "Neuve"', 'BP 12', 'Cedex 9'],
      postcode: '69001',
      city: 'Lyon',
      country: '',
      registered: false,
      trackingNumber: '',
      firstPage: 1,
      pages: 1,
    };
    const csv = manifestCsv([row, { ...row, sequence: 2, debtorName: '-2+3', addressLines: ['8 rue X'] }]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF"sequence";"file_reference";"letter_reference";"letter_kind";"debtor_name";"address_1";"address_2";"address_3";"address_4";"postcode";"city";"country";"registered";"tracking_number";"first_page";"pages"',
    );
    expect(lines[1]).toBe(
      '"1";"R-1";"L-1";"reminder";"\'=HYPERLINK(""http://x"",""clic"")";"Service comptabilité";"Bât. A";"3 rue ""Neuve""";"BP 12, Cedex 9";"69001";"Lyon";"";"no";"";"1";"1"',
    );
    expect(lines[2]).toContain('"\'-2+3";"8 rue X";"";"";""');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});

describe('rendering shortcuts change no byte', () => {
  /** The same letter drawn into a plain pdfkit document: what the letters looked like before any shortcut. */
  async function plainPdfkit(data: ReturnType<typeof businessLetter>): Promise<Buffer> {
    const title = `${data.locale === 'fr' ? 'Relance' : 'Reminder'} ${data.reference}`;
    const meta = { title, author: data.agency.legalName, locale: data.locale, date: data.date };
    const doc = new PDFDocument(documentOptions(meta));
    const chunks: Uint8Array[] = [];
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    drawReminder(doc, data);
    doc.end();
    return done;
  }

  it('shares parsed font metrics and memoised measures across documents, writing what plain pdfkit writes', async () => {
    const letters = [businessLetter(), consumerLetter(), businessLetter({ reference: 'L-2026-000999' })];
    // The first render teaches the shared faces; the others use them.
    for (const data of letters) await renderReminder(data);
    expect(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique'].map(sharesFace)).toEqual([true, true, true]);
    for (const data of letters) expect((await renderReminder(data)).equals(await plainPdfkit(data))).toBe(true);
  });

  it('draws the QR symbol qrcode would draw, mask choice included', () => {
    const masks = new Set<number>();
    for (let i = 0; i < 120; i += 1) {
      const payload = epcPayload({
        beneficiaryName: 'Recouvra Lyon SAS - Fonds clients'.slice(0, 10 + (i % 24)),
        iban: AGENCY.iban,
        bic: i % 2 ? 'AGRIFRPP' : null,
        amountCents: 1 + i * 7_919,
        remittance: `R-2026-${String(i * 37).padStart(6, '0')}${'X'.repeat(i % 40)}`,
      });
      const reference = QRCode.create([{ mode: 'byte', data: Buffer.from(payload, 'utf8') }], {
        errorCorrectionLevel: 'M',
      });
      masks.add(reference.maskPattern ?? -1);
      const ours = qrSymbol(payload);
      expect(ours.size).toBe(reference.modules.size);
      expect(Buffer.from(ours.modules).equals(Buffer.from(reference.modules.data))).toBe(true);
    }
    // The payloads above make qrcode pick most of the eight masks: the scoring is compared, not one case.
    expect(masks.size).toBeGreaterThanOrEqual(5);
  });
});
