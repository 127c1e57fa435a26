import { isTimelineKind, TIMELINE_KINDS } from '@/lib/history/kinds';
import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret } from '../../lib/cases/identifiers';
import { STATUS_PHASE } from '../../lib/cases/rules';
import { buildAgencyDataset, type AgencyDataset } from '../../lib/demo/agency-dataset';
import { DAY_MS, MAX_DUE_AGE_DAYS, buildSiren, buildSiret, createFactoryContext } from '../../lib/demo/factories';

const NOW = new Date('2026-03-15T10:30:00Z');

/** Ids from a counter, so two builds with one seed can be compared whole. */
function counterIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

function dataset(seed: number, files = 200): AgencyDataset {
  const ctx = createFactoryContext({ seed, now: NOW, newId: counterIds() });
  return buildAgencyDataset(ctx, { slug: 'test', name: 'Test Recouvrement', files, passwordHash: 'hash' });
}

const data = dataset(42);

describe('company identifiers', () => {
  it('gives every company debtor a valid SIREN and a valid SIRET of that SIREN', () => {
    const companies = data.debtors.filter((d) => d.kind === 'COMPANY');
    expect(companies.length).toBeGreaterThan(0);
    for (const d of companies) {
      expect(isValidSiren(d.siren!), d.siren!).toBe(true);
      expect(isValidSiret(d.siret!), d.siret!).toBe(true);
      expect(d.siret!.startsWith(d.siren!)).toBe(true);
    }
  });

  it('never gives a person a SIREN', () => {
    for (const d of data.debtors.filter((x) => x.kind === 'PERSON')) {
      expect(d).toMatchObject({ siren: null, siret: null, companyName: null });
      expect(d.lastName).toBeTruthy();
    }
  });

  it('makes valid numbers for many seeds', () => {
    const { faker } = createFactoryContext({ seed: 1 });
    for (let i = 0; i < 500; i++) {
      const siren = buildSiren(faker);
      expect(isValidSiren(siren)).toBe(true);
      expect(isValidSiret(buildSiret(faker, siren))).toBe(true);
    }
  });

  it('gives the agency and its creditors valid SIRENs', () => {
    for (const siren of [data.agency.siren, ...data.creditors.map((c) => c.siren)])
      expect(isValidSiren(siren)).toBe(true);
  });
});

describe('debtors and contact points', () => {
  it('is mostly people, about a third companies', () => {
    const share = data.debtors.filter((d) => d.kind === 'PERSON').length / data.debtors.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.8);
  });

  it('gives every debtor an address with a five-digit postcode', () => {
    for (const d of data.debtors) {
      const addresses = data.contactPoints.filter((c) => c.debtorId === d.id && c.kind === 'ADDRESS');
      expect(addresses.length).toBeGreaterThan(0);
      for (const a of addresses) expect(a.postcode).toMatch(/^[0-9]{5}$/);
    }
  });

  it('stores phones in E.164 and e-mails on reserved example domains', () => {
    for (const c of data.contactPoints) {
      if (c.kind === 'PHONE') expect(c.phone).toMatch(/^\+33[1-9][0-9]{8}$/);
      if (c.kind === 'EMAIL') expect(c.email).toMatch(/^[a-z0-9.]+@([a-z0-9-]+\.)?example\.(com|net|org)$/);
    }
  });
});

