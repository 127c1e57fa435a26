import { describe, expect, it } from 'vitest';
import { readJobProgress } from '../../lib/imports/job-progress';

describe('an import job progress read back from Redis', () => {
  it('gives the rows read, then the step being written', () => {
    expect(readJobProgress({ rows: 1200 })).toEqual({ rows: 1200, writing: null });
    expect(readJobProgress({ rows: 5000, writing: { step: 'files', index: 3, of: 5 } })).toEqual({
      rows: 5000,
      writing: { step: 'files', index: 3, of: 5 },
    });
  });

  it('reads anything else as nothing done yet, and ignores a step it does not know', () => {
    expect(readJobProgress(undefined)).toEqual({ rows: 0, writing: null });
    expect(readJobProgress(42)).toEqual({ rows: 0, writing: null });
    expect(readJobProgress({ rows: -3 })).toEqual({ rows: 0, writing: null });
    expect(readJobProgress({ rows: 10, writing: { step: 'payments', index: 1, of: 5 } })).toEqual({
      rows: 10,
      writing: null,
    });
  });
});
