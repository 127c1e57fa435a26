import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { addEcbRate } from '../../lib/interest/add-ecb-rate';
import { addLegalRate } from '../../lib/interest/add-legal-rate';
import { rateCoverage } from '../../lib/interest/coverage';
import { loadRateTables } from '../../lib/interest/load-rates';
import { RATE_ERRORS as E } from '../../lib/interest/rate-entry';
import { ratesView } from '../../lib/interest/rate-queries';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// The rate tables are shared by every agency: an admin appends the next half-year, nobody rewrites one. The
// 2026 H2 figures below are test data (those of 2026 H1, so other test files computing in 2026 H2 get the same
// amounts); the real ones come from their arrêté.

const owner = ownerDb();
let tenantId: string;
let admin: Actor;
let manager: Actor;
let agent: Actor;
let web: pg.Client;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('rates'),
    name: 'Rates',
    seed: 7,
    files: 2,
    password: 'x-password-1',
  }));
  [admin, manager, agent] = await Promise.all([
    actorFor(owner, tenantId, 'ADMIN'),
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'AGENT'),
  ]);
  web = await appRoleClient();
});
afterAll(async () => {
  await web.end();
  await owner.$disconnect();
});

const h2 = {
  validFrom: '2026-07-01',
  individual: '6,67',
  other: '2,62',
  decidedOn: '2026-06-20',
  publishedRef: 'test',
};

describe('entering rates', () => {
  it('shows the tables to managers, not to agents, and lets only an admin add', async () => {
    const view = await ratesView({ actor: manager });
    expect(view.legal[0]).toMatchObject({
      validFrom: '2026-01-01',
      individualBps: 667,
      otherBps: 262,
      decidedOn: '2025-12-15',
    });
    expect(view.canAdd).toBe(false);
    await expect(ratesView({ actor: agent })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addLegalRate({ actor: manager, input: h2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addLegalRate({ actor: agent, input: h2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('appends the next half-year, audits it, and the cached tables see it at once', async () => {
    const before = await loadRateTables(owner);
    expect(rateCoverage(before, '2026-12-07').legal).toBe(false);

    await addLegalRate({ actor: admin, ip: '203.0.113.9', input: h2 });

    expect(rateCoverage(await loadRateTables(owner), '2026-12-07').legal).toBe(true);
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, action: 'legal_rate.add' } });
    expect(audit).toMatchObject({ entityId: '2026-07-01', ip: '203.0.113.9' });
    // The same half-year again is an overlap, refused on its field.
    await expect(addLegalRate({ actor: admin, input: h2 })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { validFrom: E.notNextHalfYear },
    });
  });

  it('confirms the ECB rate in force on 1 July 2026', async () => {
    await addEcbRate({
      actor: admin,
      input: { validFrom: '2026-07-01', rate: '2,15', decidedOn: '2026-06-11', publishedRef: '' },
    });
    expect(rateCoverage(await loadRateTables(owner), '2026-12-07').ecb).toBe(true);
  });

  it('leaves the web role no way to rewrite a rate or leave a gap', async () => {
    await expect(web.query(`UPDATE legal_rate SET other_bps = 1 WHERE valid_from = '2026-01-01'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(web.query(`DELETE FROM reference_rate WHERE valid_from = '2014-09-10'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      web.query(`INSERT INTO legal_rate (country, valid_from, valid_to, individual_bps, other_bps, decided_on)
                 VALUES ('FR', '2028-01-01', '2028-06-30', 500, 300, '2027-12-20')`),
    ).rejects.toThrow(/does not follow the last half-year/);
    await expect(
      web.query(
        `INSERT INTO reference_rate (kind, valid_from, rate_bps, decided_on) VALUES ('ECB_MRO', '2020-01-01', 0, '2019-12-12')`,
      ),
    ).rejects.toThrow(/is not after the last row/);
  });
});
