import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfReference } from '../../lib/bank/creditor-reference';
import { importStatement } from '../../lib/reconciliation/import-statement';
import { addDays, dayIn } from '../../lib/dates/days';
import { inTenant } from '../../lib/db/tenant';
import { seedAgency } from '../../lib/demo/seed-agency';
import { AppError } from '../../lib/errors/app-error';
import { scopeOf, type Actor } from '../../lib/tenancy/actor';
import { camt053, type FixtureEntry } from '../fixtures/bank/statements';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
const IBAN = 'FR7630006000011234567890189';
const today = dayIn('Europe/Paris');
let tenantA: string;
let slugA: string;
let manager: Actor;
let creditorUser: Actor;
let managerB: Actor;

interface TestFile {
  id: string;
  reference: string;
}

/** A file of agency A, placed last year, owing one invoice of `principalCents` to the creditor user's creditor. */
async function makeFile(debtorName: string, principalCents: number): Promise<TestFile> {
  const creditorId = creditorUser.creditorId!;
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, creditorId } });
  const debtor = await owner.debtor.create({
    data: { tenantId: tenantA, kind: 'COMPANY', displayName: debtorName, companyName: debtorName },
  });
  const file = await owner.caseFile.create({
    data: {
      tenantId: tenantA,
      creditorId,
      debtorId: debtor.id,
      mandateId: mandate.id,
      status: 'IN_PROGRESS',
      phase: 'AMICABLE',
      nature: 'B2B',
      placedAt: new Date(`${addDays(today, -200)}T08:00:00Z`),
    },
  });
  await owner.claim.create({
    data: {
      tenantId: tenantA,
      fileId: file.id,
      creditorId,
      invoiceNumber: `BANK-${randomUUID().slice(0, 8)}`,
      issuedOn: new Date(`${addDays(today, -260)}T00:00:00Z`),
      dueOn: new Date(`${addDays(today, -230)}T00:00:00Z`),
      principalCents: BigInt(principalCents),
      nature: 'B2B',
    },
  });
  return { id: file.id, reference: file.reference };
}

async function statementFile(entries: FixtureEntry[], account = IBAN): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'bank-it-')), `releve-${randomUUID().slice(0, 6)}.xml`);
  await writeFile(path, camt053(8, account, entries, `ST-${randomUUID().slice(0, 8)}`));
  return path;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', ['lib/cli/statement.ts', ...args], { env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
const paymentsOf = (fileId: string) =>
  owner.payment.findMany({ where: { tenantId: tenantA, fileId }, orderBy: { recordedAt: 'asc' } });
const entryByRef = (bankRef: string) =>
  owner.bankEntry.findFirstOrThrow({ where: { tenantId: tenantA, bankRef }, include: { payments: true } });

beforeAll(async () => {
  const seed = { seed: 23, files: 2, password: 'x-password-1' };
  slugA = uniqueSlug('bank-a');
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: slugA, name: 'Banque A' }));
  const { tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('bank-b'), name: 'Banque B' });
  await owner.agency.update({ where: { id: tenantA }, data: { creditorFundsIban: IBAN } });
  [manager, creditorUser, managerB] = await Promise.all([
    actorFor(owner, tenantA, 'MANAGER'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'MANAGER'),
  ]);
});
afterAll(() => owner.$disconnect());

