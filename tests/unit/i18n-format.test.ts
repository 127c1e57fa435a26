import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatShortMonth } from '@/lib/i18n/format';

// Intl writes French with a no-break space before % and narrow no-break spaces between thousands.
const nbsp = '\u00a0';
const nnbsp = '\u202f';

describe('report number formats', () => {
  it('writes rates with one decimal, so a column of rates lines up', () => {
    expect(formatPercent(0.728, 'fr')).toBe(`72,8${nbsp}%`);
    expect(formatPercent(0.33, 'fr')).toBe(`33,0${nbsp}%`);
    expect(formatPercent(0.33, 'en')).toBe('33.0%');
    expect(formatPercent(0.80004, 'en')).toBe('80.0%');
    expect(formatPercent(null, 'fr')).toBe('—');
  });

  it('names a month by its first day, in the reader language, whatever the time zone', () => {
    expect(formatShortMonth('2026-03-01', 'fr')).toBe('mars 2026');
    expect(formatShortMonth('2026-02-01', 'fr')).toBe('févr. 2026');
    expect(formatShortMonth('2026-03-01', 'en')).toBe('Mar 2026');
    expect(formatShortMonth('2026-01-01T00:00:00.000Z', 'en')).toBe('Jan 2026');
  });

  it('groups thousands as each language does', () => {
    expect(formatCount(1234567, 'fr')).toBe(`1${nnbsp}234${nnbsp}567`);
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
  });
});
