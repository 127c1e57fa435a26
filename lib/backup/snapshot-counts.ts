import type pg from 'pg';

/** What a backup held, counted in the dump's own snapshot: the restore drill compares the restored database to it. */
export interface BackupManifest {
  takenAt: string;
  database: string;
  /** Rows per table of the public schema. */
  rows: Record<string, number>;
  ledger: LedgerFigures | null;
}

export interface LedgerFigures {
  entries: number;
  lines: number;
  /** Sum of every line's signed amount: 0 in a double-entry ledger. */
  sumCents: string;
  /** Entries whose own lines do not sum to 0. */
  unbalancedEntries: number;
  /** ledger_balance rows that differ from the sum of their lines (the trigger's upkeep). */
  driftingBalances: number;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.${ident(name)}`);
    counts[name] = Number(rows[0]!.n);
  }
  return counts;
}

/** The ledger's balance checks, or null when the database has no ledger yet (a dump older than issue 15). */
export async function ledgerFigures(client: pg.Client): Promise<LedgerFigures | null> {
  const { rows: present } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name IN ('journal_entry', 'journal_line', 'ledger_balance')`,
  );
  if (present[0]!.n < 3) return null;
  const { rows } = await client.query<LedgerFigures>(`
    SELECT (SELECT count(*)::int FROM journal_entry) AS entries,
           (SELECT count(*)::int FROM journal_line) AS lines,
           (SELECT coalesce(sum(amount_cents), 0)::text FROM journal_line) AS "sumCents",
           (SELECT count(*)::int FROM (SELECT 1 FROM journal_line GROUP BY tenant_id, entry_id
                                       HAVING sum(amount_cents) <> 0) u) AS "unbalancedEntries",
           (SELECT count(*)::int FROM (
              SELECT coalesce(b.tenant_id, l.tenant_id) AS t
                FROM ledger_balance b
                FULL JOIN (SELECT tenant_id, account,
                                  coalesce(creditor_id, '00000000-0000-0000-0000-000000000000'::uuid) AS creditor_id,
                                  sum(amount_cents) AS total
                             FROM journal_line GROUP BY 1, 2, 3) l
                  ON l.tenant_id = b.tenant_id AND l.account = b.account AND l.creditor_id = b.creditor_id
               WHERE coalesce(b.balance_cents, 0) <> coalesce(l.total, 0)) d) AS "driftingBalances"`);
  return rows[0]!;
}
