import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFile, moveFiles, saveFile } from '../../lib/cases/file-store';
import { STATUS_PHASE } from '../../lib/cases/rules';
import { agencyClock } from '../../lib/dates/agency-clock';
import type { FileStatus } from '../../lib/db/generated/enums';
import { closeRawPool, inTenantRaw, pgTx, type RawTx } from '../../lib/db/raw';
import { inTenant } from '../../lib/db/tenant';
import { seedAgency } from '../../lib/demo/seed-agency';
import { AppError } from '../../lib/errors/app-error';
import { describeError, toErrorBody } from '../../lib/errors/describe';
import { ownerDb, uniqueSlug } from './support/db';

// The file store on both kinds of transaction the code uses: Prisma's (use-cases) and a plain pg connection
// (the scenario engine). Both run as the application role, under row security.

const owner = ownerDb();
let tenantA: string;
let tenantB: string;
let placement: { creditorId: string; mandateId: string };
let debtorId: string;

async function makeFile(status: FileStatus): Promise<string> {
  const file = await owner.caseFile.create({
    data: { tenantId: tenantA, ...placement, debtorId, status, phase: STATUS_PHASE[status] },
  });
  return file.id;
}

/** A NEW file of agency B. */
async function foreignFile(): Promise<string> {
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantB } });
  const debtor = await owner.debtor.findFirstOrThrow({ where: { tenantId: tenantB } });
  const file = await owner.caseFile.create({
    data: { tenantId: tenantB, creditorId: mandate.creditorId, mandateId: mandate.id, debtorId: debtor.id },
  });
  return file.id;
}

const row = (id: string) => owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id } });
const lines = (fileId: string) =>
  owner.activity.findMany({ where: { tenantId: tenantA, fileId }, orderBy: { occurredAt: 'asc' } });

type Runner = <T>(work: (tx: RawTx) => Promise<T>) => Promise<T>;
const RUNNERS: [string, Runner][] = [
  ['a Prisma transaction', (work) => inTenant({ tenantId: tenantA }, (tx) => work(tx))],
  ['a pg connection', (work) => inTenantRaw({ tenantId: tenantA }, (client) => work(pgTx(client)))],
];

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  const seed = { seed: 13, files: 2, password: 'x-password-1' };
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: uniqueSlug('fs-a'), name: 'Store A' }));
  ({ tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('fs-b'), name: 'Store B' }));
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA } });
  placement = { creditorId: mandate.creditorId, mandateId: mandate.id };
  const debtor = await owner.debtor.create({
    data: { tenantId: tenantA, kind: 'COMPANY', displayName: "SARL L'Œuf & Cie", companyName: "SARL L'Œuf & Cie" },
  });
  debtorId = debtor.id;
});
afterAll(async () => {
  await closeRawPool();
  await owner.$disconnect();
});

