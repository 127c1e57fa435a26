import { describe, expect, it } from 'vitest';
import { erasureBars } from '../../lib/privacy/erasure-rules';

const today = '2026-12-08';

describe('erasureBars', () => {
  it('allows erasure when every file is closed, every claim time-barred and no payment in ten years', () => {
    expect(
      erasureBars({
        today,
        files: [{ reference: 'D1', closed: true, limitationOn: '2020-01-01' }],
        lastPaymentOn: '2016-12-07',
      }),
    ).toEqual([]);
  });

  it('names each open file', () => {
    expect(
      erasureBars({
        today,
        files: [
          { reference: 'D1', closed: false, limitationOn: null },
          { reference: 'D2', closed: true, limitationOn: null },
          { reference: 'D3', closed: false, limitationOn: null },
        ],
        lastPaymentOn: null,
      }),
    ).toEqual([
      { kind: 'OPEN_FILE', reference: 'D1' },
      { kind: 'OPEN_FILE', reference: 'D3' },
    ]);
  });

  it('waits for the latest limitation day, the day itself included', () => {
    const files = [
      { reference: 'D1', closed: true, limitationOn: '2027-03-01' },
      { reference: 'D2', closed: true, limitationOn: '2029-06-30' },
      { reference: 'D3', closed: true, limitationOn: '2025-01-01' },
    ];
    expect(erasureBars({ today, files, lastPaymentOn: null })).toEqual([
      { kind: 'LIMITATION', reference: 'D2', until: '2029-06-30' },
    ]);
    expect(erasureBars({ today: '2029-06-30', files, lastPaymentOn: null }).map((b) => b.kind)).toEqual(['LIMITATION']);
    expect(erasureBars({ today: '2029-07-01', files, lastPaymentOn: null })).toEqual([]);
  });

  it('keeps accounting records ten years after the last payment', () => {
    const files = [{ reference: 'D1', closed: true, limitationOn: null }];
    expect(erasureBars({ today, files, lastPaymentOn: '2020-02-29' })).toEqual([
      { kind: 'ACCOUNTING', until: '2030-02-28' },
    ]);
    expect(erasureBars({ today, files, lastPaymentOn: '2016-12-08' })).toEqual([
      { kind: 'ACCOUNTING', until: '2026-12-08' },
    ]);
  });
});
