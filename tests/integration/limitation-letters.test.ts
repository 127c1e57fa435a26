import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLimitationEvent } from '../../lib/cases/claim-limitation';
import { seedAgency } from '../../lib/demo/seed-agency';
import { buildLetter, fileBalance } from '../../lib/scenarios/letter-data';
import { guardFileOf } from '../../lib/scenarios/step/decide';
import { guardStep } from '../../lib/scenarios/guards';
import { loadStepFacts } from '../../lib/scenarios/step-facts';
import { MIGRATION_RATES as RATES } from '../fixtures/interest/migration-rates';
import { makeDebtorFile, TEST_IBAN } from './support/scenario-fixtures';
import { ownerDb, uniqueSlug } from './support/db';

// What a scenario's letter claims, from the facts the engine reads: a time-barred claim leaves the letter while the
// file goes on for the others; a claim born before an opening judgment is left for the declaration (C. com.
// L622-21) while one born after it is still claimed (L622-17); the guard reads the claims' own dates.

const owner = ownerDb();
let tenantId: string;
// Wednesday 10 March 2027, 10:00 in Paris.
const NOW = new Date('2027-03-10T09:00:00Z');
const TODAY = '2027-03-10';

async function addClaim(fileId: string, invoice: string, issuedOn: string, dueOn: string, cents: number) {
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
  return owner.claim.create({
    data: {
      tenantId,
      fileId,
      creditorId: file.creditorId,
      invoiceNumber: `${invoice}-${fileId.slice(0, 6)}`,
      nature: file.nature,
      issuedOn: new Date(`${issuedOn}T00:00:00Z`),
      dueOn: new Date(`${dueOn}T00:00:00Z`),
      principalCents: BigInt(cents),
    },
  });
}

async function facts(fileId: string) {
  const f = await loadStepFacts(owner, tenantId, fileId, NOW);
  if (!f) throw new Error('no facts');
  return f;
}

const letterStep = { kind: 'SIMPLE_LETTER', channel: 'LETTER' } as const;
function guard(f: Awaited<ReturnType<typeof facts>>) {
  const balance = fileBalance(f, TODAY, RATES);
  return guardStep({
    file: guardFileOf(f, balance),
    step: letterStep,
    contact: { status: 'VALID', optedOut: false },
    history: [],
    window: f.agency.window,
    caps: f.agency.caps,
    now: NOW,
  });
}

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('lim-letters'),
    name: 'Lettres et prescription',
    seed: 23,
    files: 2,
    password: 'x-password-1',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
});
afterAll(() => owner.$disconnect());

