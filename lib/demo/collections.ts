import { checkEntry } from '../history/kinds';
import { randomUUID } from 'node:crypto';
import { Faker, base, fr } from '@faker-js/faker';
import { dayIn, dayOf } from '../dates/days';
import type { PrismaClient } from '../db/generated/client';
import type { FileStatus, PaymentMethod } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { claimBalances, type AllocationRow } from '../interest/balances';
import { loadRateTables } from '../interest/load-rates';
import { allocatePayment, creditOf, reverseAllocation, type AllocationLine } from '../payments/allocation';
import { addDays, daysBetween } from '../dates/days';
import { postPayment, postPaymentReversal } from '../accounting/post-payment';
import { recomputeLimitation } from '../cases/claim-limitation';

// Money for the demo dashboards: payments on the seeded files, imputed by the same rules as a payment typed
// in by an agent (interest, then the €40 indemnity, then principal, oldest claim first; lib/payments), a
// couple of bounced cheques reversed, and the targets a manager would set. Written with createMany in the
// seed's own connection (owner role); the reports rebuild at the end of the seed turns them into figures.

const TIME_ZONE = 'Europe/Paris';

/** Share of files of each status that received money, and how much of what they owed. */
const PAYERS: Partial<Record<FileStatus, { probability: number; min: number; max: number }>> = {
  IN_PROGRESS: { probability: 0.45, min: 0.15, max: 0.6 },
  PROMISE: { probability: 0.3, min: 0.1, max: 0.4 },
  PAYMENT_PLAN: { probability: 0.9, min: 0.2, max: 0.7 },
  AWAITING_JUDICIAL: { probability: 0.15, min: 0.05, max: 0.2 },
  IRRECOVERABLE: { probability: 0.35, min: 0.05, max: 0.3 },
  WITHDRAWN: { probability: 0.15, min: 0.1, max: 0.5 },
  DISPUTED: { probability: 0.1, min: 0.1, max: 0.3 },
};

interface SeedFile {
  id: string;
  creditorId: string;
  status: FileStatus;
  nature: 'B2B' | 'CONSUMER' | 'CIVIL';
  formalNoticeOn: Date | null;
  assigneeId: string | null;
  placedAt: Date;
  closedAt: Date | null;
  currency: string;
}

