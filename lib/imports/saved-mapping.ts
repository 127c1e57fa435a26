import type { RawTx } from '../db/raw';
import type { Tx } from '../db/tenant';
import type { ColumnMapping } from './import-schemas';
import { suggestMapping } from './columns';

/**
 * A creditor's mapping is kept by header name, not position, so next month's file with its columns in
 * another order still maps. When a saved header is missing from this file, detection starts afresh.
 * `tx`: a use case's Prisma transaction, or pgTx() of the command line's import connection.
 */
export async function mappingFor(
  tx: RawTx,
  tenantId: string,
  creditorId: string,
  headers: string[],
): Promise<ColumnMapping> {
  const rows = await tx.$queryRaw<{ mapping: Record<string, string> }[]>`
    SELECT mapping FROM import_mapping WHERE tenant_id = ${tenantId}::uuid AND creditor_id = ${creditorId}::uuid`;
  return mappingFromSaved(rows[0]?.mapping ?? null, headers);
}

export function mappingFromSaved(byName: Record<string, string> | null, headers: string[]): ColumnMapping {
  const suggested = suggestMapping(headers);
  if (byName) {
    const mapping: ColumnMapping = {};
    let complete = true;
    for (const [field, header] of Object.entries(byName)) {
      const index = headers.indexOf(header);
      if (index < 0) complete = false;
      else mapping[field as keyof ColumnMapping] = index;
    }
    if (complete) {
      // A field the saved mapping does not fill (this file adds an invoice-date column) is still detected,
      // on a column the saved mapping leaves free; the mapping screen shows it before anything is imported.
      const used = new Set(Object.values(mapping));
      for (const [field, column] of Object.entries(suggested) as [keyof ColumnMapping, number][]) {
        if (mapping[field] === undefined && !used.has(column)) {
          mapping[field] = column;
          used.add(column);
        }
      }
      return mapping;
    }
  }
  return suggested;
}

export async function saveMapping(
  tx: Tx,
  tenantId: string,
  creditorId: string,
  headers: string[],
  mapping: ColumnMapping,
) {
  const byName = Object.fromEntries(Object.entries(mapping).map(([field, index]) => [field, headers[index!]]));
  await tx.importMapping.upsert({
    where: { tenantId_creditorId: { tenantId, creditorId } },
    create: { tenantId, creditorId, mapping: byName },
    update: { mapping: byName, updatedAt: new Date() },
  });
}
