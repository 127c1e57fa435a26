import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCompanyEvent } from '../../lib/cases/record-company-event';
import { seedAgency } from '../../lib/demo/seed-agency';
import { decideClaimDeclaration } from '../../lib/insolvency/decide-claim-declaration';
import { claimDeclarationData } from '../../lib/insolvency/declaration-data';
import { fileClaimDeclaration } from '../../lib/insolvency/file-claim-declaration';
import { DECLARATION_MESSAGES as M } from '../../lib/insolvency/messages';
import { fileInsolvency } from '../../lib/insolvency/queries';
import { recordDividend } from '../../lib/insolvency/record-dividend';
import { fileLinkedDeclaration } from '../../lib/insolvency/file-linked-declaration';
import { readStored } from '../../lib/storage/documents';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile } from './support/scenario-fixtures';

// One declaration per creditor and proceedings (issue 14): a creditor with two files against a debtor in
// receivership declares both files' claims in one document, with one deadline; another creditor of the same debtor
// declares its own. Receivership opened on Monday 16 March 2026, published in the BODACC on 27 March: the deadline
// is Wednesday 27 May 2026.

const owner = ownerDb();
const day = (d: string) => new Date(`${d}T00:00:00Z`);
let tenantId: string;
let agent: Actor;
let creditorUser: Actor;
let debtorId: string;
let creditorId: string;
/** A and B: the creditor's two files with claims to declare; D: its third file, born after the judgment; C: another creditor's. */
const f: Record<'A' | 'B' | 'C' | 'D' | 'E', { id: string; reference: string }> = {} as never;

async function addFile(
  creditor: string,
  claim: { invoice: string; issuedOn: string; dueOn: string; cents: bigint },
): Promise<{ id: string; reference: string }> {
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId, creditorId: creditor } });
  const file = await owner.caseFile.create({
    data: {
      tenantId,
      creditorId: creditor,
      debtorId,
      mandateId: mandate.id,
      status: 'IN_PROGRESS',
      phase: 'AMICABLE',
      nature: 'B2B',
      placedAt: new Date('2026-02-20T08:00:00Z'),
    },
  });
  await owner.claim.create({
    data: {
      tenantId,
      fileId: file.id,
      creditorId: creditor,
      invoiceNumber: `${claim.invoice}-${file.id.slice(0, 6)}`,
      nature: 'B2B',
      issuedOn: day(claim.issuedOn),
      dueOn: day(claim.dueOn),
      principalCents: claim.cents,
    },
  });
  return { id: file.id, reference: file.reference };
}

