import { describe, expect, it } from 'vitest';
import { isCatalogueKey } from '../../lib/errors/describe';
import { PAYMENT_MESSAGES as M } from '../../lib/payments/messages';
import { createPlanSchema, recordPaymentSchema, reversePaymentSchema } from '../../lib/payments/schemas';

const FILE = '0b9d6a3e-6f43-4a5e-9d0e-2f6f1c1d2e3f';
const CLAIM_1 = '5f0c3c8e-1d2b-4c7a-8e9f-0a1b2c3d4e5f';
const CLAIM_2 = '6a1d4d9f-2e3c-4d8b-9fa0-1b2c3d4e5f60';

const payment = (over: Record<string, unknown> = {}) => ({
  fileId: FILE,
  amount: '1 234,56',
  method: 'TRANSFER',
  receivedOn: '2026-11-20',
  expectedVersion: '3',
  ...over,
});

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('recordPaymentSchema', () => {
  it('reads euros written the French way, and whole cents given as a number', () => {
    expect(recordPaymentSchema.parse(payment())).toEqual({
      fileId: FILE,
      amountCents: 123456,
      method: 'TRANSFER',
      receivedOn: '2026-11-20',
      reference: null,
      claimOrder: [],
      expectedVersion: 3,
      // Who collected it: the agency unless a partner (commissaire de justice) did (issue 16).
      source: 'agency',
    });
    expect(recordPaymentSchema.parse(payment({ amount: 123456 })).amountCents).toBe(123456);
    expect(recordPaymentSchema.parse(payment({ amount: '1.234,56 €' })).amountCents).toBe(123456);
  });

  it('accepts a day typed the French way', () => {
    expect(recordPaymentSchema.parse(payment({ receivedOn: '20/11/2026' })).receivedOn).toBe('2026-11-20');
  });

  it('takes the designated claims as a list or as comma-separated text, each once', () => {
    expect(recordPaymentSchema.parse(payment({ claimOrder: `${CLAIM_2}, ${CLAIM_1}` })).claimOrder).toEqual([
      CLAIM_2,
      CLAIM_1,
    ]);
    expect(fieldsOf(recordPaymentSchema.safeParse(payment({ claimOrder: [CLAIM_1, CLAIM_1] })))).toEqual({
      claimOrder: M.claimOrder,
    });
  });

  it.each([-1, 0, 1.5, '-3,00', '0', 'abc'])('refuses %s as an amount', (amount) => {
    expect(fieldsOf(recordPaymentSchema.safeParse(payment({ amount })))).toEqual({ amount: M.amount });
  });

  it('names every missing or wrong field, and refuses fields it does not know', () => {
    const result = recordPaymentSchema.safeParse({ fileId: 'x', method: 'CASH', receivedOn: '2026-02-30', extra: 1 });
    expect(fieldsOf(result)).toMatchObject({
      fileId: M.fileId,
      amount: M.required,
      method: M.method,
      receivedOn: M.day,
      expectedVersion: M.required,
    });
    expect(result.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('refuses a reference longer than 100 characters', () => {
    expect(fieldsOf(recordPaymentSchema.safeParse(payment({ reference: 'x'.repeat(101) })))).toEqual({
      reference: M.reference,
    });
  });
});

describe('createPlanSchema', () => {
  const plan = (over: Record<string, unknown> = {}) => ({
    fileId: FILE,
    instalmentCount: '3',
    firstDueOn: '2026-12-15',
    frequency: 'MONTHLY',
    expectedVersion: 0,
    ...over,
  });

  it('defaults the down payment to nothing and reads counts posted as text', () => {
    expect(createPlanSchema.parse(plan())).toMatchObject({ downPaymentCents: 0, instalmentCount: 3 });
    expect(createPlanSchema.parse(plan({ downPaymentCents: '150,00' })).downPaymentCents).toBe(15000);
  });

  it('wants exactly one of a count and an amount per instalment', () => {
    expect(fieldsOf(createPlanSchema.safeParse(plan({ instalmentCents: '100,00' })))).toEqual({
      instalmentCount: M.instalmentChoice,
    });
    expect(fieldsOf(createPlanSchema.safeParse(plan({ instalmentCount: '' })))).toEqual({
      instalmentCount: M.instalmentChoice,
    });
    expect(createPlanSchema.parse(plan({ instalmentCount: '', instalmentCents: '100,00' })).instalmentCents).toBe(
      10000,
    );
  });

  it('refuses more than 60 instalments and an unknown frequency', () => {
    expect(fieldsOf(createPlanSchema.safeParse(plan({ instalmentCount: '61', frequency: 'DAILY' })))).toEqual({
      instalmentCount: M.instalmentCount,
      frequency: M.frequency,
    });
  });
});

describe('reversePaymentSchema and the message catalogue keys', () => {
  it('wants a reason of 3 to 500 characters', () => {
    expect(fieldsOf(reversePaymentSchema.safeParse({ paymentId: FILE, reason: ' x ' }))).toEqual({ reason: M.reason });
  });

  it('every message is a catalogue key, in both languages', () => {
    for (const [name, key] of Object.entries(M)) {
      expect(key).toBe(name === 'required' ? 'errors.field.required' : `payments.errors.${name}`);
      expect(isCatalogueKey(key), key).toBe(true);
    }
  });
});
