import type { CaseFile } from '../db/generated/client';
import type { Tx } from '../db/tenant';
import { claimBalances, type AllocationRow, type ClaimRow } from '../interest/balances';
import { loadRateTables } from '../interest/load-rates';
import { dayOf } from '../dates/days';
import { openingJudgmentSql } from './opening-judgment';
import type { InterestFreeze } from '../interest/rules';

export interface FileLedger {
  claims: ClaimRow[];
  /** The first opening judgment of collective proceedings against the debtor, if any (C. com. L622-28). */
  openingJudgmentOn: string | null;
  /** Every allocation to a claim so far, dated by its payment's day (reversals included, negative). */
  allocations: AllocationRow[];
  /** Days the creditor waived interest (a plan with interest frozen). */
  frozen: InterestFreeze[];
}

/** A file's claims as the interest engine reads them, oldest due first (ledgers now and as they stood). */
export async function loadClaims(
  tx: Tx,
  file: Pick<CaseFile, 'tenantId' | 'id'>,
): Promise<(ClaimRow & { issuedOn: string })[]> {
  const claims = await tx.claim.findMany({
    where: { tenantId: file.tenantId, fileId: file.id },
    select: {
      id: true,
      invoiceNumber: true,
      issuedOn: true,
      dueOn: true,
      principalCents: true,
      nature: true,
      contractRateBps: true,
      creditorIsPrivateIndividual: true,
      titleEnforceableOn: true,
    },
    orderBy: [{ dueOn: 'asc' }, { invoiceNumber: 'asc' }],
  });
  return claims.map((c) => ({
    id: c.id,
    invoiceNumber: c.invoiceNumber,
    issuedOn: dayOf(c.issuedOn),
    dueOn: dayOf(c.dueOn),
    principalCents: Number(c.principalCents),
    nature: c.nature,
    contractRateBps: c.contractRateBps,
    creditorIsPrivateIndividual: c.creditorIsPrivateIndividual,
    titleEnforceableOn: c.titleEnforceableOn ? dayOf(c.titleEnforceableOn) : null,
  }));
}

/** The claims of a file and what has been allocated to them, as the interest engine reads them. */
export async function loadLedger(tx: Tx, file: Pick<CaseFile, 'tenantId' | 'id'>): Promise<FileLedger> {
  const claims = await loadClaims(tx, file);
  const allocations = await tx.$queryRaw<{ claimId: string; part: AllocationRow['part']; cents: bigint; on: Date }[]>`
    SELECT a.claim_id AS "claimId", a.part::text AS part, a.amount_cents AS cents, p.received_on AS "on"
      FROM allocation a
      JOIN payment p ON p.tenant_id = a.tenant_id AND p.id = a.payment_id
     WHERE a.tenant_id = ${file.tenantId}::uuid AND a.file_id = ${file.id}::uuid AND a.claim_id IS NOT NULL`;
  const [opening] = await tx.$queryRaw<{ on: string | null }[]>(openingJudgmentSql(file.tenantId, file.id));
  return {
    openingJudgmentOn: opening?.on ?? null,
    claims,
    allocations: allocations.map((a) => ({
      claimId: a.claimId,
      part: a.part,
      cents: Number(a.cents),
      on: dayOf(a.on),
    })),
    frozen: await interestFreezes(tx, file),
  };
}

/**
 * What the file owes on `asOf`, net of every allocation already made. Allocations dated later than
 * `asOf` (a payment recorded with an earlier day than one already entered) still count as paid: they are
 * dated `asOf` for the engine, which then neither ignores them nor lets them change the interest accrued
 * up to that day — so no euro is imputed twice.
 */
export async function balancesOn(
  tx: Tx,
  // A locked file (lib/cases/file-store) carries its formal notice as a day already.
  file: Pick<CaseFile, 'tenantId' | 'id'> & { formalNoticeOn: Date | string | null },
  asOf: string,
  ledger?: Omit<FileLedger, 'frozen'> & { frozen?: InterestFreeze[] },
) {
  const { claims, allocations, openingJudgmentOn, frozen } = ledger ?? (await loadLedger(tx, file));
  const rates = await loadRateTables(tx);
  return claimBalances(
    {
      formalNoticeOn:
        typeof file.formalNoticeOn === 'string'
          ? file.formalNoticeOn
          : file.formalNoticeOn && dayOf(file.formalNoticeOn),
      openingJudgmentOn,
      interestFrozen: frozen ?? (await interestFreezes(tx, file)),
    },
    claims,
    allocations.map((a) => (a.on > asOf ? { ...a, on: asOf } : a)),
    asOf,
    rates,
  );
}

/** Every day interest does not run on the file, as the engine reads it; `before` keeps waivers made earlier. */
export async function interestFreezes(
  tx: Tx,
  file: { tenantId: string; id: string },
  before?: Date,
): Promise<InterestFreeze[]> {
  const rows = await tx.interestWaiver.findMany({
    where: { tenantId: file.tenantId, fileId: file.id, ...(before ? { createdAt: { lte: before } } : {}) },
    select: { fromOn: true, untilOn: true },
    orderBy: { fromOn: 'asc' },
  });
  return rows.map((r) => ({ from: dayOf(r.fromOn), to: r.untilOn ? dayOf(r.untilOn) : null }));
}
