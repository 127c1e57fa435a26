import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctClaim } from '../../lib/activity/correct-claim';
import { ClosingRecordMissing } from '../../lib/cases/file-closing';
import { lockFile, moveFiles, saveFile } from '../../lib/cases/file-store';
import { closeFile } from '../../lib/closing/close-file';
import { decideClosing } from '../../lib/closing/decide-closing';
import { fileClosings } from '../../lib/closing/queries';
import { runClosingBatch } from '../../lib/closing/run-closing-batch';
import { setClosingThreshold } from '../../lib/closing/set-closing-threshold';
import { startBulkClosing } from '../../lib/closing/start-bulk-closing';
import { agencyClock } from '../../lib/dates/agency-clock';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { addDays } from '../../lib/dates/days';
import { inTenant } from '../../lib/db/tenant';
import { seedAgency } from '../../lib/demo/seed-agency';
import { createPlan } from '../../lib/payments/create-plan';
import { fileAmounts } from '../../lib/payments/file-amounts';
import { recordPayment } from '../../lib/payments/record-payment';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { fileWithClaims } from './support/file-with-claims';

// Decision 0023: every way a file closes leaves its closing row (file_closing), through the file store
// (lib/cases/file-closing.ts) — a closing decision, a manager's approval, a bulk closing, a correction that leaves
// nothing owed, and the payment that settles everything (an agent's, a partner's, a plan's last). The closings list,
// the creditor's report and the closing-reasons chart read those rows; a path that forgot would leave a hole in all
// three. The store refuses a closing without its record.

const owner = ownerDb();
let tenantId: string;
let creditorId: string;
let agent: Actor;
let manager: Actor;
/** A user of the creditor whose files these are: the closing reports are e-mailed to it. */
let creditorUser: Actor;
let today: string;
let capture: CaptureServer;
let mail: MailSender;
/** Files the demo seed closed (lib/demo/closing-decisions.ts gives them their rows), set aside by the last check. */
let seededClosed: string[];

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('paths'),
    name: 'Agence Chemins',
    seed: 231,
    files: 1,
    password: 'x',
  }));
  agent = await actorFor(owner, tenantId, 'AGENT');
  manager = await actorFor(owner, tenantId, 'MANAGER');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  creditorId = creditorUser.creditorId!;
  await owner.mandate.updateMany({ where: { tenantId, creditorId }, data: { planMaxMonths: 12 } });
  today = await inTenant({ tenantId }, async (tx) => (await agencyClock(tx, tenantId)).today);
  seededClosed = (
    await owner.caseFile.findMany({
      where: { tenantId, status: { in: ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'] } },
      select: { id: true },
    })
  ).map((f) => f.id);
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Chemins <chemins@agence.test>');
});
afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

const makeFile = (principalCents = 50_000) =>
  fileWithClaims(owner, {
    tenantId,
    creditorId,
    nature: 'B2B',
    claims: [{ dueOn: '2025-06-30', principalCents }],
    prefix: 'PTH',
  });
const versionOf = async (id: string) =>
  (await owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } })).version;
/** What the file owes today, in cents (the payment form takes a JSON number as cents). */
const owedToday = async (id: string) => (await fileAmounts(agent, id)).totals.dueCents;
const pay = async (fileId: string, amount: string | number, extra: Record<string, unknown> = {}) =>
  recordPayment({
    actor: agent,
    fileId,
    expectedVersion: await versionOf(fileId),
    amount,
    receivedOn: today,
    method: 'TRANSFER',
    ...extra,
  });

/** The file's closing rows, the one expected checked against the file as it stands. */
async function onlyClosing(fileId: string) {
  const file = await owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: fileId } } });
  const rows = await owner.fileClosing.findMany({ where: { tenantId, fileId, status: 'CLOSED' } });
  expect(rows, `closing rows of ${file.reference}`).toHaveLength(1);
  expect(rows[0]!.statusTo).toBe(file.status);
  return rows[0]!;
}

describe('the payment that settles everything closes the file with its closing row', () => {
  it("an agent's payment in full: PAID, decided by the agent, nothing written off, the report to the creditor", async () => {
    const file = await makeFile();
    const paid = await pay(file.id, await owedToday(file.id));
    expect([paid.status, paid.remainingCents]).toEqual(['PAID', 0]);
    const row = await onlyClosing(file.id);
    expect(row).toMatchObject({
      reason: 'PAID',
      statusFrom: 'IN_PROGRESS',
      statusTo: 'PAID',
      owedCents: 0n,
      decidedBy: agent.membershipId,
      requestedBy: agent.membershipId,
    });
    expect(row.collectedCents).toBeGreaterThan(50_000n);
    // As for any closing: the audit entry, the report in the portal and its e-mail to the creditor's users.
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, entityId: row.id } });
    expect([audit.action, (audit.details as { byPayment?: boolean }).byPayment]).toEqual(['closing.decided', true]);
    expect(row.reportDocumentId).not.toBeNull();
    const report = await owner.document.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: row.reportDocumentId! } },
    });
    expect(report.kind).toBe('CLOSING_REPORT');
    expect(paid.closingMessageIds.length).toBeGreaterThan(0);
    const seen = await fileClosings(creditorUser, file.id);
    expect(seen.closings.map((c) => [c.reason, c.hasReport])).toEqual([['PAID', true]]);
  });

  it('a part payment leaves no closing row; the payment that ends it does', async () => {
    const file = await makeFile();
    await pay(file.id, '100');
    expect(await owner.fileClosing.count({ where: { tenantId, fileId: file.id } })).toBe(0);
    await pay(file.id, await owedToday(file.id), { source: 'partner' });
    // Money a commissaire de justice collected is a payment like any other (source: partner), and closes the same.
    expect(await onlyClosing(file.id)).toMatchObject({ reason: 'PAID', statusFrom: 'IN_PROGRESS' });
  });

  it("a plan's last payment: PLAN_COMPLETED", async () => {
    const file = await makeFile();
    const plan = await createPlan({
      actor: agent,
      fileId: file.id,
      instalmentCount: 2,
      firstDueOn: addDays(today, 10),
      frequency: 'MONTHLY',
      expectedVersion: await versionOf(file.id),
    });
    expect(plan.status).toBe('PAYMENT_PLAN');
    await pay(file.id, await owedToday(file.id));
    expect(await onlyClosing(file.id)).toMatchObject({ reason: 'PLAN_COMPLETED', statusFrom: 'PAYMENT_PLAN' });
  });
});

