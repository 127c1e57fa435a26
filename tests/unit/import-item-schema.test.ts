import { describe, expect, it } from 'vitest';
import { intakeItemSchema } from '@/lib/imports/schemas';

const schema = intakeItemSchema('2026-11-25');
const row = {
  invoiceNumber: 'F-1',
  lastName: 'Martin',
  firstName: 'Lucie',
  addressLine1: '3 rue de la Paix',
  city: 'Bourg-en-Bresse',
  dueDate: '31/12/2025',
  amount: '1 234,56',
};

describe('intake item postcodes', () => {
  it('restores the leading zero a spreadsheet dropped from a French postcode stored as a number', () => {
    const item = schema.parse({ ...row, postcode: 1000 });
    expect(item.debtor.address?.postcode).toBe('01000');
  });

  it('keeps five-digit postcodes and strips their spaces', () => {
    expect(schema.parse({ ...row, postcode: '75 011' }).debtor.address?.postcode).toBe('75011');
  });

  it('does not pad a foreign postcode', () => {
    expect(schema.parse({ ...row, postcode: '1000', country: 'BE' }).debtor.address?.postcode).toBe('1000');
  });

  it('refuses a three-digit French postcode, naming the field', () => {
    const result = schema.safeParse({ ...row, postcode: '750' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('postcode');
  });
});
