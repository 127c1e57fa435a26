import { describe, expect, it } from 'vitest';
import { keyWith } from '../../lib/errors/keys';
import {
  ACTIVITY_MESSAGES as M,
  contactLogSchema,
  disputeResolutionSchema,
  formToInput,
  promiseCancellationSchema,
  taskCompletionSchema,
} from '../../lib/activity/schemas';
import { companyEventSchema } from '../../lib/cases/company-event-schema';
import { contactPointSchema } from '../../lib/cases/contact-point-schema';
import { contactStatusSchema } from '../../lib/cases/contact-status-schema';
import { fileInfoSchema } from '../../lib/cases/file-info-schema';
import { AppError } from '../../lib/errors/app-error';
import { parseInput } from '../../lib/errors/zod';

// Wednesday 25 November 2026, 11:00 in Paris (UTC+1).
const clock = { now: new Date('2026-11-25T10:00:00Z'), today: '2026-11-25', timeZone: 'Europe/Paris' };
const FILE = '0b7f6c1e-6a0e-4c1a-9c49-7a5e2d1f0a11';
const POINT = '4f1c2b7e-3d5a-4e8b-9a1c-2b3d4e5f6a7b';

const call = (over: Record<string, unknown> = {}) => ({
  fileId: FILE,
  expectedVersion: 3,
  channel: 'CALL',
  contactPointId: POINT,
  answeredBy: 'DEBTOR',
  ...over,
});

/** The field → message map parseInput would answer with, or null when the input is accepted. */
function refusal(schema: Parameters<typeof parseInput>[0], input: unknown): Record<string, string> | null {
  try {
    parseInput(schema, input);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = Object.entries(error.fieldRefs ?? {});
    // The logged message names every field, so a log line alone says what was refused.
    for (const [field, ref] of fields) expect(error.message).toContain(`${field}: ${ref.key}`);
    // Key and values as the schemas write them (lib/errors/keys keyWith), to compare with M.text(200) and the like.
    return Object.fromEntries(
      fields.map(([field, ref]) => [
        field,
        ref.values ? keyWith(ref.key, ref.values as Record<string, string | number>) : ref.key,
      ]),
    );
  }
}

