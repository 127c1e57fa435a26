import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { dayIn } from '../../lib/dates/days';
import { AppError } from '../../lib/errors/app-error';
import { toErrorBody } from '../../lib/errors/describe';
import { getMandate } from '../../lib/creditors/queries';
import { updateCommissionRules } from '../../lib/creditors/update-commission-rules';
import { recordPayment } from '../../lib/payments/record-payment';
import { filePayments } from '../../lib/payments/queries';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

// A manager edits a mandate's commission terms; the next payment is charged by them, and the file shows it.

const owner = ownerDb();
let tenantId: string;
let manager: Actor;
let agent: Actor;
let creditorUser: Actor;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('comm'),
    name: 'Commission',
    seed: 61,
    files: 6,
    password: 'x-password-1',
  }));
  [manager, agent, creditorUser] = await Promise.all([
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'AGENT'),
    actorFor(owner, tenantId, 'CREDITOR'),
  ]);
});
afterAll(() => owner.$disconnect());

const form = {
  tiersBasis: 'COLLECTED',
  tiers: '0 ; 10 ; 12\n1 000 ; 5',
  letterFee: '',
  minimum: '30',
  maximum: '',
  directPaymentsCommissionable: 'off',
  vatPercent: '20',
};

describe('commission terms on the mandate', () => {
  it('a manager saves validated terms, audited; the next payment is charged by them and shown on the file', async () => {
    const file = await owner.caseFile.findFirstOrThrow({
      where: { tenantId, status: 'IN_PROGRESS', principalCents: { gt: 50_000n } },
    });
    const mandate = await getMandate({ actor: manager, mandateId: file.mandateId });
    await updateCommissionRules({ actor: manager, mandateId: mandate.id, updatedAt: mandate.updatedAt, input: form });
    const after = await getMandate({ actor: manager, mandateId: mandate.id });
    expect(after.commissionRules).toEqual({
      tiers: {
        basis: 'COLLECTED',
        bands: [
          { from: 0, amicableBps: 1000, judicialBps: 1200 },
          { from: 100_000, amicableBps: 500, judicialBps: null },
        ],
      },
      letterFeeCents: 0,
      minimumCents: 3_000,
      maximumCents: null,
      directPaymentsCommissionable: false,
      vatRateBps: 2000,
    });
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, action: 'mandate.commission_updated' } });
    expect(audit.entityId).toBe(mandate.id);

    // €100 on a file with nothing collected before under these terms: 10 % = €10, raised to the €30 minimum.
    const before = await owner.paymentCommission.count({ where: { tenantId, fileId: file.id } });
    expect(before).toBe(0);
    const paid = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '100',
      method: 'TRANSFER',
      receivedOn: dayIn('Europe/Paris'),
      expectedVersion: file.version,
    });
    expect(paid).toMatchObject({ commissionCents: 3_000, vatCents: 600 });
    // Paid straight to the creditor: not commissionable under these terms, nothing charged.
    const direct = await recordPayment({
      actor: agent,
      fileId: file.id,
      amount: '50',
      method: 'DIRECT_TO_CREDITOR',
      receivedOn: dayIn('Europe/Paris'),
      expectedVersion: paid.fileVersion,
    });
    expect(direct.commissionCents).toBe(0);
    const shown = await filePayments(manager, file.id);
    expect(shown.payments.find((p) => p.id === paid.paymentId)!.commission).toEqual({
      commissionCents: 3_000,
      vatCents: 600,
    });
  });

  it('refuses bad terms naming the field, and changes nothing', async () => {
    const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId } });
    const read = await getMandate({ actor: manager, mandateId: mandate.id });
    for (const [input, field] of [
      [{ ...form, tiers: '5 ; 10' }, 'tiers'],
      [{ ...form, tiers: '0 ; 10\nabc ; 5' }, 'tiers'],
      [{ ...form, tiers: '0 ; 10\n0 ; 5' }, 'tiers'],
      [{ ...form, minimum: '50', maximum: '20' }, 'maximum'],
      [{ ...form, vatPercent: '120' }, 'vatPercent'],
      [{ ...form, letterFee: '-2' }, 'letterFee'],
    ] as const) {
      const error = await updateCommissionRules({
        actor: manager,
        mandateId: read.id,
        updatedAt: read.updatedAt,
        input,
      }).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect(Object.keys(toErrorBody(error).body.error.fields ?? {})).toContain(field);
    }
    expect((await getMandate({ actor: manager, mandateId: read.id })).updatedAt).toBe(read.updatedAt);
  });

  it('agents and creditor users cannot change them (404); a stale read is a conflict', async () => {
    const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId } });
    const read = await getMandate({ actor: manager, mandateId: mandate.id });
    for (const actor of [agent, creditorUser]) {
      await expect(
        updateCommissionRules({ actor, mandateId: read.id, updatedAt: read.updatedAt, input: form }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await updateCommissionRules({ actor: manager, mandateId: read.id, updatedAt: read.updatedAt, input: form });
    await expect(
      updateCommissionRules({ actor: manager, mandateId: read.id, updatedAt: read.updatedAt, input: form }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
