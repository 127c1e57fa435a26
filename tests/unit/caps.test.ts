import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPS, capCheck, contactCapsSchema, type ContactAttempt } from '../../lib/compliance/caps';
import type { ContactChannel } from '../../lib/compliance/contact-window';

const attempt = (channel: ContactChannel, iso: string): ContactAttempt => ({ channel, at: new Date(iso) });
const calls = (...isos: string[]) => isos.map((iso) => attempt('CALL', iso));
const check = (history: ContactAttempt[], channel: ContactChannel, iso: string, caps = DEFAULT_CAPS) =>
  capCheck(history, channel, new Date(iso), caps);

describe('default caps and their schema', () => {
  it('are 3 calls, 2 SMS, 2 e-mails, 1 visit per rolling week, letters uncapped, 5 contacts in all', () => {
    expect(DEFAULT_CAPS).toEqual({ CALL: 3, SMS: 2, EMAIL: 2, VISIT: 1, LETTER: null, TOTAL: 5 });
    expect(contactCapsSchema.parse({})).toEqual(DEFAULT_CAPS);
  });

  it('keeps the default of every channel left out', () => {
    expect(contactCapsSchema.parse({ CALL: 2, LETTER: 2 })).toEqual({
      CALL: 2,
      SMS: 2,
      EMAIL: 2,
      VISIT: 1,
      LETTER: 2,
      TOTAL: 5,
    });
  });

  it.each([
    ['0 calls', { CALL: 0 }],
    ['8 calls', { CALL: 8 }],
    ['2.5 SMS', { SMS: 2.5 }],
    ['uncapped calls', { CALL: null }],
    ['uncapped visits', { VISIT: null }],
    ['an unknown channel', { FAX: 1 }],
  ])('refuses %s', (_label, input) => {
    expect(contactCapsSchema.safeParse(input).success).toBe(false);
  });
});

