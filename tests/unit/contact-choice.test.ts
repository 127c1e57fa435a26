import { describe, expect, it } from 'vitest';
import { chooseContact, type ContactCandidate } from '../../lib/cases/contact-choice';
import type { ContactStatus } from '../../lib/db/generated/enums';

const OURS = '0b6f2c1e-0000-4000-8000-000000000001';
const THEIRS = '0b6f2c1e-0000-4000-8000-000000000002';

interface Point extends ContactCandidate {
  name: string;
}

let clock = 0;
/** A point added after every one made before it (one day apart). */
function point(name: string, status: ContactStatus, extra: Partial<Point> = {}): Point {
  clock += 1;
  return {
    name,
    kind: 'ADDRESS',
    status,
    createdAt: new Date(Date.UTC(2026, 0, clock)),
    suppliedByCreditorId: null,
    ...extra,
  };
}
const pick = (points: Point[], creditorId = OURS, kind: Point['kind'] = 'ADDRESS') =>
  chooseContact(points, kind, creditorId)?.name ?? null;

describe('the contact point a file uses', () => {
  it('prefers a verified point to any unverified one, however new', () => {
    expect(pick([point('verified', 'VALID'), point('newer', 'UNVERIFIED')])).toBe('verified');
    expect(pick([point('old', 'UNVERIFIED'), point('new', 'UNVERIFIED')])).toBe('new');
    expect(pick([point('old', 'VALID'), point('new', 'VALID')])).toBe('new');
  });

  it('never uses what another creditor supplied until an agent verified it', () => {
    const agency = point('agency', 'UNVERIFIED');
    const injected = point('injected', 'UNVERIFIED', { suppliedByCreditorId: THEIRS });
    expect(pick([agency, injected])).toBe('agency');
    expect(pick([injected])).toBeNull();
    // Their own file uses it.
    expect(pick([agency, injected], THEIRS)).toBe('injected');
    // Verified by an agent, it is everyone's.
    expect(pick([agency, { ...injected, status: 'VALID' }])).toBe('injected');
  });

  it('uses what this creditor supplied, unverified', () => {
    expect(pick([point('ours', 'UNVERIFIED', { suppliedByCreditorId: OURS })])).toBe('ours');
  });

  it('an unverified point never overrides do-not-contact; a verified one does', () => {
    const refused = point('refused', 'DO_NOT_CONTACT');
    expect(pick([refused, point('newer', 'UNVERIFIED')])).toBe('refused');
    expect(pick([refused, point('ours', 'UNVERIFIED', { suppliedByCreditorId: OURS })])).toBe('refused');
    expect(pick([refused, point('checked', 'VALID')])).toBe('checked');
  });

  it('an unverified point older than a returned one is as stale; one added after the return is new information', () => {
    const stale = point('stale', 'UNVERIFIED');
    const returned = point('returned', 'RETURNED_MAIL');
    expect(pick([stale, returned])).toBe('returned');
    expect(pick([stale, returned, point('moved', 'UNVERIFIED')])).toBe('moved');
    // Marked returned after the unverified point was added: the mark's day counts, not the point's.
    const early = point('early', 'RETURNED_MAIL');
    const between = point('between', 'UNVERIFIED');
    clock += 1;
    const markedLater = { ...early, statusChangedAt: new Date(Date.UTC(2026, 0, clock)) };
    expect(pick([markedLater, between])).toBe('early');
    expect(pick([{ ...early, statusChangedAt: null }, between])).toBe('between');
  });

  it('returns an unusable point when nothing better exists, so the caller can say why', () => {
    expect(pick([point('wrong', 'WRONG_NUMBER', { kind: 'PHONE', phone: '+33612345678' })], OURS, 'PHONE')).toBe(
      'wrong',
    );
    expect(pick([point('refused', 'DO_NOT_CONTACT'), point('returned', 'RETURNED_MAIL')])).toBe('refused');
    expect(pick([])).toBeNull();
  });

  it('only points of the channel’s kind that carry a value', () => {
    const noNumber = point('no number', 'VALID', { kind: 'PHONE', phone: null });
    const mail = point('mail', 'VALID', { kind: 'EMAIL', email: 'compta@exemple.fr' });
    const phone = point('phone', 'UNVERIFIED', { kind: 'PHONE', phone: '+33612345678' });
    expect(pick([noNumber, mail, phone], OURS, 'PHONE')).toBe('phone');
    expect(pick([noNumber, mail, phone], OURS, 'EMAIL')).toBe('mail');
    expect(pick([noNumber, mail, phone], OURS, 'ADDRESS')).toBeNull();
  });

  it('a point the debtor did not opt out of comes before a better one they did', () => {
    const out = point('opted out', 'VALID', { kind: 'EMAIL', email: 'a@exemple.fr', optedOut: true });
    const stillIn = point('still in', 'UNVERIFIED', { kind: 'EMAIL', email: 'b@exemple.fr' });
    expect(pick([out, stillIn], OURS, 'EMAIL')).toBe('still in');
    expect(pick([out], OURS, 'EMAIL')).toBe('opted out');
  });

  it('keeps the list order between points added in the same instant', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const first = point('first', 'UNVERIFIED', { createdAt: at });
    const second = point('second', 'UNVERIFIED', { createdAt: at });
    expect(pick([first, second])).toBe('first');
    expect(pick([second, first])).toBe('second');
  });
});