describe('the other paths keep theirs', () => {
  it('a correction that leaves nothing owed: PAID when money covers it', async () => {
    const file = await makeFile(80_000);
    await pay(file.id, '600');
    // The invoice brought down by a credit note to the principal the payment covered (after interest and indemnity).
    const principal = await owner.allocation.aggregate({
      where: { tenantId, claimId: file.claimIds[0], part: 'PRINCIPAL' },
      _sum: { amountCents: true },
    });
    const amount = (Number(principal._sum.amountCents) / 100).toFixed(2).replace('.', ',');
    const version = await versionOf(file.id);
    const corrected = await correctClaim({
      actor: agent,
      input: { fileId: file.id, claimId: file.claimIds[0], expectedVersion: version, amount, reason: 'Avoir AV-9' },
    });
    expect(corrected.status).toBe('PAID');
    expect(await onlyClosing(file.id)).toMatchObject({ reason: 'PAID', decidedBy: agent.membershipId });
  });

  it("a closing decision, a manager's approval of an agent's, and a bulk closing", async () => {
    const [decided, approved, bulk] = [await makeFile(), await makeFile(), await makeFile()];
    await closeFile({
      actor: manager,
      input: { fileId: decided.id, expectedVersion: await versionOf(decided.id), reason: 'WITHDRAWN' },
      evidence: null,
    });
    expect(await onlyClosing(decided.id)).toMatchObject({ reason: 'WITHDRAWN', decidedBy: manager.membershipId });

    await setClosingThreshold({ actor: manager, input: { thresholdCents: '100' } });
    const asked = await closeFile({
      actor: agent,
      input: {
        fileId: approved.id,
        expectedVersion: await versionOf(approved.id),
        reason: 'UNECONOMIC',
        note: 'Créance faible, débiteur à l’étranger',
      },
      evidence: null,
    });
    expect(asked.outcome).toBe('PENDING');
    expect(await owner.fileClosing.count({ where: { tenantId, fileId: approved.id, status: 'CLOSED' } })).toBe(0);
    await decideClosing({ actor: manager, input: { closingId: asked.closingId, decision: 'APPROVED' } });
    expect(await onlyClosing(approved.id)).toMatchObject({ reason: 'UNECONOMIC', requestedBy: agent.membershipId });

    const started = await startBulkClosing({
      actor: manager,
      input: { creditorId, reason: 'MANDATE_ENDED', references: bulk.reference, note: 'Fin du mandat' },
    });
    await runClosingBatch({ tenantId, batchId: started.batchId, mail });
    expect(await onlyClosing(bulk.id)).toMatchObject({ reason: 'MANDATE_ENDED', batchId: started.batchId });
  });

  it('every closed file of the agency has exactly one decided closing row, leading to its status', async () => {
    const missing = await owner.$queryRaw<{ reference: string }[]>`
      SELECT f.reference FROM case_file f
       WHERE f.tenant_id = ${tenantId}::uuid AND f.status IN ('PAID', 'IRRECOVERABLE', 'WITHDRAWN')
         AND f.id <> ALL(${seededClosed}::uuid[])
         AND (SELECT count(*) FROM file_closing c
               WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id AND c.status = 'CLOSED'
                 AND c.status_to = f.status) <> 1`;
    expect(missing).toEqual([]);
    // And the paths above did close files: seven of them.
    expect(
      await owner.caseFile.count({
        where: { tenantId, status: { in: ['PAID', 'IRRECOVERABLE', 'WITHDRAWN'] }, id: { notIn: seededClosed } },
      }),
    ).toBe(7);
  });
});

describe('the file store refuses a closing without its record', () => {
  it('saveFile to a closed status without one, or with a row that is not this move’s; moveFiles to any', async () => {
    const file = await makeFile();
    const other = await makeFile();
    await closeFile({
      actor: manager,
      input: { fileId: other.id, expectedVersion: await versionOf(other.id), reason: 'WITHDRAWN' },
      evidence: null,
    });
    const otherRow = await onlyClosing(other.id);
    const attempt = (closing?: { closingId: string } | { reason: 'PAID' }) =>
      inTenant({ tenantId }, async (tx) => {
        const locked = await lockFile(tx, { tenantId, creditorId: null }, file.id);
        return saveFile(tx, locked, { status: 'WITHDRAWN' }, { by: null, lines: [], closing });
      });
    await expect(attempt()).rejects.toBeInstanceOf(ClosingRecordMissing);
    await expect(attempt({ closingId: otherRow.id })).rejects.toBeInstanceOf(ClosingRecordMissing);
    await expect(
      inTenant({ tenantId }, (tx) => moveFiles(tx, tenantId, [file.id], 'IRRECOVERABLE')),
    ).rejects.toBeInstanceOf(ClosingRecordMissing);
    // Nothing was written: the file is as it was, with no closing row.
    expect(await owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.id } } })).toMatchObject(
      { status: 'IN_PROGRESS', version: 0 },
    );
    expect(await owner.fileClosing.count({ where: { tenantId, fileId: file.id } })).toBe(0);
  });
});