describe('importing a statement of the creditors-funds account', () => {
  it('records sure matches, leaves doubts to an agent, and changes nothing the second time', async () => {
    const dupont = await makeFile('SARL Dupont Bâtiment', 100_000);
    const martin = await makeFile('Martin Jean', 80_000);
    const other = await makeFile('Boulangerie Lefèvre', 50_000);
    const paidInFull = await makeFile('Garage Durand', 42_000);
    await owner.paymentPromise.create({
      data: {
        tenantId: tenantA,
        fileId: martin.id,
        amountCents: 15_000n,
        dueOn: new Date(`${addDays(today, -3)}T00:00:00Z`),
      },
    });
    const booked = addDays(today, -1);
    const path = await statementFile([
      // The QR code's RF reference, paid by the debtor: sure.
      {
        amount: '300.00',
        bankRef: `${dupont.reference}-A`,
        bookingDate: booked,
        name: 'DUPONT BATIMENT',
        rf: rfReference(dupont.reference),
      },
      // A typed reference, confirmed by the payer's name and the promised amount: sure.
      {
        amount: '150.00',
        bankRef: `${martin.reference}-B`,
        bookingDate: booked,
        name: 'M JEAN MARTIN',
        ustrd: [`Dossier ${martin.reference}`],
        endToEndId: `E2E-${martin.reference}`,
      },
      // Two files in one transfer: the agent splits it.
      {
        amount: '120.00',
        bankRef: `${other.reference}-C`,
        bookingDate: booked,
        name: 'LEFEVRE',
        ustrd: [`${other.reference} ${dupont.reference}`],
      },
      // Nothing to go on: an unmatched receipt.
      {
        amount: '77.70',
        bankRef: `${other.reference}-D`,
        bookingDate: booked,
        name: 'INCONNU SAS',
        ustrd: ['Facture 1234'],
      },
      // More than the whole debt (principal, interest, €40), by QR code: the file closes PAID, the rest held as a
      // credit, and no scenario chases it any more.
      {
        amount: '1000.00',
        bankRef: `${paidInFull.reference}-E`,
        bookingDate: booked,
        name: 'GARAGE DURAND',
        rf: rfReference(paidInFull.reference),
      },
      // The bank's fees: not a debtor's money.
      { amount: '12.00', direction: 'DBIT', bankRef: `${other.reference}-F`, bookingDate: booked, name: 'FRAIS' },
    ]);

    const first = await runCli(['--agency', slugA, '--file', path]);
    expect(first.stderr).toContain('entries');
    expect(first.code).toBe(0);
    expect(lastJson(first.stdout)).toEqual({
      entries: 6,
      credits: 5,
      matched: 3,
      doubtful: 1,
      unmatched: 1,
      duplicates: 0,
    });

    const [dupontPayment] = await paymentsOf(dupont.id);
    expect(dupontPayment).toMatchObject({ amountCents: 30_000n, method: 'TRANSFER', recordedBy: null });
    expect(dupontPayment!.receivedOn.toISOString().slice(0, 10)).toBe(booked);
    expect((await entryByRef(`${dupont.reference}-A`)).payments.map((p) => p.paymentId)).toEqual([dupontPayment!.id]);
    expect((await paymentsOf(martin.id)).map((p) => p.amountCents)).toEqual([15_000n]);
    expect(await owner.paymentPromise.findFirst({ where: { tenantId: tenantA, fileId: martin.id } })).toMatchObject({
      status: 'KEPT',
    });
    expect(await paymentsOf(other.id)).toEqual([]);
    const doubtful = await entryByRef(`${other.reference}-C`);
    expect(doubtful.status).toBe('DOUBTFUL');
    expect((doubtful.match as { candidates: { fileId: string }[] }).candidates.map((c) => c.fileId).sort()).toEqual(
      [dupont.id, other.id].sort(),
    );
    expect((await entryByRef(`${other.reference}-D`)).status).toBe('UNMATCHED');
    expect((await entryByRef(`${other.reference}-F`)).status).toBe('IGNORED');
    const closed = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: paidInFull.id } });
    expect(closed.status).toBe('PAID');
    // The payment's history line and audit entry carry no person: the bank's statement did it.
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId: dupont.id, kind: 'payment.recorded' },
    });
    expect(line.actorId).toBeNull();

    const again = await runCli(['--agency', slugA, '--file', path]);
    expect(lastJson(again.stdout)).toEqual({
      entries: 6,
      credits: 0,
      matched: 0,
      doubtful: 0,
      unmatched: 0,
      duplicates: 6,
    });
    expect((await paymentsOf(dupont.id)).length).toBe(1);
    expect(await owner.bankStatement.count({ where: { tenantId: tenantA } })).toBe(2);
  });

  it('reverses the payment a returned transfer undoes', async () => {
    const file = await makeFile('Transports Petit', 60_000);
    const e2e = `E2E-RET-${file.reference}`;
    const credit = await statementFile([
      {
        amount: '200.00',
        bankRef: `${file.reference}-R1`,
        bookingDate: addDays(today, -5),
        name: 'TRANSPORTS PETIT',
        rf: rfReference(file.reference),
        endToEndId: e2e,
      },
    ]);
    expect(await importStatement({ actor: manager, path: credit, fileName: 'c.xml', source: 'UPLOAD' })).toMatchObject({
      matched: 1,
    });
    const returned = await statementFile([
      {
        amount: '200.00',
        direction: 'DBIT',
        bankRef: `${file.reference}-R2`,
        bookingDate: addDays(today, -2),
        endToEndId: e2e,
        returnReason: 'AC04',
        name: 'TRANSPORTS PETIT',
      },
    ]);
    await importStatement({ actor: manager, path: returned, fileName: 'r.xml', source: 'UPLOAD' });
    const payments = await paymentsOf(file.id);
    expect(payments.map((p) => p.amountCents)).toEqual([20_000n, -20_000n]);
    expect(payments[1]!.reversesId).toBe(payments[0]!.id);
    expect((await entryByRef(`${file.reference}-R2`)).status).toBe('REVERSED');
    const after = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: file.id } });
    expect(after.collectedCents).toBe(0n);
  });

  it('refuses, writing nothing, a statement of another account or with a foreign currency', async () => {
    const statements = () => owner.bankStatement.count({ where: { tenantId: tenantA } });
    const before = await statements();
    const refusal = async (path: string) =>
      importStatement({ actor: manager, path, fileName: 'x.xml', source: 'UPLOAD' }).then(
        () => null,
        (e: unknown) => (e instanceof AppError ? e.ref : e),
      );
    expect(await refusal(await statementFile([{ amount: '1.00', bankRef: 'X1' }], 'DE89370400440532013000'))).toEqual({
      key: 'reasons.statement.wrongAccount',
      values: { account: 'DE89370400440532013000', expected: IBAN },
    });
    const usd = camt053(8, IBAN, [
      { amount: '1.00', bankRef: `U1-${randomUUID()}` },
      { amount: '2.00', bankRef: `U2-${randomUUID()}` },
    ]).replace(/(<Amt Ccy=")EUR(">2\.00)/, '$1USD$2');
    const path = join(await mkdtemp(join(tmpdir(), 'bank-it-')), 'usd.xml');
    await writeFile(path, usd);
    expect(await refusal(path)).toEqual({ key: 'reasons.statement.currency', values: { entry: 2, currency: 'USD' } });
    expect(await statements()).toBe(before);
  });

  it('is the agency’s: no creditor user and no other agency sees a statement line', async () => {
    const count = (actor: Actor) => inTenant(scopeOf(actor), (tx) => tx.bankEntry.count());
    expect(await count(manager)).toBeGreaterThan(0);
    expect(await count(creditorUser)).toBe(0);
    expect(await count(managerB)).toBe(0);
    await expect(
      importStatement({ actor: creditorUser, path: '/nonexistent', fileName: 'x', source: 'UPLOAD' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
