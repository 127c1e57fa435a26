import { describe, expect, it } from 'vitest';
import { invoiceNumberText, transferDocuments, vatBreakdown, type TransferItem } from '../../lib/invoices/rules';
import { compactVatNumber, frenchVatNumber } from '../../lib/invoices/vat-number';

// What a remittance transfer invoices, by hand: commission charged (positive) goes on the invoice, commission a
// reversal took back (negative) on the credit note, a payment reversed within the same transfer on neither.

const item = (paymentId: string, commission: number, over: Partial<TransferItem> = {}): TransferItem => ({
  paymentId,
  reversesId: null,
  fileReference: `D000000${paymentId.slice(-1)}`,
  debtor: 'Débiteur SAS',
  receivedOn: '2026-11-10',
  baseCents: BigInt(commission * 10),
  rateBps: 1000,
  feeCents: 0n,
  commissionCents: BigInt(commission),
  vatRateBps: 2000,
  vatCents: BigInt(Math.round(commission * 0.2)),
  ...over,
});
const uuid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('the documents of a transfer', () => {
  it('invoices the commission charged, credits what reversals took back, and names the reversed payment', () => {
    const { invoice, creditNote } = transferDocuments([
      item(uuid(1), 15_000, { receivedOn: '2026-11-12' }),
      item(uuid(2), 2_500, { receivedOn: '2026-11-03', feeCents: 500n }),
      item(uuid(3), -4_000, { reversesId: uuid(9), baseCents: -40_000n, vatCents: -800n }),
    ]);
    expect(invoice).toMatchObject({
      netCents: 17_500n,
      vatCents: 3_000n + 500n,
      totalCents: 21_000n,
      periodFrom: '2026-11-03',
      periodTo: '2026-11-12',
    });
    // Lines in the order money came in.
    expect(invoice!.lines.map((l) => l.paymentId)).toEqual([uuid(2), uuid(1)]);
    expect(invoice!.lines[0]).toMatchObject({ feeCents: 500, commissionCents: 2_500 });
    // A credit note prints positive amounts and names the payment its line reverses.
    expect(creditNote).toMatchObject({ netCents: 4_000n, vatCents: 800n, totalCents: 4_800n });
    expect(creditNote!.lines[0]).toMatchObject({
      baseCents: 40_000,
      commissionCents: 4_000,
      reversesPaymentId: uuid(9),
    });
  });

  it('leaves out a payment reversed within the same transfer, and payments without commission', () => {
    const { invoice, creditNote } = transferDocuments([
      item(uuid(1), 1_000),
      item(uuid(2), -1_000, { reversesId: uuid(1) }),
      item(uuid(3), 0),
    ]);
    expect(invoice).toBeNull();
    expect(creditNote).toBeNull();
    expect(transferDocuments([])).toEqual({ invoice: null, creditNote: null });
  });

  it('sums the VAT per rate, the highest rate first', () => {
    const { invoice } = transferDocuments([
      item(uuid(1), 10_000),
      item(uuid(2), 5_000, { vatRateBps: 1000, vatCents: 500n }),
      item(uuid(3), 3_333, { vatCents: 667n }),
    ]);
    expect(vatBreakdown(invoice!.lines)).toEqual([
      { rateBps: 2000, baseCents: 13_333, vatCents: 2_667 },
      { rateBps: 1000, baseCents: 5_000, vatCents: 500 },
    ]);
  });

  it('prints numbers on six digits at least', () => {
    expect(invoiceNumberText(42)).toBe('000042');
    expect(invoiceNumberText(1_234_567)).toBe('1234567');
  });
});

describe('VAT numbers', () => {
  it('derives the French key from the SIREN', () => {
    // By hand: 404 833 048 mod 97 = 56; (12 + 3 × 56) mod 97 = 180 mod 97 = 83.
    expect(frenchVatNumber('404833048')).toBe('FR83404833048');
  });

  it('reads a number as people type it and refuses a French one whose key does not match', () => {
    expect(compactVatNumber('fr 83 404.833.048')).toBe('FR83404833048');
    expect(compactVatNumber('FR84404833048')).toBeNull();
    expect(compactVatNumber('DE123456789')).toBe('DE123456789');
    expect(compactVatNumber('12345')).toBeNull();
  });
});
