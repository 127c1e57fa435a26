import type pg from 'pg';
import { ClaimNature } from '../../db/generated/enums';
import { lockReferencedRows, markDirtyFiles, rowChecks } from './integrity';
import { idPrefix, orderedId } from './ordered-ids';

const CLAIM_NATURES = Object.values(ClaimNature);

export interface ImportCounts {
  rows: number;
  files: number;
  claims: number;
  updates: number;
  duplicates: number;
  rejected: number;
  /** Rows placed with an identifier left out because it did not check out (import_warning). */
  warned: number;
}

/** What the merge writes, in order: the page names the step under way (a million rows take most of a minute). */
export const MERGE_STEPS = ['debtors', 'contacts', 'files', 'claims', 'timeline'] as const;
export type MergeStep = (typeof MERGE_STEPS)[number];
type OnStep = (step: MergeStep) => void | Promise<void>;

export interface MergeTarget {
  tenantId: string;
  creditorId: string;
  creditorName: string;
  mandateId: string;
  importId: string;
}

/**
 * Turns the staged rows into debtors, contact points, files and claims with set-based SQL, inside the
 * caller's transaction. Each step narrows the staged rows; outcome and reason record why a row was left out.
 */
export async function mergeStage(
  client: pg.PoolClient,
  t: MergeTarget,
  onStep: OnStep = () => {},
): Promise<ImportCounts> {
  const q = (sql: string, values: unknown[] = []) => timed(client, sql, values);
  return mergeSteps(t, q, onStep);
}

export type Query = (sql: string, values?: unknown[]) => Promise<pg.QueryResult>;

// DEBUG_IMPORT=1 prints each step's time; =explain also its plan (in a savepoint, rolled back).
async function timed(client: pg.PoolClient, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const t0 = performance.now();
  if (process.env.DEBUG_IMPORT === 'explain' && /^\s*(INSERT|CREATE TEMP)/.test(sql)) {
    await client.query('SAVEPOINT x');
    const plan = await client.query('EXPLAIN (ANALYZE, BUFFERS) ' + sql, values);
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    await client.query('ROLLBACK TO SAVEPOINT x').catch(() => {});
  }
  const r = await client.query(sql, values);
  if (process.env.DEBUG_IMPORT)
    console.log(((performance.now() - t0) / 1000).toFixed(2), sql.trim().slice(0, 70).replace(/\s+/g, ' '));
  return r;
}

