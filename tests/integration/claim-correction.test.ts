import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logContact } from '../../lib/activity/log-contact';
import { resolveDispute } from '../../lib/activity/resolve-dispute';
import { correctClaim } from '../../lib/activity/correct-claim';
import { CLAIM_CORRECTION_MESSAGES as M } from '../../lib/cases/claim-correction-schema';
import type { ClaimNature, FileStatus } from '../../lib/db/generated/enums';
import { seedAgency } from '../../lib/demo/seed-agency';
import { timelineRenderer } from '../../lib/history/render';
import { fileAmounts } from '../../lib/payments/file-amounts';
import { recordPayment } from '../../lib/payments/record-payment';
import { getFile } from '../../lib/cases/queries';
import { receiptData } from '../../lib/payments/receipt-data';
import { checkReceiptData } from '../../lib/letters/checks';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { fileWithClaims, newDebtor } from './support/file-with-claims';
import { makeScenario } from './support/scenario-fixtures';
import { ownerDb, uniqueSlug } from './support/db';

// Issue 14: an agent corrects a claim (amount, due date, nature, terms, or cancels it) with a reason; the file's
// totals and amounts follow at once, the timeline says before → after, the audit trail says who and when. A creditor
// user corrects nothing and sees no other creditor's claims. An upheld dispute ends in a corrected or withdrawn claim.

const owner = ownerDb();
const fr = timelineRenderer('fr', 'Europe/Paris');
let tenantId: string;
let agent: Actor;
let creditorUser: Actor;
let otherCreditorId: string;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('cor'),
    name: 'Corrections',
    seed: 71,
    files: 3,
    password: 'x',
  }));
  agent = await actorFor(owner, tenantId, 'AGENT');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  otherCreditorId = (
    await owner.creditor.findFirstOrThrow({ where: { tenantId, id: { not: creditorUser.creditorId! } } })
  ).id;
});
afterAll(() => owner.$disconnect());

/** A file placed on 1 September 2025 with the given claims (their file's nature follows them). */
const makeFile = async (
  claims: { dueOn: string; principalCents: number; nature?: ClaimNature }[],
  { creditorId = creditorUser.creditorId!, status = 'IN_PROGRESS' as FileStatus } = {},
) => {
  const debtor = await newDebtor(owner, tenantId, { name: 'Menuiserie Roux SARL' });
  return fileWithClaims(owner, {
    tenantId,
    creditorId,
    claims,
    status,
    debtorId: debtor.id,
    issuedDaysBefore: 0,
    prefix: 'COR',
  });
};
const versionOf = async (id: string) =>
  (await owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } })).version;
const fileRow = (id: string) => owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } });
const lastLine = async (fileId: string) =>
  fr(await owner.activity.findFirstOrThrow({ where: { tenantId, fileId }, orderBy: { occurredAt: 'desc' } })).replace(
    /\s/g,
    ' ',
  );

