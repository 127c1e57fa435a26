import { describe, expect, it } from 'vitest';
import { dividendFits, dividendShares } from '../../lib/insolvency/rules';

// A dividend on a declaration common to several files is split in proportion to each file's declared amount, whole
// cents rounded down, the cents left over to the largest remainders, the smaller file id on a tie (decision 0021).

describe('dividendShares', () => {
  it('splits in proportion to the declared amounts', () => {
    // 128 154 + 54 649 = 182 803 declared. €300.00:
    //   a: 30 000 × 128 154 / 182 803 = 21 031.49… → 21 031, remainder 0.49…
    //   b: 30 000 ×  54 649 / 182 803 =  8 968.50… →  8 968, remainder 0.50…
    //   one cent left → b (larger remainder): 21 031 + 8 969 = 30 000.
    expect(
      dividendShares(30_000, [
        { fileId: 'b', declaredCents: 54_649 },
        { fileId: 'a', declaredCents: 128_154 },
      ]),
    ).toEqual([
      { fileId: 'a', amountCents: 21_031 },
      { fileId: 'b', amountCents: 8_969 },
    ]);
  });

  it('gives the left-over cent to the smaller file id when the remainders are equal', () => {
    // 1 cent over two equal declarations: 0 each, remainders equal → a.
    expect(
      dividendShares(1, [
        { fileId: 'b', declaredCents: 500 },
        { fileId: 'a', declaredCents: 500 },
      ]),
    ).toEqual([{ fileId: 'a', amountCents: 1 }]);
    // 10 cents over three equal declarations: 3 each, one left → a.
    expect(
      dividendShares(10, [
        { fileId: 'c', declaredCents: 7 },
        { fileId: 'a', declaredCents: 7 },
        { fileId: 'b', declaredCents: 7 },
      ]).map((s) => s.amountCents),
    ).toEqual([4, 3, 3]);
  });

  it('always adds up to the dividend, and a single file takes it all', () => {
    for (const amount of [1, 99, 12_345, 1_000_000]) {
      const shares = dividendShares(amount, [
        { fileId: 'x', declaredCents: 3 },
        { fileId: 'y', declaredCents: 1_000_003 },
        { fileId: 'z', declaredCents: 77_777 },
      ]);
      expect(shares.reduce((t, s) => t + s.amountCents, 0)).toBe(amount);
    }
    expect(dividendShares(25_000, [{ fileId: 'only', declaredCents: 158_154 }])).toEqual([
      { fileId: 'only', amountCents: 25_000 },
    ]);
  });

  it('caps dividends at the admitted amount', () => {
    expect(dividendFits(150_000, 100_000, 50_000)).toBe(true);
    expect(dividendFits(150_000, 100_000, 50_001)).toBe(false);
    expect(dividendFits(null, 0, 1)).toBe(false);
  });
});