describe('contact log', () => {
  const schema = contactLogSchema(clock);

  it('accepts a call with a promise, normalising form strings', () => {
    const log = parseInput(
      schema,
      call({
        expectedVersion: '3',
        reached: 'on',
        durationSeconds: '95',
        note: '  Joint la gérante ',
        outcome: { type: 'PROMISE', amountCents: '15000', dueOn: '2027-02-23' },
      }),
    );
    expect(log).toEqual({
      fileId: FILE,
      expectedVersion: 3,
      channel: 'CALL',
      contactPointId: POINT,
      reached: true,
      answeredBy: 'DEBTOR',
      durationSeconds: 95,
      note: 'Joint la gérante',
      outcome: { type: 'PROMISE', amountCents: 15000, dueOn: '2027-02-23' },
    });
  });

  it('derives "reached" from who answered, and defaults the outcome to NONE', () => {
    const log = parseInput(schema, call({ answeredBy: 'NOBODY' }));
    expect(log).toMatchObject({ reached: false, durationSeconds: null, note: null, outcome: { type: 'NONE' } });
  });

  it.each([
    ['no file id', { fileId: '' }, { fileId: M.required }],
    ['a file id that is not one', { fileId: '12' }, { fileId: M.fileId }],
    ['no version', { expectedVersion: '' }, { expectedVersion: M.required }],
    ['a negative version', { expectedVersion: -1 }, { expectedVersion: M.version }],
    ['an unknown channel', { channel: 'FAX' }, { channel: M.channel }],
    [
      'a call without a number or who answered',
      { contactPointId: '', answeredBy: '' },
      {
        contactPointId: M.required,
        answeredBy: M.required,
      },
    ],
    ['"reached" contradicting a voicemail', { answeredBy: 'VOICEMAIL', reached: true }, { reached: M.reachedMismatch }],
    ['a duration of 5 hours', { durationSeconds: 18_000 }, { durationSeconds: M.duration }],
    ['a fractional duration', { durationSeconds: '12.5' }, { durationSeconds: M.duration }],
    ['a note of 2001 characters', { note: 'x'.repeat(2001) }, { note: M.maxText(2000) }],
    ['an unknown outcome', { outcome: { type: 'MAYBE' } }, { 'outcome.type': M.outcome }],
    [
      'a promise of nothing, in the past',
      { outcome: { type: 'PROMISE', amountCents: 0, dueOn: '2026-11-24' } },
      { 'outcome.amountCents': M.amount, 'outcome.dueOn': M.promiseDay },
    ],
    [
      'a promise in euros with a comma, 91 days ahead',
      { outcome: { type: 'PROMISE', amountCents: '150,00', dueOn: '2027-02-24' } },
      { 'outcome.amountCents': M.amount, 'outcome.dueOn': M.promiseDay },
    ],
    [
      'a promise on 31 February',
      { outcome: { type: 'PROMISE', amountCents: 1, dueOn: '2027-02-31' } },
      {
        'outcome.dueOn': M.promiseDay,
      },
    ],
    [
      'a promise without amount',
      { outcome: { type: 'PROMISE', dueOn: '2026-11-30' } },
      {
        'outcome.amountCents': M.required,
      },
    ],
    [
      'a promise from a voicemail',
      { answeredBy: 'VOICEMAIL', outcome: { type: 'PROMISE', amountCents: 1, dueOn: '2026-11-30' } },
      {
        'outcome.type': M.needsConversation,
      },
    ],
    [
      'a callback an hour ago',
      { outcome: { type: 'CALLBACK', at: '2026-11-25T09:00:00Z' } },
      {
        'outcome.at': M.callbackAt,
      },
    ],
    // Night-time, Sunday and holiday callbacks are refused by logContact, on the debtor's clock and calendar
    // (tests/unit/debtor-contact-window.test.ts, tests/integration/file-actions.test.ts).
    [
      'a callback that is not a time',
      { outcome: { type: 'CALLBACK', at: 'demain matin' } },
      {
        'outcome.at': M.callbackAt,
      },
    ],
    ['a dispute without reason', { outcome: { type: 'DISPUTE', reason: '  ' } }, { 'outcome.reason': M.required }],
    ['a wrong party when the debtor answered', { outcome: 'WRONG_PARTY' }, { 'outcome.type': M.wrongPartyCall }],
    ['an unknown field', { mood: 'angry' }, { _: expect.stringContaining('mood') }],
  ])('refuses %s, naming the field', (_case, over, fields) => {
    expect(refusal(schema, call(over))).toEqual(fields);
  });

  it('refuses call-only details on a note, and a note without text', () => {
    expect(
      refusal(schema, { fileId: FILE, expectedVersion: 0, channel: 'NOTE', reached: 'false', answeredBy: 'DEBTOR' }),
    ).toEqual({ reached: M.callOnly, answeredBy: M.callOnly, note: M.noteRequired });
  });

  it('reads a datetime-local callback on the agency clock, and an ISO one as given', () => {
    // Thursday 26 November 2026 at 09:30 in Paris is 08:30 UTC.
    const local = parseInput(schema, call({ outcome: { type: 'CALLBACK', at: '2026-11-26T09:30' } }));
    expect(local.outcome).toEqual({ type: 'CALLBACK', at: new Date('2026-11-26T08:30:00Z') });
    const iso = parseInput(schema, call({ outcome: { type: 'CALLBACK', at: '2026-11-26T09:30:00+01:00' } }));
    expect(iso.outcome).toEqual({ type: 'CALLBACK', at: new Date('2026-11-26T08:30:00Z') });
  });

  it('takes a form post with dotted names', () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      fileId: FILE,
      expectedVersion: '7',
      channel: 'CALL',
      contactPointId: POINT,
      answeredBy: 'THIRD_PARTY',
      'outcome.type': 'WRONG_PARTY',
      $ACTION_ID_abc: '',
    })) {
      form.append(k, v);
    }
    expect(parseInput(schema, formToInput(form))).toMatchObject({
      expectedVersion: 7,
      reached: true,
      outcome: { type: 'WRONG_PARTY' },
    });
  });
});