describe('correcting a claim', () => {
  it('changes the amount with its reason: totals, amounts, timeline and audit follow', async () => {
    const file = await makeFile([{ dueOn: '2025-06-30', principalCents: 500_000 }]);
    const before = await fileAmounts(agent, file.id);
    const result = await correctClaim({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: await versionOf(file.id),
        amount: '4 200,00',
        reason: 'Avoir n° AV-77 du créancier',
      },
    });
    expect(result.status).toBe('IN_PROGRESS');
    expect(Number((await fileRow(file.id)).principalCents)).toBe(420_000);
    const after = await fileAmounts(agent, file.id);
    expect(after.totals.principalCents).toBe(420_000);
    // The penalties run on the corrected base: 420 000 / 500 000 of what they were (± a cent per period's rounding).
    expect(Math.abs(after.totals.interestCents - Math.round((before.totals.interestCents * 42) / 50))).toBeLessThan(10);
    expect(await lastLine(file.id)).toBe(
      'Créance ' +
        file.invoiceNumbers[0] +
        ' corrigée — montant : 5 000,00 € → 4 200,00 € — motif : Avoir n° AV-77 du créancier',
    );
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'claim.corrected', entityId: file.claimIds[0] },
    });
    expect(audit.actorId).toBe(agent.membershipId);
    expect(audit.details).toMatchObject({ reason: 'Avoir n° AV-77 du créancier' });
  });

  it('changes the nature: a B2B claim found to be a consumer one loses its penalties and indemnity at once', async () => {
    const file = await makeFile([{ dueOn: '2025-06-30', principalCents: 100_000 }]);
    expect((await fileAmounts(agent, file.id)).totals.indemnityCents).toBe(4000);
    await correctClaim({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: await versionOf(file.id),
        nature: 'CONSUMER',
        reason: 'Le débiteur a acheté à titre personnel',
      },
    });
    // No formal notice yet: no interest on a consumer claim (C. civ. 1231-6), no €40 indemnity (B2B only).
    const amounts = await fileAmounts(agent, file.id);
    expect([amounts.totals.interestCents, amounts.totals.indemnityCents, amounts.totals.dueCents]).toEqual([
      0, 0, 100_000,
    ]);
    expect((await fileRow(file.id)).nature).toBe('CONSUMER');
    // Its limitation follows: 2 years from the due date (C. conso. L218-2) instead of 5 (C. com. L110-4).
    const claim = await owner.claim.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.claimIds[0]! } } });
    expect([claim.limitationBasis, claim.limitationOn?.toISOString().slice(0, 10)]).toEqual(['CONSUMER', '2027-06-30']);
    expect(await lastLine(file.id)).toContain('nature : Commerciale (B2B) → Consommation');
  });

  it('a file left with one consumer and one B2B claim still receipts the B2B claim’s €40 indemnity', async () => {
    const file = await makeFile([
      { dueOn: '2025-06-30', principalCents: 100_000 },
      { dueOn: '2025-07-31', principalCents: 50_000 },
    ]);
    await correctClaim({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[1],
        expectedVersion: await versionOf(file.id),
        nature: 'CONSUMER',
        reason: 'Achat à titre personnel',
      },
    });
    // The file's own nature is the most protective (consumer); the B2B claim keeps its penalties and indemnity.
    expect((await fileRow(file.id)).nature).toBe('CONSUMER');
    const amounts = await fileAmounts(agent, file.id);
    expect([amounts.charges, amounts.totals.indemnityCents]).toEqual(['BOTH', 4000]);
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      expectedVersion: await versionOf(file.id),
      amount: '2 000',
      receivedOn: '2025-10-01',
      method: 'TRANSFER',
    });
    const receipt = await receiptData({ actor: agent, paymentId: paid.paymentId });
    expect(checkReceiptData(receipt.data)).toBeUndefined();
    expect(receipt.data.allocations.some((a) => a.part === 'INDEMNITY' && a.amountCents === 4000)).toBe(true);
  });

  it('sets the terms of sale: 3 × the legal rate instead of ECB + 10 points', async () => {
    const file = await makeFile([{ dueOn: '2025-06-30', principalCents: 100_000 }]);
    const ecb = (await fileAmounts(agent, file.id)).totals.interestCents;
    await correctClaim({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: await versionOf(file.id),
        penaltyBasis: 'THREE_TIMES_LEGAL',
        reason: 'CGV art. 8 : trois fois le taux légal',
      },
    });
    const claim = await owner.claim.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.claimIds[0]! } } });
    expect(claim.contractRateBps).toBe(0);
    expect((await fileAmounts(agent, file.id)).totals.interestCents).toBeLessThan(ecb);
    expect(await lastLine(file.id)).toContain('pénalités : Taux BCE + 10 points (aucun taux prévu) → 3 × le taux');
  });

  it('refuses what would rewrite money already received, a future due date, and a stale screen', async () => {
    const file = await makeFile([{ dueOn: '2025-06-30', principalCents: 100_000, nature: 'CONSUMER' }]);
    await recordPayment({
      actor: agent,
      fileId: file.id,
      expectedVersion: await versionOf(file.id),
      amount: '600',
      receivedOn: '2025-10-01',
      method: 'TRANSFER',
    });
    const version = await versionOf(file.id);
    const base = { fileId: file.id, claimId: file.claimIds[0], expectedVersion: version, reason: 'essai' };
    await expect(correctClaim({ actor: agent, input: { ...base, amount: '500' } })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { amount: M.belowPaid },
    });
    await expect(correctClaim({ actor: agent, input: { ...base, cancel: 'on' } })).rejects.toMatchObject({
      fields: { cancel: M.paidClaim },
    });
    await expect(correctClaim({ actor: agent, input: { ...base, dueOn: '2099-01-01' } })).rejects.toMatchObject({
      fields: { dueOn: M.dueAfterToday },
    });
    await expect(correctClaim({ actor: agent, input: { ...base, amount: '1 000,00' } })).rejects.toMatchObject({
      fields: { amount: M.nothingChanged },
    });
    await expect(correctClaim({ actor: agent, input: { ...base, reason: '', amount: '900' } })).rejects.toMatchObject({
      fields: { reason: expect.any(String) },
    });
    await expect(
      correctClaim({ actor: agent, input: { ...base, expectedVersion: version - 1, amount: '900' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await versionOf(file.id)).toBe(version);
  });
});