/** The PDF's text as pdftotext reads it, lines joined (the renderer wraps sentences). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'declaration-'));
  writeFileSync(path.join(dir, 'in.pdf'), pdf);
  return execFileSync('pdftotext', [path.join(dir, 'in.pdf'), '-'])
    .toString()
    .replace(/\s+/g, ' ');
}

const version = async (id: string) => (await owner.caseFile.findFirstOrThrow({ where: { tenantId, id } })).version;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('per-creditor'),
    name: 'Déclarations par créancier',
    seed: 43,
    files: 1,
    password: 'x-password-1',
  }));
  agent = await actorFor(owner, tenantId, 'AGENT');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  const first = await makeDebtorFile(owner, tenantId, { kind: 'COMPANY' });
  const file = await owner.caseFile.update({
    where: { tenantId_id: { tenantId, id: first } },
    // Placed before the judgment like the others, so a dividend of November is not dated before its placement.
    data: { status: 'IN_PROGRESS', phase: 'AMICABLE', placedAt: new Date('2026-02-20T08:00:00Z') },
  });
  debtorId = file.debtorId;
  creditorId = file.creditorId;
  // A: the fixture's claim, made €1,200 issued 1 November 2025, due 1 December 2025 (as in claim-declaration.test).
  const [fixture] = await owner.claim.findMany({ where: { tenantId, fileId: first } });
  await owner.claim.update({
    where: { tenantId_id: { tenantId, id: fixture!.id } },
    data: { issuedOn: day('2025-11-01'), dueOn: day('2025-12-01'), principalCents: 120_000n },
  });
  f.A = { id: first, reference: file.reference };
  // B: €500 issued 5 January 2026, due 4 February 2026.
  f.B = await addFile(creditorId, { invoice: 'B', issuedOn: '2026-01-05', dueOn: '2026-02-04', cents: 50_000n });
  // D: issued 20 March 2026, after the judgment (L622-17): nothing to declare.
  f.D = await addFile(creditorId, { invoice: 'D', issuedOn: '2026-03-20', dueOn: '2026-04-20', cents: 70_000n });
  const other = await owner.creditor.findFirstOrThrow({ where: { tenantId, id: { not: creditorId } } });
  // C: another creditor's €300, issued 1 December 2025, due 31 December 2025.
  f.C = await addFile(other.id, { invoice: 'C', issuedOn: '2025-12-01', dueOn: '2025-12-31', cents: 30_000n });

  await recordCompanyEvent({
    actor: agent,
    now: new Date('2026-04-01T08:00:00Z'),
    input: {
      fileId: f.A.id,
      expectedVersion: await version(f.A.id),
      kind: 'RECEIVERSHIP',
      occurredOn: '2026-03-16',
      publishedOn: '2026-03-27',
      courtSeat: 'METROPOLE',
      administratorName: 'SELARL Mandatum, Me Claire Dupont',
      administratorStreet: '4 quai Jules Courmont',
      administratorPostcode: '69002',
      administratorCity: 'Lyon',
    },
  });
});
afterAll(() => owner.$disconnect());

describe('one declaration per creditor and proceedings', () => {
  it('drafts one letter with the claims of both of the creditor’s files, whichever file it is asked from', async () => {
    // A, on the judgment day (penalties to 15 March, ECB 2.15 % + 10 = 12.15 %):
    //   2–31 Dec 2025, 30 days: 120 000 × 1215 × 30 / 3 650 000 = 1 198.36 → 1 198
    //   1 Jan–15 Mar 2026, 74 days: 120 000 × 1215 × 74 / 3 650 000 = 2 955.95 → 2 956
    //   120 000 + 4 154 + 4 000 (the €40) = 128 154.
    // B: 5 Feb–15 Mar 2026, 24 + 15 = 39 days: 50 000 × 1215 × 39 / 3 650 000 = 649.11 → 649;
    //   50 000 + 649 + 4 000 = 54 649. Together 182 803.
    for (const from of [f.A, f.B]) {
      const { data } = await claimDeclarationData({ actor: agent, fileId: from.id });
      expect(data.due.map((c) => [c.dueOn, c.principalCents, c.interestCents, c.indemnityCents, c.dueCents])).toEqual([
        ['2025-12-01', 120_000, 4154, 4000, 128_154],
        ['2026-02-04', 50_000, 649, 4000, 54_649],
      ]);
      expect(data.toFallDue).toEqual([]);
      expect(data.file.reference.split(', ').sort()).toEqual([f.A.reference, f.B.reference].sort());
      expect(data.proceedings.deadline).toBe('2026-05-27');
      // C is another creditor's, D has nothing born before the judgment.
      expect(data.due.some((c) => c.invoiceNumber.startsWith('C-') || c.invoiceNumber.startsWith('D-'))).toBe(false);
    }
  });

  it('files it once for both files: one row, each file’s share, both follow-ups done', async () => {
    const result = await fileClaimDeclaration({
      actor: agent,
      input: { fileId: f.B.id, expectedVersion: await version(f.B.id), filedOn: '2026-04-20', powerOn: '2026-04-15' },
    });
    expect(result).toMatchObject({ declaredCents: 182_803, toFallDueCents: 0, late: false });
    expect([...result.fileIds].sort()).toEqual([f.A.id, f.B.id].sort());
    const rows = await owner.claimDeclaration.findMany({ where: { tenantId, creditorId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fileId: f.B.id, declaredCents: 182_803n, status: 'FILED' });
    const shares = await owner.claimDeclarationFile.findMany({ where: { tenantId, declarationId: rows[0]!.id } });
    expect(Object.fromEntries(shares.map((s) => [s.fileId, Number(s.declaredCents)]))).toEqual({
      [f.A.id]: 128_154,
      [f.B.id]: 54_649,
    });
    const tasks = await owner.task.findMany({ where: { tenantId, kind: 'INSOLVENCY_FOLLOW_UP' } });
    const status = Object.fromEntries(tasks.map((t) => [t.fileId, t.status]));
    expect([status[f.A.id], status[f.B.id], status[f.C.id]]).toEqual(['DONE', 'DONE', 'OPEN']);
    for (const [file, share] of [
      [f.A, 128_154],
      [f.B, 54_649],
    ] as const) {
      const line = await owner.activity.findFirstOrThrow({
        where: { tenantId, fileId: file.id, kind: 'declaration.filed' },
      });
      expect(line.details).toMatchObject({ declaredCents: share, files: 2, totalCents: 182_803 });
    }
    expect(await owner.activity.count({ where: { tenantId, fileId: f.D.id, kind: 'declaration.filed' } })).toBe(0);
  });

  it('shows the common declaration on each of the two files, not on the other creditor’s', async () => {
    const a = await fileInsolvency(agent, f.A.id);
    expect(a).toMatchObject({
      deadlineState: 'FILED',
      declaration: { status: 'FILED', declaredCents: 182_803, fileDeclaredCents: 128_154 },
    });
    expect(a!.declaration!.files.map((x) => x.reference).sort()).toEqual([f.A.reference, f.B.reference].sort());
    expect(await fileInsolvency(agent, f.C.id)).toMatchObject({ declaration: null });
  });

  it('refuses a second declaration for the creditor, from either file, and writes nothing', async () => {
    for (const from of [f.A, f.D]) {
      await expect(
        fileClaimDeclaration({
          actor: agent,
          input: {
            fileId: from.id,
            expectedVersion: await version(from.id),
            filedOn: '2026-04-21',
            powerOn: '2026-04-15',
          },
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT', message: M.alreadyFiled });
    }
    expect(await owner.claimDeclaration.count({ where: { tenantId } })).toBe(1);
    // The database holds the rule too: one declaration per creditor and proceedings, one per file and proceedings.
    const [row] = await owner.claimDeclaration.findMany({ where: { tenantId } });
    await expect(
      owner.claimDeclaration.create({
        data: {
          tenantId,
          fileId: f.D.id,
          creditorId,
          companyEventId: row!.companyEventId,
          filedOn: day('2026-04-21'),
          powerOn: day('2026-04-15'),
          declaredCents: 1n,
        },
      }),
    ).rejects.toThrow(/claim_declaration_creditor_event_key|Unique constraint/);
  });

  it('lets the other creditor declare its own claim', async () => {
    const result = await fileClaimDeclaration({
      actor: agent,
      input: { fileId: f.C.id, expectedVersion: await version(f.C.id), filedOn: '2026-04-22', powerOn: '2026-04-15' },
    });
    expect(result.fileIds).toEqual([f.C.id]);
    expect(await owner.claimDeclaration.count({ where: { tenantId } })).toBe(2);
  });

  it('records the outcome once, on both files of the declaration', async () => {
    await decideClaimDeclaration({
      actor: agent,
      input: {
        fileId: f.A.id,
        expectedVersion: await version(f.A.id),
        outcome: 'PART_ADMITTED',
        admitted: '1500,00',
        decidedOn: '2026-06-10',
      },
    });
    for (const file of [f.A, f.B]) {
      expect(await fileInsolvency(agent, file.id)).toMatchObject({
        declaration: { status: 'PART_ADMITTED', admittedCents: 150_000 },
      });
      const line = await owner.activity.findFirstOrThrow({
        where: { tenantId, fileId: file.id, kind: 'declaration.decided' },
      });
      expect(line.details).toMatchObject({ outcome: 'PART_ADMITTED', admittedCents: 150_000, declaredCents: 182_803 });
    }
    expect(await fileInsolvency(agent, f.C.id)).toMatchObject({ declaration: { status: 'FILED' } });
  });

  it('splits a dividend over the two files in proportion to what each declared, one payment each', async () => {
    // €300.00 on 182 803 declared (decision 0021): A 30 000 × 128 154 / 182 803 = 21 031.49 → 21 031; B
    // 30 000 × 54 649 / 182 803 = 8 968.50 → 8 968; the cent left goes to the larger remainder, B: 8 969.
    const before = await version(f.A.id);
    const result = await recordDividend({
      actor: agent,
      input: { fileId: f.B.id, expectedVersion: await version(f.B.id), amount: '300', receivedOn: '2026-11-20' },
    });
    expect(result).toMatchObject({ amountCents: 30_000, dividendsCents: 30_000, fileId: f.B.id });
    const shares = Object.fromEntries(result.shares.map((s) => [s.fileId, s.amountCents]));
    expect(shares).toEqual({ [f.A.id]: 21_031, [f.B.id]: 8_969 });
    for (const share of result.shares) {
      const payment = await owner.payment.findFirstOrThrow({ where: { tenantId, id: share.paymentId } });
      expect(payment.fileId).toBe(share.fileId);
      expect(Number(payment.amountCents)).toBe(share.amountCents);
      const allocated = await owner.allocation.aggregate({
        where: { tenantId, paymentId: payment.id },
        _sum: { amountCents: true },
      });
      expect(Number(allocated._sum.amountCents)).toBe(share.amountCents);
      // Each file's creditor statement and books carry its own part.
      expect(await owner.creditorNotification.count({ where: { tenantId, paymentId: payment.id } })).toBe(1);
      const line = await owner.activity.findFirstOrThrow({
        where: { tenantId, fileId: share.fileId, kind: 'payment.recorded' },
      });
      expect(line.details).toMatchObject({ amountCents: share.amountCents, dividend: true });
    }
    expect(await owner.declarationDividend.count({ where: { tenantId, declarationId: result.declarationId } })).toBe(2);
    expect(await version(f.A.id)).toBe(before + 1);
    expect(result.fileVersion).toBe(await version(f.B.id));
    for (const file of [f.A, f.B])
      expect(await fileInsolvency(agent, file.id)).toMatchObject({ declaration: { dividendsCents: 30_000 } });
    // The other creditor's and the post-judgment file are untouched.
    expect(await owner.payment.count({ where: { tenantId, fileId: { in: [f.C.id, f.D.id] } } })).toBe(0);
  });

  it('refuses a dividend over what is left of the admitted amount and writes nothing', async () => {
    // Admitted 150 000, 30 000 paid: 120 001 is one cent too many.
    const payments = await owner.payment.count({ where: { tenantId } });
    await expect(
      recordDividend({
        actor: agent,
        input: { fileId: f.A.id, expectedVersion: await version(f.A.id), amount: '1200,01', receivedOn: '2026-11-21' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { amount: M.dividendOverAdmitted } });
    // A stale version of the form's file is refused before anything is split.
    await expect(
      recordDividend({
        actor: agent,
        input: { fileId: f.A.id, expectedVersion: (await version(f.A.id)) - 1, amount: '10', receivedOn: '2026-11-21' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await owner.payment.count({ where: { tenantId } })).toBe(payments);
  });

  it('files a supplementary declaration for a claim placed after the first: its own row, amounts and PDF', async () => {
    // E: a new file of the creditor, €800 issued 10 February 2026, due 28 February 2026, placed after the first
    // declaration. On the judgment day (16 March): 1–15 March, 15 days: 80 000 × 1215 × 15 / 3 650 000 = 399.45 → 399;
    // 80 000 + 399 + 4 000 = 84 399.
    f.E = await addFile(creditorId, { invoice: 'E', issuedOn: '2026-02-10', dueOn: '2026-02-28', cents: 80_000n });
    const first = await owner.claimDeclaration.findFirstOrThrow({ where: { tenantId, creditorId, kind: 'INITIAL' } });
    const firstPdf = await owner.document.findFirstOrThrow({ where: { tenantId, id: first.documentId! } });
    // The deadline (27 May 2026) has passed on 20 November: without the relief order's day it is refused.
    const input = {
      fileId: f.E.id,
      kind: 'SUPPLEMENTARY',
      filedOn: '2026-11-20',
      powerOn: '2026-11-18',
    };
    await expect(
      fileLinkedDeclaration({ actor: agent, input: { ...input, expectedVersion: await version(f.E.id) } }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { reliefOn: M.reliefRequired } });
    const result = await fileLinkedDeclaration({
      actor: agent,
      input: { ...input, expectedVersion: await version(f.E.id), reliefOn: '2026-11-10' },
    });
    expect(result).toMatchObject({
      kind: 'SUPPLEMENTARY',
      amendsId: first.id,
      declaredCents: 84_399,
      late: true,
      files: [{ fileId: f.E.id, declaredCents: 84_399 }],
    });
    const row = await owner.claimDeclaration.findFirstOrThrow({ where: { tenantId, id: result.declarationId } });
    expect(row).toMatchObject({ kind: 'SUPPLEMENTARY', amendsId: first.id, declaredCents: 84_399n, status: 'FILED' });
    expect(row.reliefOn?.toISOString().slice(0, 10)).toBe('2026-11-10');
    // The first declaration is untouched: its amount, its files, its PDF.
    const after = await owner.claimDeclaration.findFirstOrThrow({ where: { tenantId, id: first.id } });
    expect(after).toMatchObject({ declaredCents: 182_803n, documentId: first.documentId, status: first.status });
    expect(await owner.claimDeclarationFile.count({ where: { tenantId, declarationId: first.id } })).toBe(2);
    // Its own PDF, stored: a supplementary declaration, naming the first and the relief order, listing E only.
    const doc = await owner.document.findFirstOrThrow({ where: { tenantId, id: row.documentId! } });
    expect(doc.id).not.toBe(firstPdf.id);
    expect(doc.reference).toBe(`DC-${f.E.reference}-C1`);
    const text = pdfText(await readStored(doc.storageKey));
    expect(text).toContain('Déclaration de créance complémentaire');
    expect(text).toContain('complète notre déclaration du 20 avril 2026');
    expect(text).toContain('10 novembre 2026');
    expect(text).toContain('L622-26');
    expect(text).toContain(`E-${f.E.id.slice(0, 6)}`);
    expect(text).not.toContain(`B-${f.B.id.slice(0, 6)}`);
    if (process.env.DECLARATION_PDF_DIR)
      await writeFile(`${process.env.DECLARATION_PDF_DIR}/supplementary.pdf`, await readStored(doc.storageKey));
    if (process.env.DECLARATION_PDF_DIR)
      await writeFile(`${process.env.DECLARATION_PDF_DIR}/first.pdf`, await readStored(firstPdf.storageKey));
    // E now shows as declared, through the first declaration and the supplementary one; its timeline says so.
    expect(await fileInsolvency(agent, f.E.id)).toMatchObject({
      deadlineState: 'FILED',
      declaration: {
        declaredCents: 182_803,
        linked: [{ kind: 'SUPPLEMENTARY', declaredCents: 84_399, fileDeclaredCents: 84_399, reliefOn: '2026-11-10' }],
      },
    });
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId, fileId: f.E.id, kind: 'declaration.amended' },
    });
    expect(line.details).toMatchObject({
      kind: 'SUPPLEMENTARY',
      declaredCents: 84_399,
      late: true,
      firstFiledOn: '2026-04-20',
    });
    // Nothing is left to add: a second supplementary declaration is refused and writes nothing.
    await expect(
      fileLinkedDeclaration({
        actor: agent,
        input: { ...input, expectedVersion: await version(f.E.id), reliefOn: '2026-11-10' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: M.nothingNew });
    expect(await owner.claimDeclaration.count({ where: { tenantId, creditorId } })).toBe(2);
  });

  it('files a corrective declaration when a declared claim is credited: the file’s corrected amount, nothing else', async () => {
    // Nothing to correct while the amounts stand.
    const base = {
      fileId: f.A.id,
      kind: 'CORRECTIVE',
      filedOn: '2026-11-21',
      powerOn: '2026-11-18',
      reliefOn: '2026-11-10',
    };
    await expect(
      fileLinkedDeclaration({ actor: agent, input: { ...base, expectedVersion: await version(f.A.id) } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: M.nothingToCorrect });
    // B's invoice principal is brought to €300 (a partial credit note): on the judgment day, 39 days at 12.15 %:
    // 30 000 × 1215 × 39 / 3 650 000 = 389.47 → 389; 30 000 + 389 + 4 000 = 34 389 instead of 54 649.
    const [claimB] = await owner.claim.findMany({ where: { tenantId, fileId: f.B.id } });
    await owner.claim.update({
      where: { tenantId_id: { tenantId, id: claimB!.id } },
      data: { principalCents: 30_000n },
    });
    const result = await fileLinkedDeclaration({
      actor: agent,
      input: { ...base, expectedVersion: await version(f.A.id) },
    });
    expect(result).toMatchObject({
      kind: 'CORRECTIVE',
      declaredCents: 34_389,
      files: [{ fileId: f.B.id, declaredCents: 34_389 }],
    });
    const row = await owner.claimDeclaration.findFirstOrThrow({ where: { tenantId, id: result.declarationId } });
    const text = pdfText(
      await readStored(
        (await owner.document.findFirstOrThrow({ where: { tenantId, id: row.documentId! } })).storageKey,
      ),
    );
    expect(text).toContain('Déclaration de créance rectificative');
    // What the earlier declarations stated for B, replaced.
    expect(text).toMatch(/546,49/);
    expect(text).toMatch(/343,89/);
    expect(await fileInsolvency(agent, f.B.id)).toMatchObject({
      declaration: {
        linked: [
          { kind: 'SUPPLEMENTARY', fileDeclaredCents: null },
          { kind: 'CORRECTIVE', fileDeclaredCents: 34_389 },
        ],
      },
    });
    // The database keeps a linked declaration tied to a first one, and the first one single.
    await expect(
      owner.claimDeclaration.create({
        data: {
          tenantId,
          fileId: f.A.id,
          creditorId,
          companyEventId: row.companyEventId,
          kind: 'SUPPLEMENTARY',
          filedOn: day('2026-11-22'),
          powerOn: day('2026-11-18'),
          declaredCents: 1n,
        },
      }),
    ).rejects.toThrow(/claim_declaration_amends|check constraint/);
  });

  it('is not a creditor user’s to file or decide', async () => {
    await expect(
      fileClaimDeclaration({
        actor: creditorUser,
        input: { fileId: f.A.id, expectedVersion: await version(f.A.id), filedOn: '2026-04-20', powerOn: '2026-04-15' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(claimDeclarationData({ actor: creditorUser, fileId: f.A.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
