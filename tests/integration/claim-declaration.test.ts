import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { renderClaimDeclaration } from '../../lib/letters/claim-declaration';
import { claimDeclarationData, NO_PROCEEDINGS } from '../../lib/insolvency/declaration-data';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, TEST_IBAN } from './support/scenario-fixtures';

// The declaration of claims to the mandataire judiciaire (C. com. L622-24, L622-25, L622-28, R622-24), generated
// from a file whose debtor is in receivership, with the amounts owed on the judgment day computed by hand.

const owner = ownerDb();
let tenantId: string;
let agent: Actor;
let creditorUser: Actor;
let fileId: string;

async function setClaim(invoice: string, issuedOn: string, dueOn: string, cents: number, existing?: string) {
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
  const data = {
    issuedOn: new Date(`${issuedOn}T00:00:00Z`),
    dueOn: new Date(`${dueOn}T00:00:00Z`),
    principalCents: BigInt(cents),
  };
  if (existing) return owner.claim.update({ where: { tenantId_id: { tenantId, id: existing } }, data });
  return owner.claim.create({
    data: { tenantId, fileId, creditorId: file.creditorId, invoiceNumber: invoice, nature: 'B2B', ...data },
  });
}

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('declaration'),
    name: 'Déclarations',
    seed: 29,
    files: 2,
    password: 'x-password-1',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  agent = await actorFor(owner, tenantId, 'AGENT');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  fileId = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY' });
  const [fixture] = await owner.claim.findMany({ where: { tenantId, fileId } });
  // Receivership opened on Monday 16 March 2026, published in the BODACC on 27 March 2026.
  //  A (the fixture's claim): issued 2025-11-01, due 2025-12-01, €1,200: born and due before the judgment.
  //  B: issued 2026-03-02, due 2026-04-01, €300: born before, due after (a sum « à échoir », L622-25).
  //  C: issued 2026-03-20, due 2026-04-20, €500: born after the judgment (L622-17): not declared.
  await setClaim('A', '2025-11-01', '2025-12-01', 120_000, fixture!.id);
  await setClaim(`B-${fileId.slice(0, 6)}`, '2026-03-02', '2026-04-01', 30_000);
  await setClaim(`C-${fileId.slice(0, 6)}`, '2026-03-20', '2026-04-20', 50_000);
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
  await owner.companyEvent.create({
    data: {
      tenantId,
      debtorId: file.debtorId,
      kind: 'RECEIVERSHIP',
      courtSeat: 'METROPOLE',
      occurredOn: new Date('2026-03-16T00:00:00Z'),
      publishedOn: new Date('2026-03-27T00:00:00Z'),
    },
  });
});
afterAll(() => owner.$disconnect());

describe('the claim declaration', () => {
  it('declares what was owed on the judgment day, penalties stopped the day before', async () => {
    const { data, fileName } = await claimDeclarationData({ actor: agent, fileId });
    expect(fileName).toMatch(/^declaration-creance-D\d+\.pdf$/);
    // A: penalties from 2 December 2025 to 15 March 2026 (L622-28), ECB rate 2.15 % + 10 = 12.15 % in both
    // half-years (1 July 2025 and 1 January 2026):
    //   2 Dec–31 Dec 2025, 30 days: 120 000 × 1215 × 30 / 3 650 000 = 1 198.36 → 1 198
    //   1 Jan–15 Mar 2026, 74 days: 120 000 × 1215 × 74 / 3 650 000 = 2 955.95 → 2 956
    // 4 154 of penalties + the €40 indemnity: 120 000 + 4 154 + 4 000 = 128 154.
    expect(data.due).toEqual([
      {
        invoiceNumber: expect.stringMatching(/^SCN-/),
        issuedOn: '2025-11-01',
        dueOn: '2025-12-01',
        principalCents: 120_000,
        interestCents: 4154,
        indemnityCents: 4000,
        dueCents: 128_154,
      },
    ]);
    // B is not late on the judgment day: its principal only, to fall due on 1 April 2026.
    expect(data.toFallDue.map((c) => [c.dueOn, c.interestCents, c.indemnityCents, c.dueCents])).toEqual([
      ['2026-04-01', 0, 0, 30_000],
    ]);
    // R622-24: two months after the BODACC publication for a creditor in metropolitan France.
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId, name: data.creditor.name } });
    expect(creditor.postcode).toMatch(/^(?!9[78])\d{5}$/);
    expect(data.proceedings).toEqual({
      label: 'redressement judiciaire',
      openedOn: '2026-03-16',
      publishedOn: '2026-03-27',
      deadline: '2026-05-27',
    });
    const pdf = await renderClaimDeclaration(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.DECLARATION_PDF) await writeFile(process.env.DECLARATION_PDF, pdf);
  });

  it('is for the agency staff only (a creditor user gets a 404), and refused for a debtor without proceedings', async () => {
    await expect(claimDeclarationData({ actor: creditorUser, fileId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY' });
    await expect(claimDeclarationData({ actor: agent, fileId: other })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: NO_PROCEEDINGS,
    });
  });
});