describe('a creditor user', () => {
  it('corrects nothing, and sees neither the claims nor the amounts of another creditor’s file', async () => {
    const mine = await makeFile([{ dueOn: '2025-06-30', principalCents: 100_000 }]);
    await expect(
      correctClaim({
        actor: creditorUser,
        input: {
          fileId: mine.id,
          claimId: mine.claimIds[0],
          expectedVersion: await versionOf(mine.id),
          amount: '1',
          reason: 'x',
        },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const theirs = await makeFile([{ dueOn: '2025-06-30', principalCents: 100_000 }], { creditorId: otherCreditorId });
    await expect(fileAmounts(creditorUser, theirs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Its own file's amounts it does see.
    expect((await fileAmounts(creditorUser, mine.id)).totals.principalCents).toBe(100_000);
  });
});

describe('an upheld dispute', () => {
  async function disputed(claims: { dueOn: string; principalCents: number }[]) {
    const file = await makeFile(claims);
    await logContact({
      actor: agent,
      input: {
        fileId: file.id,
        expectedVersion: await versionOf(file.id),
        channel: 'NOTE',
        note: 'conteste',
        outcome: { type: 'DISPUTE', reason: 'Facture déjà réglée par avoir' },
      },
    });
    const dispute = await owner.dispute.findFirstOrThrow({ where: { tenantId, fileId: file.id } });
    await resolveDispute({
      actor: agent,
      input: {
        fileId: file.id,
        expectedVersion: await versionOf(file.id),
        disputeId: dispute.id,
        decision: 'UPHELD',
        resolution: 'Avoir confirmé par le créancier',
      },
    });
    expect((await fileRow(file.id)).status).toBe('DISPUTED');
    return file;
  }

  it('ends in a cancelled claim and the file back at work for the others, its review task done', async () => {
    const file = await disputed([
      { dueOn: '2025-06-30', principalCents: 100_000 },
      { dueOn: '2025-07-31', principalCents: 50_000 },
      { dueOn: '2025-09-30', principalCents: 30_000 },
    ]);
    const result = await correctClaim({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: await versionOf(file.id),
        cancel: 'on',
        reason: 'Contestation fondée : avoir AV-12',
      },
    });
    expect(result.status).toBe('IN_PROGRESS');
    expect(await owner.task.count({ where: { tenantId, fileId: file.id, kind: 'REVIEW', status: 'OPEN' } })).toBe(0);
    expect(await lastLine(file.id)).toContain('annulée (1 000,00 € retirés du dossier)');
    // A second credit note, on the latest claim: neither cancelled claim dates the file any more.
    await correctClaim({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[2],
        expectedVersion: await versionOf(file.id),
        cancel: 'on',
        reason: 'Avoir AV-13',
      },
    });
    const row = await fileRow(file.id);
    expect([Number(row.principalCents), row.oldestDueOn?.toISOString().slice(0, 10)]).toEqual([50_000, '2025-07-31']);
    // The file's limitation is the live claim's (5 years from 31 July 2025), not the cancelled 30 September one's.
    expect(row.limitationOn?.toISOString().slice(0, 10)).toBe('2030-07-31');
    // The cancelled claim stays on the file, at 0, and weighs nothing in what is owed.
    expect((await fileAmounts(agent, file.id)).claims.find((c) => c.claimId === file.claimIds[0])?.dueCents).toBe(0);
  });

  it('ends in a withdrawn file when its only claim is cancelled', async () => {
    const file = await disputed([{ dueOn: '2025-06-30', principalCents: 80_000 }]);
    const result = await correctClaim({
      actor: agent,
      input: {
        fileId: file.id,
        claimId: file.claimIds[0],
        expectedVersion: await versionOf(file.id),
        cancel: 'on',
        reason: 'Contestation fondée',
      },
    });
    expect(result.status).toBe('WITHDRAWN');
    expect((await fileRow(file.id)).phase).toBe('CLOSED');
  });
});

describe('an upheld dispute recorded with its correction, in one action', () => {
  let scenarioVersionId: string | undefined;
  async function disputedFile(
    claims: { dueOn: string; principalCents: number; nature?: ClaimNature }[],
    beforeDispute?: (file: { id: string }) => Promise<unknown>,
  ) {
    const file = await makeFile(claims);
    await beforeDispute?.(file);
    // A running scenario, paused by the dispute as the engine leaves it.
    scenarioVersionId ??= await makeScenario(owner, tenantId, [
      { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
    ]);
    await owner.fileScenario.create({
      data: { tenantId, fileId: file.id, scenarioVersionId, nextRunAt: new Date('2026-12-20T08:00:00Z') },
    });
    await logContact({
      actor: agent,
      input: {
        fileId: file.id,
        expectedVersion: await versionOf(file.id),
        channel: 'NOTE',
        note: 'conteste',
        outcome: { type: 'DISPUTE', reason: 'Facture déjà créditée' },
      },
    });
    const dispute = await owner.dispute.findFirstOrThrow({ where: { tenantId, fileId: file.id } });
    return { ...file, disputeId: dispute.id };
  }
  const upheld = async (
    file: { id: string; disputeId: string },
    correction: Record<string, unknown> | undefined,
    decision = 'UPHELD',
  ) =>
    resolveDispute({
      actor: agent,
      input: {
        fileId: file.id,
        expectedVersion: await versionOf(file.id),
        disputeId: file.disputeId,
        decision,
        resolution: 'Avoir AV-31 confirmé par le créancier',
        ...(correction ? { correction } : {}),
      },
    });
  const lines = async (fileId: string) =>
    (await owner.activity.findMany({ where: { tenantId, fileId }, orderBy: { occurredAt: 'asc' } })).map((a) =>
      fr(a).replace(/\s/g, ' '),
    );

  it('cancels the only claim: the file closes WITHDRAWN, its scenario stops, the creditor reads why', async () => {
    const file = await disputedFile([{ dueOn: '2025-06-30', principalCents: 80_000 }]);
    const result = await upheld(file, { claimId: file.claimIds[0], cancel: 'on', reason: 'Avoir AV-31' });
    expect([result.status, result.reviewTaskId, result.correctedClaimId]).toEqual([
      'WITHDRAWN',
      null,
      file.claimIds[0],
    ]);
    const row = await fileRow(file.id);
    expect([row.status, row.phase, Number(row.principalCents)]).toEqual(['WITHDRAWN', 'CLOSED', 0]);
    expect(await owner.task.count({ where: { tenantId, fileId: file.id, kind: 'REVIEW' } })).toBe(0);
    const scenario = await owner.fileScenario.findUniqueOrThrow({
      where: { tenantId_fileId: { tenantId, fileId: file.id } },
    });
    expect([scenario.state, scenario.stateReason, scenario.nextRunAt]).toEqual(['STOPPED', 'FILE_CLOSED', null]);
    // Both records, one audit entry each, in the same transaction as the file's new version.
    const audits = await owner.auditLog.findMany({
      where: { tenantId, OR: [{ entityId: file.disputeId }, { entityId: file.claimIds[0] }] },
      orderBy: { action: 'asc' },
    });
    expect(audits.map((a) => a.action)).toEqual(['claim.cancelled', 'dispute.resolved']);
    // The creditor's portal shows the closed file and, on its history, the decision, the cancellation and the stop.
    const seen = await getFile({ actor: creditorUser, id: file.id });
    expect(seen.status).toBe('WITHDRAWN');
    // The decision, the cancellation and the status change are written in that order by one statement; the
    // scenario's stop is stamped with the use-case's clock, which may tie with them: its place among them is free.
    const history = (await lines(file.id)).slice(-4);
    const stop = history.findIndex((l) => l.includes('Scénario arrêté'));
    expect(stop).toBeGreaterThanOrEqual(0);
    const story = history.filter((_, i) => i !== stop);
    expect(story[0]).toContain('Contestation fondée — Avoir AV-31 confirmé par le créancier');
    expect(story[1]).toContain('annulée (800,00 € retirés du dossier) — motif : Avoir AV-31');
    expect(story[2]).toMatch(/Statut du dossier : Contesté → Retiré/);
    expect(seen.activities.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['dispute.resolved', 'claim.cancelled', 'file.status_changed', 'scenario.stopped']),
    );
  });

  it('reduces a claim to what was already paid: nothing is owed, the file closes PAID', async () => {
    // A consumer claim without a formal notice bears no interest (C. civ. 1231-6): €600 received leave €400 owed.
    const file = await disputedFile([{ dueOn: '2025-06-30', principalCents: 100_000, nature: 'CONSUMER' }], async (f) =>
      recordPayment({
        actor: agent,
        fileId: f.id,
        expectedVersion: await versionOf(f.id),
        amount: '600',
        receivedOn: '2025-10-01',
        method: 'TRANSFER',
      }),
    );
    const result = await upheld(file, {
      claimId: file.claimIds[0],
      amount: '600,00',
      reason: 'Livraison partielle : 600 € seulement facturables',
    });
    expect(result.status).toBe('PAID');
    expect((await fileAmounts(agent, file.id)).totals.dueCents).toBe(0);
    const scenario = await owner.fileScenario.findUniqueOrThrow({
      where: { tenantId_fileId: { tenantId, fileId: file.id } },
    });
    expect([scenario.state, scenario.stateReason]).toEqual(['STOPPED', 'PAID']);
    // The correction, the status change and the scenario's stop share the use-case's clock: their order is a tie.
    expect((await lines(file.id)).slice(-3)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Statut du dossier : Contesté → Soldé/)]),
    );
  });

  it('reduces one claim of several: the file goes back to work on the corrected amount', async () => {
    const file = await disputedFile([
      { dueOn: '2025-06-30', principalCents: 100_000 },
      { dueOn: '2025-07-31', principalCents: 50_000 },
    ]);
    const result = await upheld(file, { claimId: file.claimIds[1], amount: '200', reason: 'Avoir partiel AV-32' });
    expect(result.status).toBe('IN_PROGRESS');
    expect(Number((await fileRow(file.id)).principalCents)).toBe(120_000);
    expect((await lines(file.id)).at(-1)).toContain('montant : 500,00 € → 200,00 € — motif : Avoir partiel AV-32');
    const scenario = await owner.fileScenario.findUniqueOrThrow({
      where: { tenantId_fileId: { tenantId, fileId: file.id } },
    });
    expect(scenario.state).toBe('RUNNING');
  });

  it('refuses a correction that does not reduce, or with a rejected dispute, and writes nothing', async () => {
    const file = await disputedFile([{ dueOn: '2025-06-30', principalCents: 100_000 }]);
    const version = await versionOf(file.id);
    await expect(upheld(file, { claimId: file.claimIds[0], amount: '1 000,00', reason: 'x' })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { 'correction.amount': 'workspace.claimCorrection.errors.notReduced' },
    });
    await expect(upheld(file, { claimId: file.claimIds[0], reason: 'x' })).rejects.toMatchObject({
      fields: { 'correction.amount': 'workspace.claimCorrection.errors.reduceOrCancel' },
    });
    await expect(
      upheld(file, { claimId: file.claimIds[0], cancel: 'on', reason: 'x' }, 'REJECTED'),
    ).rejects.toMatchObject({ fields: { 'correction.claimId': 'workspace.claimCorrection.errors.upheldOnly' } });
    const other = await makeFile([{ dueOn: '2025-06-30', principalCents: 10_000 }]);
    await expect(upheld(file, { claimId: other.claimIds[0], cancel: 'on', reason: 'x' })).rejects.toMatchObject({
      fields: { 'correction.claimId': 'workspace.claimCorrection.errors.notFilesClaim' },
    });
    expect(await versionOf(file.id)).toBe(version);
    const dispute = await owner.dispute.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.disputeId } } });
    expect(dispute.status).toBe('OPEN');
    expect(Number((await fileRow(file.id)).principalCents)).toBe(100_000);
  });
});