interface PaymentRow {
  tenantId: string;
  id: string;
  fileId: string;
  creditorId: string;
  amountCents: bigint;
  currency: string;
  method: PaymentMethod;
  receivedOn: Date;
  reversesId: string | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface CollectionsSummary {
  payments: number;
  reversals: number;
  collectedCents: number;
  targets: number;
}

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

export async function seedCollections(
  client: PrismaClient,
  tenantId: string,
  { seed, now = new Date() }: { seed: number; now?: Date },
): Promise<CollectionsSummary> {
  const faker = new Faker({ locale: [fr, base], seed });
  const today = dayIn(TIME_ZONE, now);
  const rates = await loadRateTables(client as unknown as Tx);
  const files: SeedFile[] = await client.caseFile.findMany({
    where: { tenantId },
    select: {
      id: true,
      creditorId: true,
      status: true,
      nature: true,
      formalNoticeOn: true,
      assigneeId: true,
      placedAt: true,
      closedAt: true,
      currency: true,
    },
    orderBy: { reference: 'asc' },
  });
  const claims = await client.claim.findMany({
    where: { tenantId },
    select: {
      id: true,
      fileId: true,
      invoiceNumber: true,
      dueOn: true,
      principalCents: true,
      nature: true,
      contractRateBps: true,
      creditorIsPrivateIndividual: true,
    },
    orderBy: [{ dueOn: 'asc' }, { invoiceNumber: 'asc' }],
  });
  const claimsOf = new Map<string, typeof claims>();
  for (const c of claims) claimsOf.set(c.fileId, [...(claimsOf.get(c.fileId) ?? []), c]);
  const staff = await client.membership.findMany({
    where: { tenantId, role: { in: ['AGENT', 'MANAGER'] } },
    select: { id: true, role: true },
    orderBy: { createdAt: 'asc' },
  });
  const manager = staff.find((s) => s.role === 'MANAGER')?.id ?? null;

  const payments: PaymentRow[] = [];
  const allocations: {
    tenantId: string;
    paymentId: string;
    fileId: string;
    claimId: string | null;
    part: AllocationLine['part'];
    amountCents: bigint;
  }[] = [];
  const activities: {
    tenantId: string;
    fileId: string;
    actorId: string | null;
    kind: 'payment.recorded' | 'payment.reversed';
    details: object;
    occurredAt: Date;
  }[] = [];
  const collected = new Map<string, number>();
  const reversible: { payment: PaymentRow; lines: AllocationLine[] }[] = [];

  for (const file of files) {
    const placedOn = dayIn(TIME_ZONE, file.placedAt);
    const lastDay = file.closedAt ? dayIn(TIME_ZONE, file.closedAt) : today;
    const window = daysBetween(placedOn, lastDay);
    const fileClaims = claimsOf.get(file.id) ?? [];
    if (fileClaims.length === 0 || window < 12) continue;

    // Days money arrived: a PAID file is settled on the day it closed, maybe after a part payment.
    const days: { day: string; share: number | 'rest' }[] = [];
    if (file.status === 'PAID') {
      if (faker.datatype.boolean({ probability: 0.35 })) {
        days.push({ day: addDays(placedOn, faker.number.int({ min: 10, max: window - 1 })), share: 0.4 });
      }
      days.push({ day: lastDay, share: 'rest' });
    } else {
      const payer = PAYERS[file.status];
      if (!payer || !faker.datatype.boolean({ probability: payer.probability })) continue;
      const count =
        file.status === 'PAYMENT_PLAN' ? faker.number.int({ min: 2, max: 4 }) : faker.number.int({ min: 1, max: 2 });
      const total = faker.number.float({ min: payer.min, max: payer.max });
      const picked = new Set<number>();
      for (let i = 0; i < count; i++) picked.add(faker.number.int({ min: 10, max: window - 1 }));
      for (const offset of [...picked].sort((a, b) => a - b)) {
        days.push({ day: addDays(placedOn, offset), share: total / picked.size });
      }
    }

    const ledger: AllocationRow[] = [];
    const recorder = file.assigneeId ?? manager;
    const claimRows = fileClaims.map((c) => ({
      id: c.id,
      invoiceNumber: c.invoiceNumber,
      dueOn: dayOf(c.dueOn),
      principalCents: Number(c.principalCents),
      nature: c.nature,
      contractRateBps: c.contractRateBps,
      creditorIsPrivateIndividual: c.creditorIsPrivateIndividual,
    }));
    for (const { day, share } of days) {
      const owed = claimBalances(
        { formalNoticeOn: file.formalNoticeOn ? dayOf(file.formalNoticeOn) : null },
        claimRows,
        ledger,
        day,
        rates,
      );
      const due = owed.totals.totalDueCents;
      // Debtors pay round sums, except the balance that settles a file.
      const amount = share === 'rest' ? due : Math.min(due, Math.max(1000, Math.round((due * share) / 1000) * 1000));
      if (amount <= 0) continue;
      const { lines } = allocatePayment(amount, owed.claims, [], day);
      const method = faker.helpers.arrayElement<PaymentMethod>(['TRANSFER', 'TRANSFER', 'CHEQUE', 'CARD']);
      const payment: PaymentRow = {
        tenantId,
        id: randomUUID(),
        fileId: file.id,
        creditorId: file.creditorId,
        amountCents: BigInt(amount),
        currency: file.currency,
        method,
        receivedOn: utcDay(day),
        reversesId: null,
        note: null,
        recordedBy: recorder,
        recordedAt: new Date(`${day}T09:30:00Z`),
      };
      payments.push(payment);
      for (const line of lines) {
        allocations.push({
          tenantId,
          paymentId: payment.id,
          fileId: file.id,
          claimId: line.claimId,
          part: line.part,
          amountCents: BigInt(line.cents),
        });
        if (line.claimId && line.part !== 'CREDIT')
          ledger.push({ claimId: line.claimId, part: line.part, cents: line.cents, on: day });
      }
      const applied = amount - creditOf(lines);
      collected.set(file.id, (collected.get(file.id) ?? 0) + applied);
      activities.push({
        tenantId,
        fileId: file.id,
        actorId: recorder,
        kind: 'payment.recorded',
        details: checkEntry({
          kind: 'payment.recorded',
          details: {
            paymentId: payment.id,
            amountCents: amount,
            method,
            receivedOn: day,
            creditCents: creditOf(lines),
            remainingCents: Math.max(0, due - amount),
            currency: file.currency,
          },
        }).details,
        occurredAt: payment.recordedAt,
      });
      if (method === 'CHEQUE' && file.status === 'IN_PROGRESS') reversible.push({ payment, lines });
    }
  }

  // Two cheques bounced: reversed by a manager, line by line, on the day they were received.
  let reversals = 0;
  for (const { payment, lines } of reversible.slice(0, 2)) {
    const reversal: PaymentRow = {
      ...payment,
      id: randomUUID(),
      amountCents: -payment.amountCents,
      reversesId: payment.id,
      note: 'Chèque impayé (retour banque)',
      recordedBy: manager,
      recordedAt: new Date(payment.recordedAt.getTime() + 5 * 86_400_000),
    };
    payments.push(reversal);
    const negated = reverseAllocation(lines);
    for (const line of negated) {
      allocations.push({
        tenantId,
        paymentId: reversal.id,
        fileId: payment.fileId,
        claimId: line.claimId,
        part: line.part,
        amountCents: BigInt(line.cents),
      });
    }
    collected.set(
      payment.fileId,
      (collected.get(payment.fileId) ?? 0) + Number(reversal.amountCents) - creditOf(negated),
    );
    activities.push({
      tenantId,
      fileId: payment.fileId,
      actorId: manager,
      kind: 'payment.reversed',
      details: checkEntry({
        kind: 'payment.reversed',
        details: {
          paymentId: payment.id,
          reversalId: reversal.id,
          amountCents: Number(payment.amountCents),
          reason: reversal.note!,
          currency: payment.currency,
        },
      }).details,
      occurredAt: reversal.recordedAt,
    });
    reversals++;
  }

  const targets = await demoTargets(client, tenantId, today);
  await client.$transaction(
    async (tx) => {
      // Originals first: a reversal's key points at its payment.
      await tx.payment.createMany({ data: payments.filter((p) => !p.reversesId) });
      await tx.payment.createMany({ data: payments.filter((p) => p.reversesId) });
      await tx.allocation.createMany({ data: allocations });
      await postDemoPayments(tx as unknown as Tx, payments, allocations);
      // C. civ. 2240: each payment acknowledged the claims it paid, as recordPayment records it; the claims' and files'
      // limitation dates are then computed from these real dates (a bounced cheque acknowledged nothing).
      await tx.$executeRaw`
        INSERT INTO limitation_event (tenant_id, file_id, claim_id, kind, occurred_on, payment_id, recorded_by)
        SELECT DISTINCT p.tenant_id, p.file_id, a.claim_id, 'PAYMENT'::"LimitationEventKind", p.received_on, p.id,
               p.recorded_by
          FROM payment p
          JOIN allocation a ON a.tenant_id = p.tenant_id AND a.payment_id = p.id
         WHERE p.tenant_id = ${tenantId}::uuid AND p.reverses_id IS NULL AND a.claim_id IS NOT NULL
           AND a.amount_cents > 0`;
      await recomputeLimitation(tx as unknown as Tx, tenantId, [...new Set(payments.map((p) => p.fileId))]);
      await tx.activity.createMany({ data: activities });
      const ids = [...collected.keys()];
      await tx.$executeRaw`
        UPDATE case_file f SET collected_cents = v.cents
          FROM unnest(${ids}::uuid[], ${ids.map((id) => collected.get(id)!)}::bigint[]) AS v(id, cents)
         WHERE f.tenant_id = ${tenantId}::uuid AND f.id = v.id`;
      await tx.agentTarget.createMany({ data: targets });
    },
    { timeout: 60_000 },
  );
  return {
    payments: payments.length - reversals,
    reversals,
    collectedCents: [...collected.values()].reduce((s, c) => s + c, 0),
    targets: targets.length,
  };
}

/** The books of the demo's money, posted by the same code as a payment an agent records, in the order it came. */
async function postDemoPayments(
  tx: Tx,
  payments: PaymentRow[],
  allocations: { paymentId: string; part: string; amountCents: bigint }[],
): Promise<void> {
  const credit = new Map<string, bigint>();
  for (const a of allocations)
    if (a.part === 'CREDIT') credit.set(a.paymentId, (credit.get(a.paymentId) ?? 0n) + a.amountCents);
  const inOrder = [...payments].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  for (const p of inOrder) {
    const common = {
      tenantId: p.tenantId,
      currency: p.currency,
      postedBy: p.recordedBy,
      receivedOn: dayOf(p.receivedOn),
    };
    if (p.reversesId) {
      await postPaymentReversal(tx, { ...common, reversalId: p.id, originalId: p.reversesId });
    } else {
      await postPayment(tx, {
        ...common,
        paymentId: p.id,
        fileId: p.fileId,
        amountCents: p.amountCents,
        creditCents: credit.get(p.id) ?? 0n,
        method: p.method,
        postedAt: p.recordedAt,
      });
    }
  }
}

/** What a manager asks of each agent, sized to the demo's pace: calls and letters a week, promises and money a month. */
async function demoTargets(client: PrismaClient, tenantId: string, today: string) {
  const agents = await client.membership.findMany({ where: { tenantId, role: 'AGENT' }, select: { id: true } });
  const validFrom = utcDay(`${today.slice(0, 4)}-01-01`);
  const setBy =
    (await client.membership.findFirst({ where: { tenantId, role: 'MANAGER' }, select: { id: true } }))?.id ?? null;
  return agents.flatMap(({ id }) => [
    { tenantId, agentId: id, metric: 'CALLS' as const, period: 'WEEK' as const, target: 3n, validFrom, setBy },
    { tenantId, agentId: id, metric: 'LETTERS' as const, period: 'WEEK' as const, target: 5n, validFrom, setBy },
    { tenantId, agentId: id, metric: 'PROMISES_KEPT' as const, period: 'MONTH' as const, target: 2n, validFrom, setBy },
    {
      tenantId,
      agentId: id,
      metric: 'COLLECTED' as const,
      period: 'MONTH' as const,
      target: 1_500_000n,
      validFrom,
      setBy,
    },
  ]);
}