describe('files', () => {
  it('makes exactly the files asked for, each creditor getting some', () => {
    expect(data.files).toHaveLength(200);
    for (const c of data.creditors) expect(data.files.some((f) => f.creditorId === c.id)).toBe(true);
    const tiny = dataset(7, 3);
    expect(new Set(tiny.files.map((f) => f.creditorId)).size).toBe(3);
  });

  it('keeps every status in the phase STATUS_PHASE gives it, and closes exactly the closed ones', () => {
    for (const f of data.files) {
      expect(f.phase).toBe(STATUS_PHASE[f.status]);
      expect(f.closedAt !== null).toBe(f.phase === 'CLOSED');
      if (f.closedAt) expect(f.closedAt.getTime()).toBeGreaterThan(f.placedAt.getTime());
    }
    expect(new Set(data.files.map((f) => f.status)).size).toBeGreaterThanOrEqual(8);
  });

  it('sends to court only under a judicial mandate', () => {
    const judicial = new Set(data.mandates.filter((m) => m.scope === 'AMICABLE_AND_JUDICIAL').map((m) => m.id));
    for (const f of data.files.filter((x) => x.status === 'AWAITING_JUDICIAL'))
      expect(judicial.has(f.mandateId)).toBe(true);
  });

  it('places a file after its oldest due date, after its mandate started, and before now', () => {
    const mandateStart = new Map(data.mandates.map((m) => [m.id, m.startsOn]));
    for (const f of data.files) {
      const claims = data.claims.filter((c) => c.fileId === f.id);
      const oldest = Math.min(...claims.map((c) => c.dueOn.getTime()));
      expect(f.placedAt.getTime()).toBeGreaterThan(oldest);
      expect(f.placedAt.getTime()).toBeGreaterThan(mandateStart.get(f.mandateId)!.getTime());
      expect(f.placedAt.getTime()).toBeLessThan(NOW.getTime());
    }
  });

  it('lists files in placement order', () => {
    const times = data.files.map((f) => f.placedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('claims', () => {
  it('has 1 to 4 claims per file', () => {
    for (const f of data.files) {
      const n = data.claims.filter((c) => c.fileId === f.id).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
    }
  });

  it('is due on or after issue, within the two years before today, in positive whole cents from €35 to €25,000', () => {
    const earliest = NOW.getTime() - (MAX_DUE_AGE_DAYS + 1) * DAY_MS;
    for (const c of data.claims) {
      expect(c.dueOn.getTime()).toBeGreaterThanOrEqual(c.issuedOn.getTime());
      expect(c.dueOn.getTime()).toBeGreaterThan(earliest);
      expect(c.dueOn.getTime()).toBeLessThan(NOW.getTime());
      expect(Number.isInteger(c.principalCents)).toBe(true);
      expect(c.principalCents).toBeGreaterThanOrEqual(3_500);
      expect(c.principalCents).toBeLessThanOrEqual(2_500_000);
      expect(c.currency).toBe('EUR');
    }
  });

  it('skews to small amounts', () => {
    const sorted = data.claims.map((c) => c.principalCents).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(100_000);
  });

  it('numbers invoices uniquely per creditor, and across the agency', () => {
    const keys = data.claims.map((c) => `${c.creditorId}/${c.invoiceNumber}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(data.claims.map((c) => c.invoiceNumber)).size).toBe(data.claims.length);
    for (const c of data.claims) expect(c.invoiceNumber).toMatch(/^[A-Z]{2,4}-20[0-9]{2}-[0-9]{6}$/);
  });

  it('files each claim under its file’s creditor', () => {
    const creditorOf = new Map(data.files.map((f) => [f.id, f.creditorId]));
    for (const c of data.claims) expect(c.creditorId).toBe(creditorOf.get(c.fileId));
  });
});

describe('activities', () => {
  it('opens every timeline with the placement, then goes forward in time up to the close or now', () => {
    for (const f of data.files) {
      const timeline = data.activities.filter((a) => a.fileId === f.id);
      expect(timeline[0]).toMatchObject({ kind: 'file.placed', occurredAt: f.placedAt });
      for (let i = 1; i < timeline.length; i++) {
        expect(timeline[i]!.occurredAt.getTime()).toBeGreaterThan(timeline[i - 1]!.occurredAt.getTime());
      }
      const last = timeline.at(-1)!.occurredAt;
      expect(last.getTime()).toBeLessThanOrEqual((f.closedAt ?? NOW).getTime());
      if (f.closedAt) expect(last).toEqual(f.closedAt);
      expect(f.updatedAt).toEqual(last);
    }
  });

  it('writes lines the timeline can show: known kinds with the values their message needs, no sentence', () => {
    for (const a of data.activities) {
      expect(isTimelineKind(a.kind)).toBe(true);
      expect(TIMELINE_KINDS[a.kind].safeParse(a.details).success).toBe(true);
      expect(a).not.toHaveProperty('summary');
    }
    const promises = data.activities.filter((a) => a.kind === 'contact.call' && a.details.outcome === 'PROMISE');
    expect(promises.length).toBeGreaterThan(0);
    for (const p of promises) expect(p.details.dueOn! > p.occurredAt.toISOString().slice(0, 10)).toBe(true);
  });
});

describe('staff', () => {
  it('has one member per role, the creditor user bound to the first creditor', () => {
    expect(data.identities.map((i) => i.email)).toEqual([
      'admin@test.demo',
      'manager@test.demo',
      'agent@test.demo',
      'creditor@test.demo',
    ]);
    for (const m of data.memberships) expect(m.creditorId).toBe(m.role === 'CREDITOR' ? data.creditors[0]!.id : null);
  });
});

describe('determinism', () => {
  it('builds the same data from the same seed', () => {
    expect(dataset(42)).toEqual(data);
  });

  it('builds different data from another seed', () => {
    expect(dataset(43).debtors.map((d) => d.displayName)).not.toEqual(data.debtors.map((d) => d.displayName));
  });
});