async function mergeSteps(t: MergeTarget, q: Query, onStep: OnStep): Promise<ImportCounts> {
  // One merge at a time per creditor: what an import running beside this one placed is seen below as already
  // placed, so the claim insert needs no ON CONFLICT (which skipped claims silently and cost a third of it).
  await q(`SELECT pg_advisory_xact_lock(hashtextextended('import:' || $1 || ':' || $2, 0))`, [
    t.tenantId,
    t.creditorId,
  ]);
  const distinctInvoices = await indexInvoices(q);
  const ids = { debtor: idPrefix(), file: idPrefix(), claim: idPrefix(), activity: idPrefix() };

  // The same invoice twice in one file: the first row counts, the others are refused with a pointer to it.
  if (!distinctInvoices)
    await q(`
    UPDATE import_stage s
       SET reason = CASE WHEN s.principal_cents = f.principal_cents AND s.due_on = f.due_on
                         THEN 'duplicate of row ' || f.first_row
                         ELSE 'invoice ' || s.invoice_number || ' already appears in row ' || f.first_row
                              || ' with another amount or due date' END,
           issues = jsonb_build_array(CASE WHEN s.principal_cents = f.principal_cents AND s.due_on = f.due_on
             THEN jsonb_build_object('key', 'row.duplicateRow', 'values', jsonb_build_object('row', f.first_row::text))
             ELSE jsonb_build_object('key', 'row.conflictRow',
                    'values', jsonb_build_object('invoice', s.invoice_number, 'row', f.first_row::text)) END)
      FROM (SELECT row_number, first_value(row_number) OVER w AS first_row,
                   first_value(principal_cents) OVER w AS principal_cents, first_value(due_on) OVER w AS due_on
              FROM import_stage WHERE reason IS NULL
            WINDOW w AS (PARTITION BY invoice_number COLLATE "C" ORDER BY row_number)) f
     WHERE s.row_number = f.row_number AND f.row_number <> f.first_row`);

  // Already placed: identical → a duplicate, changed nothing; different → refused, corrections go through an agent.
  await q(
    `UPDATE import_stage s
        SET outcome = CASE WHEN c.principal_cents = s.principal_cents AND c.due_on = s.due_on THEN 'duplicate' END,
            reason = CASE WHEN c.principal_cents = s.principal_cents AND c.due_on = s.due_on THEN NULL
                          ELSE 'invoice ' || s.invoice_number || ' is already placed on file ' || f.reference
                               || ' with another amount or due date' END,
            issues = CASE WHEN c.principal_cents = s.principal_cents AND s.due_on = c.due_on THEN NULL
                          ELSE jsonb_build_array(jsonb_build_object('key', 'row.conflictPlaced',
                                 'values', jsonb_build_object('invoice', s.invoice_number, 'file', f.reference))) END
       FROM claim c JOIN case_file f ON f.tenant_id = c.tenant_id AND f.id = c.file_id
      WHERE s.reason IS NULL AND c.tenant_id = $1 AND c.creditor_id = $2 AND c.invoice_number = s.invoice_number`,
    [t.tenantId, t.creditorId],
  );

  const [terms] = (
    await q(
      `SELECT default_nature::text AS nature, contract_rate_bps AS "contractRateBps",
              creditor_is_private_individual AS "privateIndividual"
         FROM mandate WHERE tenant_id = $1 AND id = $2`,
      [t.tenantId, t.mandateId],
    )
  ).rows as { nature: string | null; contractRateBps: number | null; privateIndividual: boolean }[];
  if (!terms) throw new Error(`mergeStage: mandate ${t.mandateId} not found`);
  // Each claim's nature: the file's column, else the mandate's default, else the debtor's type (a company owes a
  // business debt, C. com. L110-4 / L441-10; a person a consumer debt to a professional, C. conso. L218-2).
  // Written into the SQL (it is one of the enum's three names, read from the database), so the plans stay the same.
  const defaultNature = CLAIM_NATURES.find((n) => n === terms.nature);
  const natureOf = (s: string) =>
    `coalesce(${s}.nature, ${defaultNature ? `'${defaultNature}'::"ClaimNature", ` : ''}` +
    `(CASE WHEN ${s}.kind = 'COMPANY' THEN 'B2B' ELSE 'CONSUMER' END)::"ClaimNature")`;
  // Each claim's limitation basis: the file's column, else its nature's default (lib/compliance/limitation.ts).
  const basisOf = (s: string) => `coalesce(${s}.limitation_basis, default_limitation_basis(${natureOf(s)}))`;

  await onStep('debtors');
  // One debtor per match key; the first row describes it, and its rows' totals become its file's. `n` numbers the
  // debtors for their ordered ids; the steps below read import_debtor in that order (a sequential scan). Keys are
  // sorted bytewise (COLLATE "C"): the order does not matter, and the database's collation sorted a third slower.
  // A known debtor matches unless both sides carry e-mails that differ (then it is somebody else).
  // Until a known debtor's open file is looked for below, every debtor gets a new file.
  const debtors = await q(
    `CREATE TEMP TABLE import_debtor ON COMMIT DROP AS
     SELECT x.*, coalesce(k.id, ${orderedId('$2', 'x.n')}) AS debtor_id, k.id IS NULL AS is_new,
            ${orderedId('$3', 'x.n')} AS file_id, true AS new_file
       FROM (SELECT f.*, row_number() OVER (ORDER BY f.match_key COLLATE "C") AS n
               FROM (SELECT DISTINCT ON (match_key COLLATE "C") match_key, kind, company_name, first_name, last_name, siren, siret,
                            display_name, email, phone, line1, line2, postcode, city, country, currency,
                            count(*) OVER w AS claims, (sum(principal_cents) OVER w)::bigint AS total,
                            min(due_on) OVER w AS oldest, min(currency) OVER w AS claims_currency,
                            file_nature(array_agg(${natureOf('import_stage')}) OVER w) AS nature,
                            -- The file's limitation date is the latest of its claims' (lib/cases/claim-limitation.ts).
                            max((due_on + make_interval(years => limitation_years(${basisOf('import_stage')})))::date)
                              OVER w AS last_limitation_on
                       FROM import_stage WHERE reason IS NULL AND outcome IS NULL
                     WINDOW w AS (PARTITION BY match_key COLLATE "C" ORDER BY row_number
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                      ORDER BY match_key COLLATE "C", row_number) f) x
       LEFT JOIN LATERAL (
            SELECT d.id FROM debtor d
             WHERE d.tenant_id = $1 AND d.match_key = x.match_key
               AND (x.email IS NULL OR d.match_email IS NULL OR d.match_email = x.email)
             ORDER BY (d.match_email = x.email) DESC NULLS LAST, d.created_at LIMIT 1) k ON true`,
    [t.tenantId, ids.debtor, ids.file],
  );
  await rowChecks(q, false);
  const newDebtors = await q(
    `INSERT INTO debtor (tenant_id, id, kind, first_name, last_name, company_name, siren, siret, display_name,
                         match_key, match_email)
     SELECT $1, debtor_id, kind, first_name, last_name, company_name, siren, siret, display_name, match_key, email
       FROM import_debtor WHERE is_new`,
    [t.tenantId],
  );
  await lockReferencedRows(q, t);
  await onStep('contacts');
  await addContactPoints(q, t.tenantId, t.creditorId);

  await onStep('files');
  // Each debtor's open file with this creditor receives the new claims; otherwise a new file is opened.
  if ((debtors.rowCount ?? 0) > (newDebtors.rowCount ?? 0)) {
    await q(
      `UPDATE import_debtor t SET file_id = f.id, new_file = false
         FROM (SELECT DISTINCT ON (debtor_id) debtor_id, id FROM case_file
                WHERE tenant_id = $1 AND creditor_id = $2 AND phase <> 'CLOSED'
                  AND debtor_id IN (SELECT debtor_id FROM import_debtor WHERE NOT is_new)
                ORDER BY debtor_id, placed_at DESC) f
        WHERE f.debtor_id = t.debtor_id`,
      [t.tenantId, t.creditorId],
    );
  }
  await q(
    // The file's nature is derived from its claims' (file_nature(): the most protective wins, see the migration
    // 20261207110000_claim_terms); its limitation date is its latest claim's (migration 20261207120000).
    `INSERT INTO case_file (tenant_id, id, creditor_id, debtor_id, mandate_id, currency, principal_cents, oldest_due_on,
                           nature, limitation_on)
     SELECT $1, file_id, $2, debtor_id, $3, currency, total, oldest, nature, last_limitation_on
       FROM import_debtor WHERE new_file`,
    [t.tenantId, t.creditorId, t.mandateId],
  );

  await onStep('claims');
  // Claims go in file by file, so each file's claims sit together in the file index (and their ids in order).
  const inserted = await q(
    // The mandate's terms are copied onto each claim: a later change of the mandate never re-prices a placed claim.
    // The merge runs with triggers off: it writes each claim's limitation itself, as claim_limitation_defaults would
    // (the basis from the file's column or the claim's nature, the period from its due date).
    `INSERT INTO claim (tenant_id, id, file_id, creditor_id, invoice_number, issued_on, due_on, principal_cents,
                        currency, import_id, nature, contract_rate_bps, creditor_is_private_individual,
                        limitation_basis, limitation_starts_on, limitation_on)
     SELECT $1, ${orderedId('$4', 'row_number() OVER (ORDER BY x.file_id, s.row_number)')}, x.file_id, $2,
            s.invoice_number, s.issued_on, s.due_on, s.principal_cents, s.currency, $3, ${natureOf('s')}, $5::int, $6,
            ${basisOf('s')}, s.due_on,
            (s.due_on + make_interval(years => limitation_years(${basisOf('s')})))::date
       FROM import_stage s
       JOIN import_debtor x ON x.match_key = s.match_key
      WHERE s.reason IS NULL AND s.outcome IS NULL
      ORDER BY x.file_id, s.row_number`,
    [t.tenantId, t.creditorId, t.importId, ids.claim, terms.contractRateBps, terms.privateIndividual],
  );
  // An open file receiving claims: its nature is derived again from all its live claims (the triggers are off).
  await q(
    // Claims added to an open file move its limitation date to the latest of its claims' (issue 14: it stayed put),
    // unless a claim of it is under a suspension (no date known, lib/cases/file-store.ts refreshFileLimitation).
    `UPDATE case_file f SET principal_cents = f.principal_cents + t.total, oldest_due_on = least(f.oldest_due_on, t.oldest),
            nature = (SELECT file_nature(array_agg(c.nature)) FROM claim c
                       WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id AND c.cancelled_at IS NULL),
            limitation_on = CASE WHEN EXISTS (SELECT 1 FROM claim c WHERE c.tenant_id = f.tenant_id
                                                AND c.file_id = f.id AND c.limitation_on IS NULL) THEN NULL
                                 ELSE greatest(f.limitation_on, t.last_limitation_on) END
       FROM import_debtor t WHERE NOT t.new_file AND f.tenant_id = $1 AND f.id = t.file_id`,
    [t.tenantId],
  );
  await onStep('timeline');
  await markDirtyFiles(q, t.tenantId);
  await addTimeline(q, t, ids.activity);
  await rowChecks(q, true);
  await q(
    `INSERT INTO import_rejection (tenant_id, import_id, row_number, reason, raw, issues)
     SELECT $1, $2, row_number, reason, coalesce(raw, '{}'), issues FROM import_stage WHERE reason IS NOT NULL`,
    [t.tenantId, t.importId],
  );
  // Rows placed in spite of an identifier left out: on the file they went to, for the agent to verify.
  const warned = await q(
    `INSERT INTO import_warning (tenant_id, import_id, row_number, file_id, issues)
     SELECT $1, $2, s.row_number, x.file_id, s.warnings
       FROM import_stage s JOIN import_debtor x ON x.match_key = s.match_key
      WHERE s.warnings IS NOT NULL AND s.reason IS NULL AND s.outcome IS NULL`,
    [t.tenantId, t.importId],
  );

  const { rows } = await q(`
    SELECT count(*)::int AS rows,
           (SELECT count(*) FROM import_debtor WHERE new_file)::int AS files,
           (SELECT count(*) FROM import_debtor WHERE NOT new_file)::int AS updates,
           count(*) FILTER (WHERE outcome = 'duplicate')::int AS duplicates,
           count(*) FILTER (WHERE reason IS NOT NULL)::int AS rejected
      FROM import_stage`);
  const counts = rows[0] as Omit<ImportCounts, 'claims' | 'warned'>;
  return { ...counts, claims: inserted.rowCount ?? 0, warned: warned.rowCount ?? 0 };
}

