import { companyKey, personKey } from '../cases/debtor-key';
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../db/generated/client';
import type { Role } from '../db/generated/enums';
import { hashPassword } from '../tenancy/passwords';
import { buildAgencyDataset } from './agency-dataset';
import { createFactoryContext, type ContactPointRow, type DebtorRow } from './factories';
import type { CreditorProfile } from './french-data';
import { buildWorkload } from './workload';
import { refreshFileLimitation } from '../cases/file-store';
import { attachDemoEvidence } from './dispute-evidence';

// Writes demo agencies. The client must connect as the owner (MIGRATION_DATABASE_URL): it bypasses
// row-level security, which would otherwise hide every tenant from a session without a tenant context.

export interface SeedAgencyOptions {
  slug: string;
  name: string;
  seed: number;
  files: number;
  password: string;
  legalName?: string;
  /** One line, e.g. "24 rue de la République, 69002 Lyon". */
  address?: string;
  creditors?: readonly CreditorProfile[];
  /** Also a second agent, promises, tasks and disputes, so the work queue has real work (lib/demo/workload.ts). */
  workload?: boolean;
  /** Admins and managers need a second factor (the default, as for every agency); the demo's do not. */
  staffSecondFactor?: boolean;
}

export interface SeedSummary {
  tenantId: string;
  creditors: number;
  files: number;
  claims: number;
  debtors: number;
  activities: number;
  users: { email: string; role: Role }[];
}

// PostgreSQL's wire protocol numbers bind parameters with 16 bits (at most 32,767 in one statement).
const MAX_BIND_PARAMETERS = 32_767;

async function insertChunked<T extends object>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function seedAgency(client: PrismaClient, opts: SeedAgencyOptions): Promise<SeedSummary> {
  const passwordHash = await hashPassword(opts.password);
  const ctx = createFactoryContext({ seed: opts.seed, newId: randomUUID });
  const data = buildAgencyDataset(ctx, { ...opts, passwordHash });
  // Its own random stream: the dataset is the same with or without the workload.
  const work = opts.workload
    ? buildWorkload(createFactoryContext({ seed: opts.seed + 7, now: ctx.now, newId: randomUUID }), data, {
        passwordHash,
        slug: opts.slug,
      })
    : null;
  const identities = [...data.identities, ...(work?.identities ?? [])];
  const memberships = [...data.memberships, ...(work?.memberships ?? [])];

  // One transaction: a failed seed leaves no half-made agency behind.
  await client.$transaction(
    async (tx) => {
      await tx.agency.create({ data: data.agency });
      await tx.identity.createMany({ data: identities });
      await tx.creditor.createMany({ data: data.creditors });
      await tx.membership.createMany({ data: memberships });
      await tx.mandate.createMany({ data: data.mandates });
      await insertChunked(withMatchKeys(data.debtors, data.contactPoints), (batch) =>
        tx.debtor.createMany({ data: batch }),
      );
      await insertChunked(data.contactPoints, (batch) => tx.contactPoint.createMany({ data: batch }));
      await insertChunked(work?.files ?? data.files, (batch) => tx.caseFile.createMany({ data: batch }));
      // The claim trigger fills case_file.principal_cents and oldest_due_on, and each claim's limitation from its
      // basis and due date; the file's date is the latest of its claims', as the product keeps it.
      await insertChunked(data.claims, (batch) => tx.claim.createMany({ data: batch }));
      await refreshFileLimitation(
        tx,
        data.agency.id,
        data.files.map((f) => f.id),
      );
      await insertChunked(data.activities, (batch) =>
        tx.activity.createMany({ data: batch.map((a) => ({ ...a, details: a.details as Prisma.InputJsonObject })) }),
      );
      if (work) {
        await insertChunked(work.promises, (batch) => tx.paymentPromise.createMany({ data: batch }));
        await insertChunked(work.tasks, (batch) => tx.task.createMany({ data: batch }));
        await insertChunked(work.disputes, (batch) => tx.dispute.createMany({ data: batch }));
        if (work.disputes[0]) await attachDemoEvidence(tx, work.disputes[0]);
      }
    },
    { maxWait: 30_000, timeout: 120_000 },
  );

  return {
    tenantId: data.agency.id,
    creditors: data.creditors.length,
    files: data.files.length,
    claims: data.claims.length,
    debtors: data.debtors.length,
    activities: data.activities.length,
    users: identities.map((identity, i) => ({ email: identity.email, role: memberships[i]!.role })),
  };
}

/**
 * Empties every agency, identity and tenant table so the seed can run again. Tenant tables are found by their
 * tenant_id column, so a table added by a later migration is emptied too; legal_rate and the migration history
 * stay. The file-reference sequence restarts, so the demo files get the same references on every run.
 */
export async function resetDemo(client: PrismaClient): Promise<void> {
  const rows = await client.$queryRaw<{ table_name: string }[]>`
    SELECT c.table_name
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'`;
  const tables = ['agency', 'identity', ...rows.map((r) => r.table_name)];
  const list = tables.map((t) => `"${t.replace(/"/g, '""')}"`).join(', ');
  await client.$transaction([
    client.$executeRawUnsafe(`TRUNCATE ${list} CASCADE`),
    client.$executeRawUnsafe('ALTER SEQUENCE case_file_reference_seq RESTART'),
  ]);
}

/** Demo debtors carry the same match keys an import computes, so re-importing one finds it. */
function withMatchKeys(debtors: DebtorRow[], contactPoints: ContactPointRow[]) {
  const postcodes = new Map<string, string>();
  const emails = new Map<string, string>();
  for (const c of contactPoints) {
    if (c.kind === 'ADDRESS' && c.postcode && !postcodes.has(c.debtorId)) postcodes.set(c.debtorId, c.postcode);
    if (c.kind === 'EMAIL' && c.email && !emails.has(c.debtorId)) emails.set(c.debtorId, c.email.toLowerCase());
  }
  return debtors.map((d) => ({
    ...d,
    matchKey: d.siren
      ? companyKey(d.siren)
      : personKey(d.firstName, d.lastName ?? d.displayName, postcodes.get(d.id) ?? ''),
    matchEmail: emails.get(d.id) ?? null,
  }));
}