describe('capCheck', () => {
  // Monday 5 January 2026 onwards; the check is made on Friday 9 January 09:00 UTC.
  const three = calls('2026-01-05T10:00:00Z', '2026-01-07T10:00:00Z', '2026-01-08T15:00:00Z');

  it('allows a call while fewer than 3 were made in the last 7 days', () => {
    expect(check(three.slice(0, 2), 'CALL', '2026-01-09T09:00:00Z')).toEqual({ ok: true });
    expect(check([], 'CALL', '2026-01-09T09:00:00Z')).toEqual({ ok: true });
  });

  it('refuses the 4th call and names when the oldest leaves the window', () => {
    expect(check(three, 'CALL', '2026-01-09T09:00:00Z')).toEqual({
      ok: false,
      retryAt: new Date('2026-01-12T10:00:00Z'),
    });
  });

  it('counts exactly 7 × 24 hours: allowed at retryAt, refused a millisecond before', () => {
    expect(check(three, 'CALL', '2026-01-12T10:00:00.000Z')).toEqual({ ok: true });
    expect(check(three, 'CALL', '2026-01-12T09:59:59.999Z')).toEqual({
      ok: false,
      retryAt: new Date('2026-01-12T10:00:00Z'),
    });
  });

  it('ignores attempts older than the window and those after the instant checked', () => {
    const history = [...calls('2025-12-29T10:00:00Z', '2026-01-02T08:59:59Z'), ...three.slice(0, 2)];
    expect(check(history, 'CALL', '2026-01-09T09:00:00Z')).toEqual({ ok: true });
    expect(check(three, 'CALL', '2026-01-08T14:00:00Z')).toEqual({ ok: true });
  });

  it('reads the history in any order', () => {
    expect(check([...three].reverse(), 'CALL', '2026-01-09T09:00:00Z')).toEqual({
      ok: false,
      retryAt: new Date('2026-01-12T10:00:00Z'),
    });
  });

  it('counts each channel on its own', () => {
    const sms = [attempt('SMS', '2026-01-06T10:00:00Z'), attempt('SMS', '2026-01-08T10:00:00Z')];
    expect(check([...sms, ...three.slice(0, 2)], 'CALL', '2026-01-09T09:00:00Z')).toEqual({ ok: true });
    expect(check([...sms, ...three], 'SMS', '2026-01-09T09:00:00Z')).toEqual({
      ok: false,
      retryAt: new Date('2026-01-13T10:00:00Z'),
    });
    expect(check(three, 'EMAIL', '2026-01-09T09:00:00Z')).toEqual({ ok: true });
  });

  it('allows one visit a week', () => {
    const visit = [attempt('VISIT', '2026-01-03T14:00:00Z')];
    expect(check(visit, 'VISIT', '2026-01-09T09:00:00Z')).toEqual({
      ok: false,
      retryAt: new Date('2026-01-10T14:00:00Z'),
    });
  });

  it('waits for enough attempts to leave when the count is over the cap (a cap lowered since)', () => {
    const five = calls(
      '2026-01-03T08:00:00Z',
      '2026-01-04T08:00:00Z',
      '2026-01-05T08:00:00Z',
      '2026-01-06T08:00:00Z',
      '2026-01-07T08:00:00Z',
    );
    // 5 in the window, cap 3: the 3 oldest must leave; the 3rd leaves on 12 January 08:00.
    const result = check(five, 'CALL', '2026-01-09T09:00:00Z');
    expect(result).toEqual({ ok: false, retryAt: new Date('2026-01-12T08:00:00Z') });
    expect(check(five, 'CALL', '2026-01-12T08:00:00Z')).toEqual({ ok: true });
  });

  it('drops attempts made at the same instant together', () => {
    const tied = calls('2026-01-06T08:00:00Z', '2026-01-06T08:00:00Z', '2026-01-07T08:00:00Z');
    expect(check(tied, 'CALL', '2026-01-09T09:00:00Z')).toEqual({
      ok: false,
      retryAt: new Date('2026-01-13T08:00:00Z'),
    });
    expect(check(tied, 'CALL', '2026-01-13T08:00:00Z')).toEqual({ ok: true });
  });

  it('never caps letters by default, but does when the agency sets a cap', () => {
    const letters = Array.from({ length: 10 }, (_, i) => attempt('LETTER', `2026-01-0${3 + (i % 6)}T08:00:00Z`));
    expect(check(letters, 'LETTER', '2026-01-09T09:00:00Z')).toEqual({ ok: true });
    const two = [attempt('LETTER', '2026-01-06T08:00:00Z'), attempt('LETTER', '2026-01-08T08:00:00Z')];
    expect(check(two, 'LETTER', '2026-01-09T09:00:00Z', { ...DEFAULT_CAPS, LETTER: 2 })).toEqual({
      ok: false,
      retryAt: new Date('2026-01-13T08:00:00Z'),
    });
  });

  it('refuses a cap that is not a whole number ≥ 1', () => {
    expect(() => check(three, 'CALL', '2026-01-09T09:00:00Z', { ...DEFAULT_CAPS, CALL: 0 })).toThrow(RangeError);
  });

  it('always allows the attempt at retryAt, for many histories', () => {
    let blocked = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const history: ContactAttempt[] = [];
      let x = seed;
      // A small deterministic generator: 8 calls spread over 1–11 January 2026, all before `now`.
      for (let i = 0; i < 8; i++) {
        x = (x * 48_271) % 2_147_483_647;
        history.push({ channel: 'CALL', at: new Date(Date.UTC(2026, 0, 1) + (x % (11 * 86_400)) * 1000) });
      }
      const now = new Date(Date.UTC(2026, 0, 12));
      const result = capCheck(history, 'CALL', now, DEFAULT_CAPS);
      if (!result.ok) {
        blocked++;
        expect(result.retryAt.getTime()).toBeGreaterThan(now.getTime());
        expect(capCheck(history, 'CALL', result.retryAt, DEFAULT_CAPS)).toEqual({ ok: true });
        expect(capCheck(history, 'CALL', new Date(result.retryAt.getTime() - 1), DEFAULT_CAPS).ok).toBe(false);
      }
    }
    // Most generated histories must actually reach the cap, or this test would prove nothing.
    expect(blocked).toBeGreaterThan(100);
  });
});

describe('the cap across channels', () => {
  const at = (iso: string, channel: ContactAttempt['channel']): ContactAttempt => ({ channel, at: new Date(iso) });
  // Two calls, two SMS and an e-mail over Monday 12 – Friday 16 January 2026: each channel under its own cap
  // (3 calls, 2 SMS, 2 e-mails) but 5 contacts in all, the default total.
  const week = [
    at('2026-01-12T09:00:00Z', 'CALL'),
    at('2026-01-13T09:00:00Z', 'SMS'),
    at('2026-01-14T09:00:00Z', 'CALL'),
    at('2026-01-15T09:00:00Z', 'SMS'),
    at('2026-01-16T09:00:00Z', 'EMAIL'),
  ];
  const saturday = new Date('2026-01-17T09:00:00Z');

  it('refuses a sixth contact on any channel, until the oldest leaves the week', () => {
    // The oldest (Monday 09:00) leaves the rolling week on Monday 19 at 09:00.
    expect(capCheck(week, 'CALL', saturday, DEFAULT_CAPS)).toEqual({
      ok: false,
      retryAt: new Date('2026-01-19T09:00:00Z'),
    });
    expect(capCheck(week, 'VISIT', saturday, DEFAULT_CAPS)).toMatchObject({ ok: false });
  });

  it('never holds a letter, and lets an agency lift the total', () => {
    expect(capCheck(week, 'LETTER', saturday, DEFAULT_CAPS)).toEqual({ ok: true });
    expect(capCheck(week, 'CALL', saturday, { ...DEFAULT_CAPS, TOTAL: null })).toEqual({ ok: true });
  });
});