describe('file information', () => {
  const base = { fileId: FILE, expectedVersion: 0 };

  it('turns blank fields into cleared values', () => {
    expect(parseInput(fileInfoSchema, { ...base, nonPaymentReason: 'FORGOT', employer: ' ', bank: 'LCL' })).toEqual({
      ...base,
      nonPaymentReason: 'FORGOT',
      nonPaymentNote: null,
      solvency: null,
      solvencyNote: null,
      employer: null,
      bank: 'LCL',
    });
  });

  it('refuses values off the lists, OTHER without explanation and overlong text', () => {
    expect(
      refusal(fileInfoSchema, { ...base, nonPaymentReason: 'LAZY', solvency: 'RICH', employer: 'x'.repeat(201) }),
    ).toEqual({ nonPaymentReason: M.nonPaymentReason, solvency: M.solvency, employer: M.maxText(200) });
    expect(refusal(fileInfoSchema, { ...base, nonPaymentReason: 'OTHER' })).toEqual({
      nonPaymentNote: M.otherNeedsNote,
    });
  });
});

describe('company event', () => {
  const schema = companyEventSchema(clock);
  const base = { fileId: FILE, expectedVersion: 0 };

  it('accepts an insolvency judgment with its BODACC publication and its court’s seat', () => {
    expect(
      parseInput(schema, {
        ...base,
        kind: 'LIQUIDATION',
        occurredOn: '2026-11-02',
        publishedOn: '2026-11-12',
        courtSeat: 'MARTINIQUE',
      }),
    ).toEqual({
      ...base,
      kind: 'LIQUIDATION',
      occurredOn: '2026-11-02',
      publishedOn: '2026-11-12',
      note: null,
      // The mandataire judiciaire, when known, is recorded with the judgment (issue 14); none given here.
      administratorName: null,
      administratorStreet: null,
      administratorPostcode: null,
      administratorCity: null,
      courtSeat: 'MARTINIQUE',
    });
  });

  it('drops a court’s seat sent with an event that opens no proceedings', () => {
    expect(
      parseInput(schema, { ...base, kind: 'CESSATION', occurredOn: '2026-11-02', courtSeat: 'METROPOLE' }).courtSeat,
    ).toBeNull();
  });

  it.each([
    ['an unknown kind', { kind: 'MERGER', occurredOn: '2026-11-02' }, { kind: M.eventKind }],
    ['no date', { kind: 'CESSATION' }, { occurredOn: M.required }],
    ['a date tomorrow', { kind: 'CESSATION', occurredOn: '2026-11-26' }, { occurredOn: M.future }],
    [
      'a publication tomorrow',
      { kind: 'SAFEGUARD', occurredOn: '2026-11-02', publishedOn: '2026-11-26', courtSeat: 'METROPOLE' },
      {
        publishedOn: M.future,
      },
    ],
    [
      'a publication before the judgment',
      { kind: 'SAFEGUARD', occurredOn: '2026-11-02', publishedOn: '2026-11-01', courtSeat: 'METROPOLE' },
      {
        publishedOn: M.publishedBeforeEvent,
      },
    ],
    ['a date written the French way', { kind: 'CESSATION', occurredOn: '02/11/2026' }, { occurredOn: M.day }],
    // R622-24 al. 2 and 3: the declaration period depends on where the court sits.
    [
      'an opening judgment without its court’s seat',
      { kind: 'RECEIVERSHIP', occurredOn: '2026-11-02' },
      { courtSeat: M.courtSeat },
    ],
    [
      'a seat that is no territory a court sits in',
      { kind: 'RECEIVERSHIP', occurredOn: '2026-11-02', courtSeat: 'NOUVELLE_CALEDONIE' },
      { courtSeat: M.courtSeat },
    ],
  ])('refuses %s, naming the field', (_case, over, fields) => {
    expect(refusal(schema, { ...base, ...over })).toEqual(fields);
  });
});

