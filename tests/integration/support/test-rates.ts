import pg from 'pg';

/**
 * Rates past the published series, for this test database only: the engine's tests run scenarios in 2027, and
 * a step that would send an estimated amount waits for its rate (lib/scenarios/guards.ts, RATES_NOT_PUBLISHED).
 * The figures repeat those of 2026 H1 so that amounts stay what the tests worked out by hand; nothing here is a
 * published rate. The first half-year left open is 2028 H1 (TEST_RATES_END), which the rate tests fill in.
 */
export const TEST_RATES_END = '2027-12-31';

export async function addTestRates(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO legal_rate (country, valid_from, valid_to, individual_bps, other_bps, decided_on, published_ref) VALUES
        ('FR', '2026-07-01', '2026-12-31', 667, 262, '2026-06-15', 'test data'),
        ('FR', '2027-01-01', '2027-06-30', 667, 262, '2026-12-15', 'test data'),
        ('FR', '2027-07-01', '2027-12-31', 667, 262, '2027-06-15', 'test data');
      INSERT INTO reference_rate (kind, valid_from, rate_bps, decided_on, published_ref) VALUES
        ('ECB_MRO', '2026-07-01', 215, '2026-06-11', 'test data'),
        ('ECB_MRO', '2027-01-01', 215, '2026-12-17', 'test data'),
        ('ECB_MRO', '2027-07-01', 215, '2027-06-10', 'test data');`);
  } finally {
    await client.end();
  }
}
