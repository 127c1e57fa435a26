import { randomUUID } from 'node:crypto';
import { STATUS_PHASE } from '../../../lib/cases/rules';
import { addDays } from '../../../lib/dates/days';
import type { PrismaClient } from '../../../lib/db/generated/client';
import type { ClaimNature, DebtorKind, FileStatus } from '../../../lib/db/generated/enums';

// A file of a creditor with its claims, written with the owner client (fixtures bypass RLS), for the tests of
// what happens to a file once placed: corrections, limitation, plans, documents.

export interface ClaimSpec {
  dueOn: string;
  principalCents: number;
  /** The file's nature when left out. */
  nature?: ClaimNature;
}

export interface FileWithClaims {
  tenantId: string;
  creditorId: string;
  claims: readonly ClaimSpec[];
  /** The file's nature, and its claims' unless they say otherwise; left out, the file keeps the column's default. */
  nature?: ClaimNature;
  status?: FileStatus;
  /** An existing debtor; left out, a company of its own. */
  debtorId?: string;
  /** How many days before its due date each invoice was issued. */
  issuedDaysBefore?: number;
  /** Invoice numbers read `<prefix>-<8 random characters>-<n>`. */
  prefix?: string;
}

export interface PlacedFile {
  id: string;
  reference: string;
  debtorId: string;
  claimIds: string[];
  invoiceNumbers: string[];
}

/** A debtor of the agency: a company, or a person named Jeanne Martin. */
export async function newDebtor(
  owner: PrismaClient,
  tenantId: string,
  { kind = 'COMPANY', name }: { kind?: DebtorKind; name?: string } = {},
): Promise<{ id: string; name: string }> {
  const displayName = name ?? (kind === 'COMPANY' ? `Boulangerie ${randomUUID().slice(0, 6)} SARL` : 'Jeanne Martin');
  const debtor = await owner.debtor.create({
    data: {
      tenantId,
      kind,
      displayName,
      ...(kind === 'COMPANY' ? { companyName: displayName } : { firstName: 'Jeanne', lastName: 'Martin' }),
    },
  });
  return { id: debtor.id, name: displayName };
}

/** A file placed on 1 September 2025 under the creditor's mandate, with one claim per spec. */
export async function fileWithClaims(owner: PrismaClient, spec: FileWithClaims): Promise<PlacedFile> {
  const { tenantId, creditorId, status = 'IN_PROGRESS' } = spec;
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId, creditorId } });
  const debtorId = spec.debtorId ?? (await newDebtor(owner, tenantId)).id;
  const file = await owner.caseFile.create({
    data: {
      tenantId,
      creditorId,
      debtorId,
      mandateId: mandate.id,
      status,
      phase: STATUS_PHASE[status],
      ...(spec.nature ? { nature: spec.nature } : {}),
      placedAt: new Date('2025-09-01T08:00:00Z'),
    },
  });
  const batch = randomUUID().slice(0, 8);
  const claimIds: string[] = [];
  const invoiceNumbers: string[] = [];
  for (const [i, c] of spec.claims.entries()) {
    const claim = await owner.claim.create({
      data: {
        tenantId,
        fileId: file.id,
        creditorId,
        invoiceNumber: `${spec.prefix ?? 'INV'}-${batch}-${i + 1}`,
        issuedOn: new Date(`${addDays(c.dueOn, -(spec.issuedDaysBefore ?? 30))}T00:00:00Z`),
        dueOn: new Date(`${c.dueOn}T00:00:00Z`),
        principalCents: BigInt(c.principalCents),
        nature: c.nature ?? spec.nature ?? 'B2B',
      },
    });
    claimIds.push(claim.id);
    invoiceNumbers.push(claim.invoiceNumber);
  }
  return { id: file.id, reference: file.reference, debtorId, claimIds, invoiceNumbers };
}
