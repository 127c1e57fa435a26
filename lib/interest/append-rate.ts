import { recordAudit, type AuditEntry } from '../audit/record-audit';
import { agencyToday } from '../dates/agency-clock';
import { inTenant, type Tx } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { forgetRateTables, readRateTables } from './load-rates';
import type { RateTables } from './rules';

/**
 * What adding a legal or an ECB rate share. The tables belong to every agency: the lock is the one the table's
 * trigger takes (20261207050100_rate_entry), so two admins entering at once are checked one after the other
 * against what the first saved. Every other process forgets its cached tables within ten minutes; this one at once.
 */
export async function appendRate<Row>(options: {
  actor: Actor;
  ip?: string;
  now?: Date;
  table: 'legal_rate' | 'reference_rate';
  /** Parses the input against the tables as they stand and the agency's day (throws INVALID naming fields). */
  parse: (context: { tables: RateTables; today: string }) => Row;
  /** Writes the row; answers what the audit trail records of it. */
  write: (tx: Tx, row: Row) => Promise<Omit<AuditEntry, 'ip'>>;
}): Promise<Row> {
  const { actor, ip, now, table } = options;
  authorize(actor, 'rates.manage');
  const row = await inTenant(scopeOf(actor), async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${table}))`;
    const tables = await readRateTables(tx);
    const today = await agencyToday(tx, actor.tenantId, now);
    const parsed = options.parse({ tables, today });
    await recordAudit(tx, actor, { ...(await options.write(tx, parsed)), ip });
    return parsed;
  });
  forgetRateTables();
  return row;
}