describe('contact point', () => {
  const schema = contactPointSchema(clock);
  const base = { fileId: FILE, expectedVersion: 0, source: 'skip tracing: annuaire' };

  it('normalises a French phone number and dates the find today by default', () => {
    expect(parseInput(schema, { ...base, kind: 'PHONE', phone: '+33 (0)6 12 34 56 78' })).toEqual({
      fileId: FILE,
      expectedVersion: 0,
      label: null,
      value: { kind: 'PHONE', phone: '+33612345678' },
      source: 'skip tracing: annuaire',
      foundOn: '2026-11-25',
    });
  });

  it('lowercases an e-mail and strips spaces from a postcode', () => {
    expect(parseInput(schema, { ...base, kind: 'EMAIL', email: ' Compta@Exemple.FR ' }).value).toEqual({
      kind: 'EMAIL',
      email: 'compta@exemple.fr',
    });
    expect(
      parseInput(schema, { ...base, kind: 'ADDRESS', line1: '12 rue Mercière', postcode: '69 002', city: 'Lyon' })
        .value,
    ).toEqual({
      kind: 'ADDRESS',
      line1: '12 rue Mercière',
      line2: null,
      postcode: '69002',
      city: 'Lyon',
      country: 'FR',
    });
  });

  it.each([
    ['a short phone number', { kind: 'PHONE', phone: '06 12 34' }, { phone: M.phone }],
    ['letters in a phone number', { kind: 'PHONE', phone: '06 12 AB 56 78' }, { phone: M.phone }],
    ['a phone without a number', { kind: 'PHONE' }, { phone: M.required }],
    ['a broken e-mail', { kind: 'EMAIL', email: 'compta@' }, { email: M.email }],
    ['an address without city', { kind: 'ADDRESS', line1: '1 rue X', postcode: '69002' }, { city: M.required }],
    [
      'a 4-digit French postcode',
      { kind: 'ADDRESS', line1: '1 rue X', postcode: '6900', city: 'Lyon' },
      {
        postcode: M.postcode,
      },
    ],
    [
      'a phone field on an e-mail',
      { kind: 'EMAIL', email: 'a@b.fr', phone: '0612345678' },
      {
        phone: 'workspace.errors.notUsed',
      },
    ],
    ['a find dated tomorrow', { kind: 'EMAIL', email: 'a@b.fr', foundOn: '2026-11-26' }, { foundOn: M.future }],
    ['no source', { kind: 'EMAIL', email: 'a@b.fr', source: '' }, { source: M.required }],
  ])('refuses %s, naming the field', (_case, over, fields) => {
    expect(refusal(schema, { ...base, ...over })).toEqual(fields);
  });
});

describe('status changes, disputes, tasks, promises', () => {
  const base = { fileId: FILE, expectedVersion: 0 };

  it('a contact status needs a known status and a reason; lifting do-not-contact is explicit', () => {
    expect(refusal(contactStatusSchema, { ...base, contactPointId: POINT, status: 'GONE', reason: '' })).toEqual({
      status: M.contactStatus,
      reason: M.required,
    });
    expect(
      parseInput(contactStatusSchema, { ...base, contactPointId: POINT, status: 'VALID', reason: 'confirmé' }),
    ).toMatchObject({ liftDoNotContact: false });
    expect(
      refusal(contactStatusSchema, {
        ...base,
        contactPointId: POINT,
        status: 'VALID',
        reason: 'x',
        liftDoNotContact: 'maybe',
      }),
    ).toEqual({ liftDoNotContact: M.boolean });
  });

  it('a dispute is answered UPHELD or REJECTED, with a text', () => {
    expect(refusal(disputeResolutionSchema, { ...base, disputeId: POINT, decision: 'OPEN', resolution: '' })).toEqual({
      decision: M.decision,
      resolution: M.required,
    });
  });

  it('a task and a promise are named by id', () => {
    expect(refusal(taskCompletionSchema, { ...base, taskId: 'task-1' })).toEqual({ taskId: M.id });
    expect(refusal(promiseCancellationSchema, { ...base, promiseId: POINT })).toEqual({ reason: M.required });
  });
});