describe('a time-barred claim', () => {
  it('leaves the letter while the other claim stays, and the scenario goes on', async () => {
    // A consumer file: the fixture's claim (due 2026-12-31, L218-2: last day 2028-12-31) and an old one due
    // 2024-06-15, whose last day was 2026-06-15: time-barred on 2027-03-10.
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', principalCents: 120_000 });
    const old = await addClaim(fileId, 'OLD', '2024-05-15', '2024-06-15', 45_000);
    const f = await facts(fileId);
    const balance = fileBalance(f, TODAY, RATES);
    expect(balance.setAside).toEqual([{ invoiceNumber: old.invoiceNumber, reason: 'TIME_BARRED', dueCents: 45_000 }]);
    // No formal notice: no interest on a consumer claim (C. civ. 1231-6); the letter claims €1,200 only.
    expect(balance.dueCents).toBe(120_000);
    const letter = buildLetter(f, {
      channel: 'SIMPLE_LETTER',
      reference: 'L-TEST',
      today: TODAY,
      deadline: null,
      balance,
    });
    if (letter.kind !== 'reminder') throw new Error(letter.kind);
    expect(letter.data.claims.map((c) => c.invoiceNumber)).toEqual([
      f.claims.find((c) => c.id !== old.id)!.invoiceNumber,
    ]);
    expect(letter.data.totals.dueCents).toBe(120_000);
    expect(guard(f).decision).not.toBe('STOP');
  });

  it('stops the scenario once every claim is time-barred, as LIMITATION_EXPIRED, not as paid', async () => {
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON' });
    // The fixture's claim is moved back to 2024-06-15 (last day 2026-06-15).
    await owner.claim.updateMany({
      where: { tenantId, fileId },
      data: {
        issuedOn: new Date('2024-05-15T00:00:00Z'),
        dueOn: new Date('2024-06-15T00:00:00Z'),
        limitationOn: new Date('2026-06-15T00:00:00Z'),
      },
    });
    expect(guard(await facts(fileId))).toEqual({ decision: 'STOP', reason: 'LIMITATION_EXPIRED' });
  });

  it('a payment before the end restarts the claim: it is claimed again (C. civ. 2240)', async () => {
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON' });
    const old = await addClaim(fileId, 'OLD', '2024-05-15', '2024-06-15', 45_000);
    // Acknowledged on 2026-05-20, before 2026-06-15: a new 2-year period, last day 2028-05-20.
    await recordLimitationEvent(owner, {
      tenantId,
      fileId,
      claimIds: [old.id],
      kind: 'WRITTEN_ACKNOWLEDGMENT',
      on: '2026-05-20',
    });
    const f = await facts(fileId);
    expect(f.claims.find((c) => c.id === old.id)?.limitationOn).toBe('2028-05-20');
    const balance = fileBalance(f, TODAY, RATES);
    expect(balance.setAside).toEqual([]);
    expect(balance.claims).toHaveLength(2);
  });
});

describe('collective proceedings (C. com. L622-21, L622-17, L622-28)', () => {
  it('sets aside the claims born before the opening judgment and claims the one born after it', async () => {
    // A company: the fixture's claim was issued 2026-12-01 (before the judgment of 2027-01-15), a second one
    // issued 2027-02-01, due 2027-03-01 (after it).
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY', principalCents: 100_000 });
    const after = await addClaim(fileId, 'POST', '2027-02-01', '2027-03-01', 50_000);
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
    await owner.companyEvent.create({
      data: {
        tenantId,
        debtorId: file.debtorId,
        kind: 'RECEIVERSHIP',
        courtSeat: 'METROPOLE',
        occurredOn: new Date('2027-01-15T00:00:00Z'),
        publishedOn: new Date('2027-01-25T00:00:00Z'),
      },
    });
    const f = await facts(fileId);
    expect(f.openingJudgmentOn).toBe('2027-01-15');
    const balance = fileBalance(f, TODAY, RATES);
    // The pre-opening claim, due 2026-12-31: penalties from 1 to 14 January 2027 only (the judgment stops them,
    // L622-28), plus the €40 (late since 1 January). Rate: 2027 H1 is past the tables, an estimate, but only
    // the amount set aside carries it; the post-opening claim (due 2027-03-01) accrues 9 days in 2027 H1 too.
    expect(balance.setAside.map((c) => [c.reason, c.dueCents > 100_000 + 4000])).toEqual([['DECLARE', true]]);
    expect(balance.claims.map((c) => c.invoiceNumber)).toEqual([after.invoiceNumber]);
    const decision = guard(f);
    expect(decision).not.toMatchObject({ reason: 'INSOLVENCY_PROCEEDINGS' });
  });

  it('stops the scenario when every claim owed was born before the judgment', async () => {
    const fileId = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY' });
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
    await owner.companyEvent.create({
      data: {
        tenantId,
        debtorId: file.debtorId,
        kind: 'LIQUIDATION',
        courtSeat: 'METROPOLE',
        occurredOn: new Date('2027-01-15T00:00:00Z'),
      },
    });
    expect(guard(await facts(fileId))).toEqual({ decision: 'STOP', reason: 'INSOLVENCY_PROCEEDINGS' });
  });
});