/**
 * Indexes the staged invoice numbers (the already-placed join below probes it, whatever the statistics say).
 * Most files name each invoice once: a unique index proves it, and the in-file duplicate pass is skipped.
 */
async function indexInvoices(q: Query): Promise<boolean> {
  await q('SAVEPOINT stage_index');
  try {
    await q('CREATE UNIQUE INDEX ON import_stage (invoice_number)');
    await q('RELEASE SAVEPOINT stage_index');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await q('ROLLBACK TO SAVEPOINT stage_index');
    await q('RELEASE SAVEPOINT stage_index');
    await q('CREATE INDEX ON import_stage (invoice_number)');
    return false;
  }
}

async function addContactPoints(q: Query, tenantId: string, creditorId: string): Promise<void> {
  // New details for a known debtor are added beside the old ones, never over them (history is kept). They are the
  // creditor's (supplied_by_creditor_id): another creditor of the same debtor neither sees them nor writes to them
  // until an agent verifies them, so a detail counts as known only when this creditor or the agency already has it.
  // Only known debtors are looked up, one index probe each. As an anti-join the planner, misled by statistics a
  // table outgrew, rescanned every contact point of the agency for each new debtor: 10 minutes instead of 0.3 s.
  const known = (kind: string, same: string) =>
    `(x.is_new OR NOT EXISTS (SELECT 1 FROM contact_point c WHERE c.tenant_id = $1 AND c.debtor_id = x.debtor_id
                               AND c.kind = '${kind}' AND ${same}
                               AND (c.supplied_by_creditor_id IS NULL OR c.supplied_by_creditor_id = $3)))`;
  await q(
    `INSERT INTO contact_point (tenant_id, id, debtor_id, kind, line1, line2, postcode, city, country, source,
                               supplied_by_creditor_id)
     SELECT $1, ${orderedId('$2', 'x.n')}, debtor_id, 'ADDRESS', line1, line2, postcode, city, country, 'import', $3
       FROM import_debtor x
      WHERE line1 IS NOT NULL AND ${known('ADDRESS', 'c.postcode = x.postcode AND upper(c.line1) = upper(x.line1)')}`,
    [tenantId, idPrefix(), creditorId],
  );
  await q(
    `INSERT INTO contact_point (tenant_id, id, debtor_id, kind, phone, source, supplied_by_creditor_id)
     SELECT $1, ${orderedId('$2', 'x.n')}, debtor_id, 'PHONE', phone, 'import', $3 FROM import_debtor x
      WHERE phone IS NOT NULL AND ${known('PHONE', 'c.phone = x.phone')}`,
    [tenantId, idPrefix(), creditorId],
  );
  await q(
    `INSERT INTO contact_point (tenant_id, id, debtor_id, kind, email, source, supplied_by_creditor_id)
     SELECT $1, ${orderedId('$2', 'x.n')}, debtor_id, 'EMAIL', email, 'import', $3 FROM import_debtor x
      WHERE email IS NOT NULL AND ${known('EMAIL', 'lower(c.email) = x.email')}`,
    [tenantId, idPrefix(), creditorId],
  );
}

// One entry per file, from the totals the import computed (the claims are not read back).
async function addTimeline(q: Query, t: MergeTarget, prefix: string): Promise<void> {
  await q(
    `INSERT INTO activity (tenant_id, id, file_id, kind, details)
     SELECT $1, ${orderedId('$4', 'f.n')}, f.file_id,
            CASE WHEN f.new_file THEN 'file.placed' ELSE 'claims.added' END,
            jsonb_build_object('importId', $3::text, 'creditorName', $2::text, 'claims', f.claims,
                               'principalCents', f.total, 'currency', f.claims_currency)
       FROM import_debtor f`,
    [t.tenantId, t.creditorName, t.importId, prefix],
  );
}
