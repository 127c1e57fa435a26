import { describe, expect, it } from 'vitest';
import { loggedPath } from '../../lib/log/context';
import { scrubText } from '../../lib/log/scrub';
import { findPersonalData, requiredIds } from '../logs/personal-terms';

describe('scrubText', () => {
  it('masks e-mail addresses, phone numbers and the row values PostgreSQL quotes', () => {
    expect(scrubText('550 <jeanne.martin@example.fr> unknown')).toBe('550 <[email]> unknown');
    expect(scrubText('call +33 6 12 34 56 78 or 06.12.34.56.78')).toBe('call [phone] or [phone]');
    expect(scrubText('Key (tenant_id, email)=(1, a@b.fr) already exists.')).toBe(
      'Key (tenant_id, email)=(…) already exists.',
    );
    expect(scrubText('Failing row contains (Jeanne, Martin (née Roux), 12 rue X).')).toBe('Failing row contains (…).');
  });

  it('leaves ids, counts and timestamps readable', () => {
    const line = 'job 0f1e2d3c-0000-4000-8000-000000000012 took 1234 ms at 2026-12-08T00:04:40Z, 42 rows';
    expect(scrubText(line)).toBe(line);
  });
});

describe('loggedPath', () => {
  it("keeps a debtor's link and a reset link out of the log", () => {
    expect(loggedPath('/d/abcDEF123secret')).toBe('/d/…');
    expect(loggedPath('/signin/reset')).toBe('/signin/reset');
    expect(loggedPath('/files/0f1e2d3c-0000-4000-8000-000000000012')).toBe(
      '/files/0f1e2d3c-0000-4000-8000-000000000012',
    );
  });
});

describe('the log scan', () => {
  const terms = [
    { kind: 'name' as const, value: 'Jeanne Martin' },
    { kind: 'phone' as const, value: '+33612345678' },
    { kind: 'email' as const, value: 'jeanne.martin@example.fr' },
  ];

  it('finds a name in any case and a phone however it is written', () => {
    expect(findPersonalData('{"msg":"sent to JEANNE MARTIN"}', terms).map((f) => f.kind)).toEqual(['name']);
    expect(findPersonalData('{"msg":"sms to 06 12 34 56 78"}', terms).map((f) => f.kind)).toEqual(['phone']);
    expect(findPersonalData('{"msg":"mail captured: recipients=1"}', terms)).toEqual([]);
  });

  it('requires request lines and job lines with their ids', () => {
    const request = '{"requestId":"r","tenantId":"t","userId":"u","msg":"api request"}';
    const job = '{"jobId":"1","queue":"imports","tenantId":"t","msg":"job completed"}';
    expect(requiredIds(`${request}\n${job}`)).toEqual([]);
    expect(requiredIds(request)).toHaveLength(1);
    expect(requiredIds('worker ready')).toHaveLength(2);
  });
});
