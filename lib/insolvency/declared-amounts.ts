import type { CaseFile } from '../db/generated/client';
import type { Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { DeclaredClaim } from '../letters/claim-declaration';
import { balancesOn, loadLedger } from '../cases/file-ledger';
import { DECLARATION_MESSAGES as M } from './messages';

export interface DeclaredAmounts {
  /** Due on or before the judgment day. */
  due: DeclaredClaim[];
  /** Born before the judgment, falling due after it (« sommes à échoir »). */
  toFallDue: DeclaredClaim[];
  dueCents: number;
  toFallDueCents: number;
}

/**
 * What a file's claims born before the opening judgment amounted to on the judgment day (L622-25): principal still
 * due, interest and the €40 indemnity stopped there (L622-28, lib/interest/balances.ts), payments received up to that
 * day deducted. Claims born on or after it are not declared (L622-17: paid at their due date). Never an amount priced
 * on a rate not entered yet.
 */
export async function declaredAmounts(
  tx: Tx,
  file: Pick<CaseFile, 'tenantId' | 'id'> & { formalNoticeOn: Date | string | null },
  openedOn: string,
  /** Only these claims (a supplementary declaration declares the ones not declared before). */
  only?: ReadonlySet<string>,
): Promise<DeclaredAmounts> {
  const ledger = await loadLedger(tx, file);
  const before = { ...ledger, allocations: ledger.allocations.filter((a) => a.on <= openedOn) };
  const owed = await balancesOn(tx, file, openedOn, before);
  const issued = new Map(ledger.claims.map((c) => [c.id, c.issuedOn]));
  const due: DeclaredClaim[] = [];
  const toFallDue: DeclaredClaim[] = [];
  for (const c of owed.claims) {
    const issuedOn = issued.get(c.claimId) ?? c.dueOn;
    if (issuedOn >= openedOn || c.totalDueCents <= 0 || (only && !only.has(c.claimId))) continue;
    if (c.charges.estimated) throw new AppError('CONFLICT', M.rateMissing);
    (c.dueOn <= openedOn ? due : toFallDue).push({
      invoiceNumber: c.invoiceNumber,
      issuedOn,
      dueOn: c.dueOn,
      principalCents: c.principalCents,
      interestCents: c.interestDueCents,
      indemnityCents: c.indemnityDueCents,
      dueCents: c.totalDueCents,
    });
  }
  const sum = (claims: DeclaredClaim[]) => claims.reduce((t, c) => t + c.dueCents, 0);
  return { due, toFallDue, dueCents: sum(due), toFallDueCents: sum(toFallDue) };
}