describe.each(RUNNERS)('the file store on %s', (_, run) => {
  it('locks at the version read, moves status and phase, stamps and clears closed_at', async () => {
    const id = await makeFile('NEW');
    const actor = { tenantId: tenantA, creditorId: null };
    const membershipId = (await owner.membership.findFirstOrThrow({ where: { tenantId: tenantA } })).id;
    const by = { membershipId, ip: '192.0.2.7' };
    const paymentId = randomUUID();
    const paid = await run(async (tx) => {
      const clock = await agencyClock(tx, tenantA);
      const file = await lockFile(tx, actor, id, 0, clock);
      // A new file's first promise starts its amicable phase on the way, written once.
      const promised = await saveFile(
        tx,
        file,
        { status: 'PROMISE' },
        {
          by,
          lines: [{ kind: 'contact.note', details: { channel: 'NOTE', note: 'promised', outcome: 'NONE' } }],
          audit: { action: 'contact.logged', details: { channel: 'NOTE' } },
        },
      );
      expect(promised.version).toBe(1);
      // A job's change: no actor, no address; two lines in order, the audit entry pointing at the second.
      const saved = await saveFile(
        tx,
        file,
        { status: 'PAID', collectedCentsDelta: 12_345, creditCentsDelta: 55 },
        {
          by: null,
          lines: [
            { kind: 'email.failed', details: { recipient: 'a@example.org', messageId: randomUUID() } },
            { kind: 'plan.completed', details: { planId: randomUUID(), remainingCents: 0, currency: 'EUR' } },
          ],
          audit: { action: 'payment.recorded', entity: 'payment', entityId: paymentId, line: 1 },
          // A closing leaves its row (lib/cases/file-closing.ts), written by the store for a closing no one decided.
          closing: { reason: 'PAID' },
        },
      );
      expect(saved.closingId).not.toBeNull();
      return { version: saved.version, activityIds: [...promised.activityIds, ...saved.activityIds], file };
    });
    expect(paid.version).toBe(2);
    expect(paid.file).toMatchObject({ status: 'PAID', phase: 'CLOSED', version: 2 });
    const closed = await row(id);
    expect(closed).toMatchObject({ status: 'PAID', phase: 'CLOSED', version: 2 });
    expect(closed.collectedCents).toBe(12_345n);
    expect(closed.creditCents).toBe(55n);
    expect(closed.closedAt).not.toBeNull();
    // The store wrote each change's lines, in order, with who did it.
    const written = await lines(id);
    expect(written.map((l) => [l.id, l.kind, l.actorId])).toEqual([
      [paid.activityIds[0], 'contact.note', membershipId],
      [paid.activityIds[1], 'email.failed', null],
      [paid.activityIds[2], 'plan.completed', null],
    ]);
    const audit = await owner.auditLog.findMany({
      where: { tenantId: tenantA, OR: [{ entityId: id }, { entityId: paymentId }] },
    });
    // One transaction: both entries carry its time, so they are put in the order of the versions they saved.
    audit.sort(
      (a, b) => Number((a.details as { version: number }).version) - Number((b.details as { version: number }).version),
    );
    expect(audit.map((a) => [a.action, a.entity, a.actorId, a.ip, a.details])).toEqual([
      [
        'contact.logged',
        'case_file',
        membershipId,
        '192.0.2.7',
        { channel: 'NOTE', activityId: paid.activityIds[0], statusFrom: 'NEW', status: 'PROMISE', version: 1 },
      ],
      [
        'payment.recorded',
        'payment',
        null,
        null,
        { fileId: id, activityId: paid.activityIds[2], statusFrom: 'PROMISE', status: 'PAID', version: 2 },
      ],
    ]);

    // A bounced cheque reopens it: closed_at goes, the money comes back off.
    await run(async (tx) => {
      const file = await lockFile(tx, actor, id, 2, await agencyClock(tx, tenantA));
      await saveFile(
        tx,
        file,
        { status: 'IN_PROGRESS', collectedCentsDelta: -12_345, creditCentsDelta: -55 },
        { by: null, lines: [] },
      );
    });
    expect(await row(id)).toMatchObject({
      status: 'IN_PROGRESS',
      phase: 'AMICABLE',
      version: 3,
      closedAt: null,
      collectedCents: 0n,
      creditCents: 0n,
    });
  });

  it('refuses a stale version and a move the table refuses, and writes nothing', async () => {
    const id = await makeFile('IN_PROGRESS');
    const withdrawn = await makeFile('WITHDRAWN');
    const actor = { tenantId: tenantA, creditorId: null };
    await run(async (tx) => saveFile(tx, await lockFile(tx, actor, id), {}, { by: null, lines: [] }));
    // The refusal names the last change, rendered from its stored kind and values (lib/history).
    await owner.activity.create({
      data: { tenantId: tenantA, fileId: id, kind: 'escalation.approved', details: { note: 'dossier « Œuf » 2/3' } },
    });
    const stale = await refusal(run(async (tx) => lockFile(tx, actor, id, 0, await agencyClock(tx, tenantA))));
    expect(stale.code).toBe('CONFLICT');
    const english = toErrorBody(stale).body.error.message;
    expect(english).toMatch(/was changed since you opened it \(version 1, you had 0\)/);
    expect(english).toContain('last change by an automatic job at ');
    expect(english).toContain('“Court action approved (dossier « Œuf » 2/3)”');
    expect(describeError(stale, 'fr').body.error.message).toContain('par une tâche automatique le ');

    const closed = await refusal(
      run(async (tx) =>
        saveFile(
          tx,
          await lockFile(tx, actor, withdrawn),
          { status: 'IN_PROGRESS' },
          { by: null, lines: [{ kind: 'plan.cancelled', details: { planId: randomUUID(), reason: 'refused' } }] },
        ),
      ),
    );
    expect(closed.code).toBe('CONFLICT');
    expect(closed.ref.key).toBe('errors.transition.CLOSED_FOR_GOOD');
    expect(toErrorBody(closed).body.error.message).toMatch(
      /^File D\d+ cannot go from Withdrawn to In progress: it is closed for good/,
    );
    expect(await row(withdrawn)).toMatchObject({ status: 'WITHDRAWN', version: 0 });
    // A refused change leaves no line behind.
    expect(await lines(withdrawn)).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'IN_PROGRESS', version: 1 });
  });

  it("does not find another agency's or another creditor's file", async () => {
    const mine = await makeFile('IN_PROGRESS');
    const theirs = await foreignFile();
    for (const [scope, id] of [
      [{ tenantId: tenantA, creditorId: null }, theirs],
      [{ tenantId: tenantA, creditorId: randomUUID() }, mine],
    ] as const) {
      const error = await refusal(run((tx) => lockFile(tx, scope, id)));
      expect(error.code).toBe('NOT_FOUND');
    }
  });

  it('moves a set of files in one statement through the same table, and leaves the rest as they were', async () => {
    const statuses: FileStatus[] = ['NEW', 'IN_PROGRESS', 'PROMISE', 'DISPUTED', 'WITHDRAWN', 'AWAITING_JUDICIAL'];
    const ids = await Promise.all(statuses.map((s) => makeFile(s)));
    const onlyNew = await run((tx) => moveFiles(tx, tenantA, ids, 'IN_PROGRESS', { from: ['NEW'] }));
    expect(onlyNew).toEqual([ids[0]]);
    const moved = await run((tx) => moveFiles(tx, tenantA, ids, 'AWAITING_JUDICIAL'));
    expect(moved.sort()).toEqual([ids[0], ids[1], ids[2]].sort());
    const after = await Promise.all(ids.map(row));
    expect(after.map((f) => [f.status, f.phase, f.version])).toEqual([
      ['AWAITING_JUDICIAL', 'JUDICIAL', 2],
      ['AWAITING_JUDICIAL', 'JUDICIAL', 1],
      ['AWAITING_JUDICIAL', 'JUDICIAL', 1],
      ['DISPUTED', 'AMICABLE', 0],
      ['WITHDRAWN', 'CLOSED', 0],
      ['AWAITING_JUDICIAL', 'JUDICIAL', 0],
    ]);
    // Another agency's ids move nothing, even through the set-based path.
    const foreign = await foreignFile();
    expect(await run((tx) => moveFiles(tx, tenantA, [foreign], 'IN_PROGRESS'))).toEqual([]);
    expect(await owner.caseFile.findFirstOrThrow({ where: { id: foreign } })).toMatchObject({
      status: 'NEW',
      version: 0,
    });
  });
});
