import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, addMonths, dayIn, dayOf, daysBetween, isCalendarDay } from '../../lib/dates/days';
import { FIELD_MESSAGES, given, optional, orRequired, requiredText } from '../../lib/forms/fields';

describe('calendar days (lib/dates/days, the one home of day arithmetic)', () => {
  it('knows real calendar days from look-alikes', () => {
    for (const day of ['2024-02-29', '2026-12-31', '1900-01-01']) expect(isCalendarDay(day)).toBe(true);
    for (const value of [
      '2026-02-29',
      '2026-04-31',
      '2026-13-01',
      '0099-01-01',
      '2026-1-01',
      ' 2026-01-01',
      20260101,
      null,
    ])
      expect(isCalendarDay(value)).toBe(false);
  });

  it('adds days and months across month ends, leap years and DST changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    // Months written as their first day (reports) stay first days, across years both ways.
    expect(addMonths('2025-11-01', 3)).toBe('2026-02-01');
    expect(addMonths('2025-01-01', -13)).toBe('2023-12-01');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });

  it('refuses what is not a day or not a whole count, instead of returning a wrong day', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('31/01/2026', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', '')).toThrow(RangeError);
  });

  it("reads the day on the agency's clock, and a database DATE as its own day", () => {
    const instant = new Date('2025-12-31T23:30:00Z');
    expect(dayIn('Europe/Paris', instant)).toBe('2026-01-01');
    expect(dayIn('Pacific/Noumea', new Date('2026-06-30T13:00:00Z'))).toBe('2026-07-01');
    expect(dayIn('America/Martinique', instant)).toBe('2025-12-31');
    expect(dayOf(new Date('2026-02-28T00:00:00Z'))).toBe('2026-02-28');
  });
});

describe('form fields (lib/forms/fields)', () => {
  const schema = z.object({
    name: requiredText(10, 'name: 1 to 10 characters'),
    note: optional(z.string().max(5, 'long')),
  });

  it('reads empty, blank and null fields as not given', () => {
    for (const note of ['', '   ', '\t', null, undefined]) {
      expect(schema.parse({ name: 'Dupont', note })).toEqual({ name: 'Dupont', note: undefined });
    }
  });

  it('says "required" for a missing field and the field\'s own message for a wrong one', () => {
    const missing = schema.safeParse({ name: '  ' });
    expect(missing.error?.issues[0]?.message).toBe(FIELD_MESSAGES.required);
    const tooLong = schema.safeParse({ name: 'Établissements Martin' });
    expect(tooLong.error?.issues[0]?.message).toBe('name: 1 to 10 characters');
    const wrong = given(z.uuid({ error: orRequired('must be a file id') })).safeParse("1' OR '1'='1");
    expect(wrong.error?.issues[0]?.message).toBe('must be a file id');
  });
});
