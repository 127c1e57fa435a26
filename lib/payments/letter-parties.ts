import { openingJudgmentSql } from '../cases/opening-judgment';
import { chooseContact, USABLE_CONTACT } from '../cases/contact-choice';
import type { ClaimNature } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import type { AllocationRow, ClaimRow } from '../interest/balances';
import type { InterestFreeze } from '../interest/rules';
import { interestFreezes, loadClaims } from '../cases/file-ledger';
import { fundsAccount } from '../letters/funds-account';
import { dayOf } from '../dates/days';
import { splitAddress } from '../letters/postal-address';
import type { Addressee, AgencyIdentity, LetterLocale, PartyAddress } from '../letters/types';

// Who a receipt or plan letter is from, on whose behalf, and to whom: read from the agency, the creditor and
// the debtor's best known postal address, in the shapes lib/letters draws.

export async function agencyIdentity(tx: Tx, tenantId: string): Promise<AgencyIdentity> {
  const agency = await tx.agency.findUniqueOrThrow({ where: { id: tenantId } });
  const iban = fundsAccount(agency.creditorFundsIban);
  return {
    name: agency.name,
    legalName: agency.legalName,
    siren: agency.siren,
    address: splitAddress(agency.address),
    iban,
  };
}

export async function creditorParty(tx: Tx, tenantId: string, creditorId: string): Promise<PartyAddress> {
  const creditor = await tx.creditor.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: creditorId } } });
  return {
    name: creditor.name,
    address: { lines: [creditor.address], postcode: creditor.postcode, city: creditor.city, country: creditor.country },
  };
}

/**
 * The debtor as the letters address it. What the letters call a business debtor is one that owes a
 * business-to-business claim (Code de commerce L441-10 applies to the debt, not to the legal form): a sole
 * trader is a person who owes penalties and the €40 indemnity all the same. So the claims decide: a file with a
 * live B2B claim among others (its own nature is then the most protective one, decision 0010) still owes them.
 */
export async function debtorAddressee(
  tx: Tx,
  file: { tenantId: string; id: string; debtorId: string; creditorId: string; nature: ClaimNature },
): Promise<{ addressee: Addressee; locale: LetterLocale }> {
  const { tenantId, debtorId } = file;
  const business =
    file.nature === 'B2B' ||
    (await tx.claim.count({ where: { tenantId, fileId: file.id, nature: 'B2B', cancelledAt: null } })) > 0;
  const debtor = await tx.debtor.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: debtorId } } });
  const addresses = await tx.contactPoint.findMany({
    where: { tenantId, debtorId, kind: 'ADDRESS' },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  // The same choice as the scenario letters; never an address marked returned or off-limits.
  const chosen = chooseContact(addresses, 'ADDRESS', file.creditorId);
  const best = chosen && USABLE_CONTACT.includes(chosen.status) ? chosen : null;
  return {
    addressee: {
      kind: business ? 'COMPANY' : 'PERSON',
      name: debtor.displayName,
      address: best
        ? {
            lines: [best.line1, best.line2].filter((l): l is string => Boolean(l)),
            postcode: best.postcode ?? '',
            city: best.city ?? '',
            country: best.country,
          }
        : { lines: [], postcode: '', city: '' },
    },
    locale: debtor.locale === 'en' ? 'en' : 'fr',
  };
}

/**
 * The file's ledger as it stood right after a given payment was recorded (or before a plan was made): the
 * allocations of payments recorded up to that moment, so a reprinted document shows the figures of its day.
 */
export async function ledgerUntil(
  tx: Tx,
  file: { tenantId: string; id: string },
  until: { recordedAt: Date; receiptNumber?: string },
): Promise<{
  claims: LedgerClaim[];
  allocations: AllocationRow[];
  openingJudgmentOn: string | null;
  frozen: InterestFreeze[];
}> {
  const claims = await loadClaims(tx, file);
  // Payments recorded in the same instant are told apart by their receipt numbers, which only grow.
  const receipt = until.receiptNumber ?? '';
  const rows = await tx.$queryRaw<{ claimId: string; part: AllocationRow['part']; cents: bigint; on: Date }[]>`
    SELECT a.claim_id AS "claimId", a.part::text AS part, a.amount_cents AS cents, p.received_on AS "on"
      FROM allocation a
      JOIN payment p ON p.tenant_id = a.tenant_id AND p.id = a.payment_id
     WHERE a.tenant_id = ${file.tenantId}::uuid AND a.file_id = ${file.id}::uuid AND a.claim_id IS NOT NULL
       AND (p.recorded_at < ${until.recordedAt}
            OR (p.recorded_at = ${until.recordedAt} AND ${receipt} <> '' AND p.receipt_number <= ${receipt}))`;
  const [opening] = await tx.$queryRaw<{ on: string | null }[]>(openingJudgmentSql(file.tenantId, file.id));
  return {
    openingJudgmentOn: opening?.on ?? null,
    claims,
    allocations: rows.map((r) => ({ claimId: r.claimId, part: r.part, cents: Number(r.cents), on: dayOf(r.on) })),
    frozen: await interestFreezes(tx, file, until.recordedAt),
  };
}

export interface LedgerClaim extends ClaimRow {
  issuedOn: string;
}

/** A readable file name: letters, digits, dot, dash and underscore only. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}
