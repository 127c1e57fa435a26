import type { Query } from './merge';

/**
 * The merge writes debtors, contact points, files, claims and timeline entries with row checks off
 * (session_replication_role = replica): PostgreSQL checks a foreign key once per row, and those checks were 2.1 s
 * of a 7 s import of 100,000 rows. Each key below holds by construction instead:
 * - every id the merge writes is one it has just inserted, or one it read in this transaction under the same
 *   tenant (and creditor, for files), from a table the application cannot delete from (no DELETE grant);
 * - the referenced rows it did not insert are locked against key changes (lockReferencedRows) as the checks
 *   would have locked them; existing files are locked by the totals update.
 * The statement triggers' work is done by the merge itself (markDirtyFiles). import-integrity.test.ts fails when
 * one of these tables gains a foreign key or a trigger that is not listed here.
 */
export const KEYS_HELD_BY_CONSTRUCTION = [
  'debtor_tenant_id_fkey',
  'contact_point_tenant_id_debtor_id_fkey',
  'contact_point_supplier_fkey', // the import's creditor, which the locked mandate references
  'case_file_tenant_id_debtor_id_fkey',
  'case_file_tenant_id_assignee_id_fkey', // imported files have no assignee
  'case_file_mandate_creditor_fkey',
  'claim_file_creditor_fkey',
  'activity_tenant_id_file_id_fkey',
] as const;

/** Triggers the merge does not need, or whose work it does itself. */
export const TRIGGERS_REPLAYED = {
  case_file_report_insert: 'markDirtyFiles',
  case_file_report_update: 'markDirtyFiles',
  claim_refresh_file_totals_ins: 'the merge sums each file from its claims',
  claim_refresh_file_totals_upd: 'the merge never updates claims',
  claim_limitation_defaults: "the merge writes each claim's limitation basis, start and date itself",
  activity_report_insert: 'import entries have no actor: the trigger would mark nothing',
} as const;

export const TABLES_WRITTEN_UNCHECKED = ['debtor', 'contact_point', 'case_file', 'claim', 'activity'] as const;

/**
 * Only recouvra_import may set session_replication_role (importPool): on the web role's connection this throws
 * "permission denied to set parameter", so the merge cannot run there, and nothing else can switch checks off.
 */
export async function rowChecks(q: Query, on: boolean): Promise<void> {
  await q(`SELECT set_config('session_replication_role', $1, true)`, [on ? 'origin' : 'replica']);
}

/** What the foreign-key checks would have locked: the mandate and the known debtors, against key changes. */
export async function lockReferencedRows(
  q: Query,
  t: { tenantId: string; creditorId: string; mandateId: string },
): Promise<void> {
  const mandate = await q(`SELECT 1 FROM mandate WHERE tenant_id = $1 AND id = $2 AND creditor_id = $3 FOR KEY SHARE`, [
    t.tenantId,
    t.mandateId,
    t.creditorId,
  ]);
  if (mandate.rowCount !== 1) throw new Error(`mandate ${t.mandateId} is not the creditor's`);
  await q(
    `SELECT count(*) FROM (SELECT 1 FROM debtor d JOIN import_debtor x ON d.id = x.debtor_id
                             WHERE d.tenant_id = $1 AND NOT x.is_new FOR KEY SHARE OF d) locked`,
    [t.tenantId],
  );
}

/** case_file_report_insert and case_file_report_update, once for all the files the import placed or grew. */
export async function markDirtyFiles(q: Query, tenantId: string): Promise<void> {
  // A file placed by this import cannot be marked yet: no conflict to look for (a third of the statement's time).
  await q(`INSERT INTO report_dirty_file (tenant_id, file_id) SELECT $1, file_id FROM import_debtor WHERE new_file`, [
    tenantId,
  ]);
  await q(
    `INSERT INTO report_dirty_file (tenant_id, file_id) SELECT $1, file_id FROM import_debtor WHERE NOT new_file
     ON CONFLICT DO NOTHING`,
    [tenantId],
  );
}
