import { randomUUID } from 'node:crypto';
import { sql } from '../support';
import type { Kind, Target } from './route-walls';

/** Where each kind of object lives, and the creditor it belongs to (null: agency-wide). */
const KINDS: Record<Kind, { from: string; creditor: string | null }> = {
  file: { from: 'case_file x', creditor: 'x.creditor_id' },
  claim: { from: 'claim x', creditor: 'x.creditor_id' },
  creditor: { from: 'creditor x', creditor: 'x.id' },
  mandate: { from: 'mandate x', creditor: 'x.creditor_id' },
  import: { from: 'import_batch x', creditor: 'x.creditor_id' },
  scenario: { from: 'scenario x', creditor: null },
  scenarioVersion: { from: 'scenario_version x', creditor: null },
  payment: {
    from: 'payment x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  plan: {
    from: 'payment_plan x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  printRun: { from: 'print_run x', creditor: null },
  bankEntry: { from: 'bank_entry x', creditor: null },
  contactPoint: { from: 'contact_point x', creditor: null },
  task: {
    from: 'task x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  promise: {
    from: 'promise x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  dispute: {
    from: 'dispute x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  disputeAttachment: {
    from: 'dispute_attachment x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  payoutRun: { from: 'payout_run x', creditor: null },
  payoutTransfer: { from: 'payout_transfer x', creditor: 'x.creditor_id' },
  commissionInvoice: { from: 'commission_invoice x', creditor: 'x.creditor_id' },
  escalation: {
    from: 'escalation x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  procedure: {
    from: 'judicial_procedure x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  closing: {
    from: 'file_closing x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  closingBatch: { from: 'closing_batch x', creditor: 'x.creditor_id' },
  partner: { from: 'partner x', creditor: null },
  handover: {
    from: 'handover x JOIN case_file f ON f.tenant_id = x.tenant_id AND f.id = x.file_id',
    creditor: 'f.creditor_id',
  },
  agent: { from: `membership x`, creditor: null },
  apiKey: { from: 'creditor_api_key x', creditor: 'x.creditor_id' },
  debtor: { from: 'debtor x', creditor: null },
};

export async function agencyId(slug: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM agency WHERE slug = $1`, [slug]);
  return row!.id;
}

/**
 * The objects of one agency, or of one agency without a given creditor's: one id of each kind. A kind the demo
 * holds none of gets a random id (still someone else's as far as the user can tell) and is named in `missing`.
 */
export async function target(label: string, tenantId: string, notCreditor: string | null) {
  const ids = {} as Record<Kind, string>;
  const missing: Kind[] = [];
  for (const [kind, where] of Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][]) {
    const creditorClause = notCreditor && where.creditor ? ` AND ${where.creditor} <> $2` : '';
    const roleClause = kind === 'agent' ? ` AND x.role = 'AGENT'` : '';
    const [row] = await sql<{ id: string }>(
      `SELECT x.id FROM ${where.from} WHERE x.tenant_id = $1${creditorClause}${roleClause} ORDER BY x.id LIMIT 1`,
      notCreditor && where.creditor ? [tenantId, notCreditor] : [tenantId],
    );
    if (row) ids[kind] = row.id;
    else {
      ids[kind] = randomUUID();
      missing.push(kind);
    }
  }
  const [file] = await sql<{ version: number; debtor: string }>(
    `SELECT f.version, d.display_name AS debtor FROM case_file f
       JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id WHERE f.tenant_id = $1 AND f.id = $2`,
    [tenantId, ids.file],
  );
  // Markers: the names of the creditors this user may not see, and the file's debtor when no visible file names it.
  const creditors = await sql<{ name: string }>(
    `SELECT name FROM creditor WHERE tenant_id = $1 ${notCreditor ? 'AND id <> $2' : ''}`,
    notCreditor ? [tenantId, notCreditor] : [tenantId],
  );
  const markers = creditors.map((c) => c.name);
  const [seenElsewhere] = await sql<{ n: number }>(
    notCreditor
      ? `SELECT count(*)::int AS n FROM case_file f JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
          WHERE f.creditor_id = $1 AND d.display_name = $2`
      : `SELECT count(*)::int AS n FROM debtor WHERE tenant_id <> $1 AND display_name = $2`,
    [notCreditor ?? tenantId, file!.debtor],
  );
  if (seenElsewhere!.n === 0) markers.push(file!.debtor);
  return { target: { label, ids, version: file!.version, markers } satisfies Target, missing };
}

/**
 * What the crawl's refused writes must leave as it was: the rows server actions write, in one agency. The worker
 * keeps running during the crawl, so rows it writes itself (timeline, tasks it creates, file status) stay out.
 */
export async function fingerprint(tenantId: string): Promise<string> {
  const tables = [
    'claim',
    'payment',
    'payment_plan',
    'contact_point',
    'company_event',
    'file_info',
    'mandate',
    'scenario',
    'scenario_version',
    'print_run',
    'agent_target',
    'dispute',
    'promise',
    'import_batch',
    'membership',
    'creditor_api_key',
  ];
  const parts = tables.map((t) => `SELECT '${t}' || x::text AS r FROM ${t} x WHERE x.tenant_id = $1`);
  parts.push(
    `SELECT 'case_file' || x.id || coalesce(x.assignee_id::text, '-') FROM case_file x WHERE x.tenant_id = $1`,
  );
  parts.push(`SELECT 'task' || x.id || x.status::text FROM task x WHERE x.tenant_id = $1 AND x.done_at IS NOT NULL`);
  const [row] = await sql<{ md5: string }>(
    `SELECT md5(string_agg(r, '|' ORDER BY r)) AS md5 FROM (${parts.join(' UNION ALL ')}) rows`,
    [tenantId],
  );
  return row!.md5;
}
