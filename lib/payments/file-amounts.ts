import type { ClaimNature } from '../db/generated/enums';
import type { CaseFile } from '../db/generated/client';
import { inTenant, type Tx } from '../db/tenant';
import { appliedRates, type AppliedRate } from '../interest/applied-rates';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { balancesOn, loadLedger } from '../cases/file-ledger';
import { agencyClock } from '../dates/agency-clock';
import { fileRefSchema } from './schemas';

export interface ClaimAmounts {
  claimId: string;
  invoiceNumber: string;
  dueOn: string;
  principalCents: number;
  /** Interest or B2B late penalties accrued up to `asOf`. */
  interestCents: number;
  /** The €40 recovery indemnity, business debtors only. */
  indemnityCents: number;
  /** Everything imputed to this claim so far (all parts, net of reversals). */
  paidCents: number;
  dueCents: number;
  /** Each rate that ran on the claim, with its days (more than one when the tables changed on the way). */
  rates: AppliedRate[];
}

export interface FileAmounts {
  fileId: string;
  currency: string;
  nature: ClaimNature;
  /**
   * What the interest column holds: B2B late penalties, legal interest, or both when the file's claims differ in
   * nature (issue 14: the nature is each claim's); the €40 indemnities exist only beside B2B claims.
   */
  charges: 'PENALTIES' | 'INTEREST' | 'BOTH';
  /** The agency's today: what the interest is computed to. */
  asOf: string;
  /** A rate past the published tables was carried forward: the interest is provisional. */
  estimated: boolean;
  claims: ClaimAmounts[];
  totals: {
    principalCents: number;
    interestCents: number;
    indemnityCents: number;
    /** Sum of the claims' paid column, as the claims table shows it. */
    paidCents: number;
    /** Money imputed to the claims (the file's collected total). */
    collectedCents: number;
    /** Overpayment held for the debtor, owed to no claim. */
    creditCents: number;
    dueCents: number;
  };
}

/**
 * What a file's claims amount to today: principal, interest and penalties computed by the interest engine
 * to the agency's today, the B2B indemnities, what was paid on each and what is still due.
 */
export async function fileAmounts(actor: Actor, fileId: unknown): Promise<FileAmounts> {
  authorize(actor, 'files.read');
  const ref = parseInput(fileRefSchema, { fileId });
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: {
        tenantId: actor.tenantId,
        id: ref.fileId,
        ...(actor.creditorId ? { creditorId: actor.creditorId } : {}),
      },
    });
    if (!file) throw AppError.notFound();
    const clock = await agencyClock(tx, actor.tenantId);
    return amountsOfFile(tx, file, clock.today);
  });
}

/**
 * The amounts of a file on `today`, for every reader alike (the agent's workspace, the debtor's page): one
 * computation, so the debtor never reads other figures than the agent.
 */
export async function amountsOfFile(tx: Tx, file: CaseFile, today: string): Promise<FileAmounts> {
  const ledger = await loadLedger(tx, file);
  const balances = await balancesOn(tx, file, today, ledger);
  const paid = new Map<string, number>();
  for (const a of ledger.allocations) paid.set(a.claimId, (paid.get(a.claimId) ?? 0) + a.cents);

  const claims = balances.claims.map((c) => ({
    claimId: c.claimId,
    invoiceNumber: c.invoiceNumber,
    dueOn: c.dueOn,
    principalCents: c.principalCents,
    interestCents: c.interestAccruedCents,
    indemnityCents: c.charges.indemnityCents,
    paidCents: paid.get(c.claimId) ?? 0,
    dueCents: c.totalDueCents,
    rates: appliedRates(c.charges.periods),
  }));
  const sum = (pick: (c: ClaimAmounts) => number) => claims.reduce((total, c) => total + pick(c), 0);
  const live = ledger.claims.filter((c) => c.principalCents > 0);
  const b2b = live.filter((c) => c.nature === 'B2B').length;
  return {
    fileId: file.id,
    currency: file.currency,
    nature: file.nature,
    charges: b2b === 0 ? 'INTEREST' : b2b === live.length ? 'PENALTIES' : 'BOTH',
    asOf: today,
    estimated: balances.estimated,
    claims,
    totals: {
      principalCents: sum((c) => c.principalCents),
      interestCents: sum((c) => c.interestCents),
      indemnityCents: sum((c) => c.indemnityCents),
      paidCents: sum((c) => c.paidCents),
      collectedCents: Number(file.collectedCents),
      creditCents: Number(file.creditCents),
      dueCents: balances.totals.totalDueCents,
    },
  };
}
