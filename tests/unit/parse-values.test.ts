import { describe, expect, it } from 'vitest';
import { looksLikeFormula } from '../../lib/csv/cells';
import { excelSerialToDay, parseDay } from '../../lib/dates/parse-day';
import { parseAmountToCents } from '../../lib/money/parse-amount';

describe('parseAmountToCents', () => {
  it.each([
    ['1 234,56', 123456],
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['12,5', 1250],
    ['1 234', 123400],
    ['1\u202f234,56', 123456], // narrow no-break space, as French Excel formats thousands
    ['1\u00a0234,56', 123456],
    ['€ 12,00', 1200],
    ['12,00 €', 1200],
    ['12 EUR', 1200],
    ["1'234.50", 123450],
    ['1 234 567,89', 123456789],
    ['1.234.567', 123456700],
    ['1,234,567', 123456700],
    ['-5,00', -500],
    ['+3', 300],
    ['0', 0],
    ['12.3400', 1234],
  ])('reads %j as %i cents', (input, cents) => {
    expect(parseAmountToCents(input)).toBe(cents);
  });

  it('reads numbers (XLSX cells) without float noise', () => {
    expect(parseAmountToCents(1234.56)).toBe(123456);
    expect(parseAmountToCents(0.1 + 0.2)).toBe(30);
    expect(parseAmountToCents(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it.each(['abc', '1,2,3', '', '(12,00)', '--5', '12.3456', '0,005', '1.234,567', '12,34,56'])(
    'refuses %j',
    (input) => {
      expect(parseAmountToCents(input)).toBeNull();
    },
  );

  it('takes a dot before exactly three digits for a thousands separator (French "1.234" is 1 234 €)', () => {
    expect(parseAmountToCents('1.234')).toBe(123400);
    expect(parseAmountToCents('12.345')).toBe(1234500);
  });

  it('refuses a comma before exactly three digits rather than guessing (1,234: 1.234 € or 1 234 €?)', () => {
    // values.ts says "1,234" is 1.234 € in a French file; a third decimal is a fraction of a cent, so it is
    // refused as "not an amount" instead, which is the safe outcome for an ambiguous spelling.
    expect(parseAmountToCents('1,234')).toBeNull();
    expect(parseAmountToCents('12,345')).toBeNull();
    expect(parseAmountToCents('1,230')).toBe(123); // trailing zeros are no fraction of a cent
  });

  it('reads plain amounts at once exactly as the general rules read them', () => {
    // A leading "+" is no plain amount: it sends the same cell through the general rules, which drop it.
    const ints = ['0', '7', '007', '42', '999', '1000', '12345', '1 234', '12 345 678', '1\u00a0234', '1\u202f234'];
    const more = ['123 4', '1 23', '9007199254740991', '90071992547409', '900719925474099', '1 2345'];
    for (const int of [...ints, ...more]) {
      for (const fraction of ['', ',5', ',50', ',05', '.9', '.99', ',', '.123', ',001']) {
        const cell = int + fraction;
        expect(parseAmountToCents(cell), cell).toBe(parseAmountToCents(`+${cell}`));
      }
    }
  });
});

describe('parseDay', () => {
  it.each([
    ['31/12/2025', '2025-12-31'],
    ['2025-12-31', '2025-12-31'],
    ['31.12.25', '2025-12-31'],
    ['31-12-2025', '2025-12-31'],
    ['1/2/2025', '2025-02-01'],
    [' 31/12/2025 ', '2025-12-31'],
    ['29/02/2024', '2024-02-29'],
    ['2025-12-31T10:00:00Z', '2025-12-31'],
    ['2025-12-31 00:00:00', '2025-12-31'],
  ])('reads %j as %s', (input, day) => {
    expect(parseDay(input)).toBe(day);
  });

  it.each([
    '29/02/2025',
    '2025-13-01',
    '31/04/2025',
    '12/31/2025',
    '00/01/2025',
    '2025/12/31',
    '31/12/1899',
    'demain',
    '',
  ])('refuses %j', (input) => {
    expect(parseDay(input)).toBeNull();
  });

  it('agrees with a calendar (Date) on every day, month and year form, real or not', () => {
    // The Date round trip parseDay used before it counted days itself.
    const byDate = (y: number, m: number, d: number) => {
      const date = new Date(Date.UTC(y, m - 1, d));
      if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
      return y < 1900 || y > 2200 ? null : date.toISOString().slice(0, 10);
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    let checked = 0;
    for (const y of [50, 1600, 1899, 1900, 1901, 1999, 2000, 2023, 2024, 2025, 2100, 2199, 2200, 2201, 2400]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const expected = byDate(y, m, d);
          expect(parseDay(`${pad(d, 2)}/${pad(m, 2)}/${pad(y, 4)}`)).toBe(expected);
          expect(parseDay(`${d}.${m}.${pad(y, 4)}`)).toBe(expected);
          expect(parseDay(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)).toBe(expected);
          expect(parseDay(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T08:30:00+02:00`)).toBe(expected);
          if (y >= 2000 && y < 2100) expect(parseDay(`${d}-${m}-${pad(y % 100, 2)}`)).toBe(expected);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(15 * 14 * 33);
  });
});

describe('excelSerialToDay', () => {
  it('counts days from 1899-12-30 like Excel', () => {
    expect(excelSerialToDay(45657)).toBe('2024-12-31');
    expect(excelSerialToDay(46022)).toBe('2025-12-31');
    expect(excelSerialToDay(61)).toBe('1900-03-01');
  });

  it('keeps the day of a date with a time of day', () => {
    expect(excelSerialToDay(45657.5)).toBe('2024-12-31');
    expect(excelSerialToDay(45657.99999)).toBe('2024-12-31');
  });

  it('refuses what cannot be a date serial', () => {
    expect(excelSerialToDay(0)).toBeNull();
    expect(excelSerialToDay(-1)).toBeNull();
    expect(excelSerialToDay(200_001)).toBeNull();
    expect(excelSerialToDay(Number.NaN)).toBeNull();
  });
});

describe('looksLikeFormula', () => {
  it.each(['=1+2', '=HYPERLINK("http://x";"y")', '+SUM(A1)', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'flags %j',
    (value) => {
      expect(looksLikeFormula(value)).toBe(true);
    },
  );

  it('lets ordinary text through', () => {
    expect(looksLikeFormula('Martin')).toBe(false);
    expect(looksLikeFormula('12 rue = 3')).toBe(false);
    expect(looksLikeFormula('')).toBe(false);
  });

  it('accepts an international phone number in the phone field only', () => {
    expect(looksLikeFormula('+33 6 12 34 56 78', 'phone')).toBe(false);
    expect(looksLikeFormula('+33 (0)6 12 34 56 78', 'phone')).toBe(false);
    expect(looksLikeFormula('+33 6 12 34 56 78')).toBe(true);
    expect(looksLikeFormula('+SUM(A1)', 'phone')).toBe(true);
  });
});
