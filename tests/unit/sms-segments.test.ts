import { describe, expect, it } from 'vitest';
import { fitsSms, MAX_SMS_SEGMENTS, smsSegments, smsText } from '../../lib/sms/segments';
import { debtorCodeSms } from '../../lib/debtor-page/one-time-code';
import { debtorPageLine, withDebtorPageLine } from '../../lib/debtor-links/message-line';

// Figures worked out by hand from 3GPP TS 23.038 / 23.040: GSM 7-bit 160 in one SMS, 153 per part; UCS-2 70 and 67.
const a = (n: number) => 'a'.repeat(n);

describe('SMS parts in the GSM 7-bit alphabet', () => {
  it('counts 160 characters in one SMS and 153 per part beyond', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM_7', units: 0, segments: 0 });
    expect(smsSegments(a(160))).toEqual({ encoding: 'GSM_7', units: 160, segments: 1 });
    expect(smsSegments(a(161))).toEqual({ encoding: 'GSM_7', units: 161, segments: 2 });
    expect(smsSegments(a(306)).segments).toBe(2);
    expect(smsSegments(a(459)).segments).toBe(3);
    expect(smsSegments(a(460)).segments).toBe(4);
  });

  it('keeps French accents of the alphabet (é è à ù Ç É) in 7 bits', () => {
    const text = 'Échéance réglée, reçu';
    expect(smsSegments('é è à ù ì ò Ç É Ä Ö Ñ Ü ß £ ¥ §')).toMatchObject({ encoding: 'GSM_7', segments: 1 });
    // ç (lower case) is not in the basic table: only Ç is.
    expect(smsSegments(text).encoding).toBe('UCS_2');
  });

  it('counts an extension character (€ [ ] { } ^ ~ | \\) as two, and never splits it across parts', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM_7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM_7', units: 162, segments: 2 });
    // 306 septets would be two parts of 153, but the € at septets 153–154 cannot straddle: it opens part 2, and
    // the last character spills into a third.
    expect(smsSegments(`${a(152)}€${a(152)}`)).toEqual({ encoding: 'GSM_7', units: 306, segments: 3 });
    expect(smsSegments(`${a(151)}€${a(153)}`)).toEqual({ encoding: 'GSM_7', units: 306, segments: 2 });
  });
});

describe('SMS parts in UCS-2', () => {
  it('switches the whole text to 70 / 67 for one character outside the alphabet', () => {
    expect(smsSegments('ê'.repeat(70))).toEqual({ encoding: 'UCS_2', units: 70, segments: 1 });
    expect(smsSegments('ê'.repeat(71))).toEqual({ encoding: 'UCS_2', units: 71, segments: 2 });
    expect(smsSegments('ê'.repeat(201)).segments).toBe(3);
    expect(smsSegments('ê'.repeat(202)).segments).toBe(4);
    // A typographic apostrophe turns 160 plain letters — one SMS in 7 bits — into three.
    expect(smsSegments(`${a(159)}’`)).toEqual({ encoding: 'UCS_2', units: 160, segments: 3 });
  });

  it('counts an emoji as two units and never splits its surrogate pair', () => {
    expect(smsSegments(`${a(66)}😀`)).toEqual({ encoding: 'UCS_2', units: 68, segments: 1 });
    expect(smsSegments(`${a(66)}😀${a(5)}`)).toEqual({ encoding: 'UCS_2', units: 73, segments: 2 });
  });
});

describe('our own SMS texts', () => {
  const longName = `Agence de Recouvrement ${'Très '.repeat(14)}Longue`;

  it('hold the one-time code to one SMS in French and English, and to three even with a long agency name', () => {
    for (const locale of ['fr', 'en'] as const) {
      const short = debtorCodeSms(locale, { code: '042917', agency: 'Recouvra Démo', minutes: 10 });
      expect(short).toContain('042917');
      expect(smsSegments(short)).toMatchObject({ encoding: 'GSM_7', segments: 1 });
      expect(fitsSms(debtorCodeSms(locale, { code: '042917', agency: longName, minutes: 10 }))).toBe(true);
    }
  });

  it('keep the line appended to a message with its link in the 7-bit alphabet', () => {
    const url = `https://recouvra.example.fr/d/${'A'.repeat(24)}`;
    for (const locale of ['fr', 'en'] as const) {
      expect(smsSegments(debtorPageLine(url, locale)).encoding).toBe('GSM_7');
      expect(smsSegments(debtorPageLine(url, locale)).segments).toBeLessThanOrEqual(MAX_SMS_SEGMENTS);
    }
  });
});

describe('an SMS with the debtor link', () => {
  const url = `https://recouvra.example.fr/d/${'A'.repeat(24)}`;

  it('is written with plain spaces and quotes, so that amounts and apostrophes keep it in 7 bits', () => {
    const amount = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(12345.6);
    expect(smsSegments(amount).encoding).toBe('UCS_2');
    expect(smsText(amount)).toBe('12 345,60 €');
    expect(smsText('l’échéance')).toBe("l'échéance");
    expect(smsSegments(smsText(`Merci de régler ${amount} avant l’échéance.`)).encoding).toBe('GSM_7');
  });

  it('ends with the explaining line when it fits, with the bare link when only that fits, else is not sent', () => {
    expect(withDebtorPageLine('Bonjour.', url, 'fr', 'SMS')).toBe(`Bonjour.\n\n${debtorPageLine(url, 'fr')}`);
    const tight = a(459 - url.length - 1);
    expect(withDebtorPageLine(tight, url, 'fr', 'SMS')).toBe(`${tight}\n${url}`);
    expect(withDebtorPageLine(a(459 - url.length), url, 'fr', 'SMS')).toBeNull();
    // A template that placed the link itself is kept as written, when it fits.
    expect(withDebtorPageLine(`Voir ${url}`, url, 'en', 'SMS')).toBe(`Voir ${url}`);
    // An e-mail has no such limit.
    expect(withDebtorPageLine(a(2000), url, 'fr', 'EMAIL')).toBe(`${a(2000)}\n\n${debtorPageLine(url, 'fr')}`);
  });
});
