import { seedAgency } from '../../../lib/demo/seed-agency';
import type { PrismaClient } from '../../../lib/db/generated/client';
import { importPool, inTenantRaw } from '../../../lib/db/raw';
import { importRows, type ImportProgress, type SourceRow } from '../../../lib/imports/pipeline/import-rows';
import { uniqueSlug } from './db';

// The import pipeline's tests run rows straight through importRows, as the worker does, for a seeded agency's
// first creditor under its mandate.

export interface ImportTarget {
  tenantId: string;
  creditor: { id: string; name: string };
  mandateId: string;
}

/** A seeded agency, and the creditor and mandate its imports are for. */
export async function seedImportTarget(
  owner: PrismaClient,
  agency: { slug: string; name: string; seed: number; files: number },
): Promise<ImportTarget> {
  const { tenantId } = await seedAgency(owner, { ...agency, slug: uniqueSlug(agency.slug), password: 'x-password-1' });
  const c = await owner.creditor.findFirstOrThrow({ where: { tenantId }, include: { mandates: true } });
  return { tenantId, creditor: { id: c.id, name: c.name }, mandateId: c.mandates[0]!.id };
}

export interface RunOptions {
  today: string;
  fileName?: string;
  /** The rows' source breaks after the last row, as a killed worker would. */
  fail?: boolean;
  onProgress?: (p: ImportProgress) => void;
  beforeMerge?: Promise<unknown>;
}

/** One import of `rows` from the command line, its outcomes row by row. */
export async function runImport(owner: PrismaClient, target: ImportTarget, rows: SourceRow[], options: RunOptions) {
  const { tenantId, creditor, mandateId } = target;
  const batch = await owner.importBatch.create({
    data: { tenantId, creditorId: creditor.id, source: 'CLI', fileName: options.fileName ?? 'test.csv' },
  });
  const result = await inTenantRaw(
    { tenantId },
    (client) =>
      importRows(client, {
        target: { tenantId, creditorId: creditor.id, creditorName: creditor.name, mandateId, importId: batch.id },
        rows: (async function* () {
          for (const row of rows) yield row;
          if (options.fail) throw new Error('worker killed');
        })(),
        today: options.today,
        withOutcomes: true,
        onProgress: options.onProgress,
        progressEvery: 2,
        beforeMerge: options.beforeMerge,
      }),
    { pool: importPool() },
  );
  return { ...result, importId: batch.id };
}
