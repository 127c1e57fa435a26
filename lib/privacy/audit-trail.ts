import { Prisma } from '../db/generated/client';
import type { Role } from '../db/generated/enums';
import type { RawTx } from '../db/raw';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { AuditKind } from '../audit/kinds';
import { AUDIT_PAGE_SIZE, auditSearchSchema, type AuditSearch } from '../audit/schemas';

export interface AuditRow {
  id: string;
  occurredAt: Date;
  kind: AuditKind;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  /** null: nobody signed in (a nightly job, or the debtor on their own page). */
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  debtorId: string | null;
  debtorName: string | null;
}

export interface AuditPage {
  items: AuditRow[];
  /** Counted up to COUNT_CAP + 1: past that the page says "more than". */
  total: number;
  capped: boolean;
  page: number;
  pageSize: number;
  query: AuditSearch;
}

const COUNT_CAP = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const ROW_SQL = Prisma.sql`
  SELECT a.id, a.occurred_at AS "occurredAt", a.kind, a.action, a.entity, a.entity_id AS "entityId", a.ip,
         a.actor_id AS "actorId", i.name AS "actorName", m.role AS "actorRole",
         a.debtor_id AS "debtorId", d.display_name AS "debtorName"
    FROM audit_log a
    LEFT JOIN membership m ON m.tenant_id = a.tenant_id AND m.id = a.actor_id
    LEFT JOIN identity i ON i.id = m.identity_id
    LEFT JOIN debtor d ON d.tenant_id = a.tenant_id AND d.id = a.debtor_id`;

/** The manager's search of the audit trail: by user, debtor, agency days and kind, newest first, a page at a time. */
export async function searchAudit({ actor, query }: { actor: Actor; query: unknown }): Promise<AuditPage> {
  authorize(actor, 'audit.read');
  const q = parseInput(auditSearchSchema, query);
  const t = actor.tenantId;
  const where: Prisma.Sql[] = [Prisma.sql`a.tenant_id = ${t}::uuid`];
  if (q.user) where.push(Prisma.sql`a.actor_id = ${q.user}::uuid`);
  if (q.kind) where.push(Prisma.sql`a.kind = ${q.kind}`);
  if (q.debtor && UUID.test(q.debtor)) where.push(Prisma.sql`a.debtor_id = ${q.debtor}::uuid`);
  else if (q.debtor) {
    where.push(Prisma.sql`a.debtor_id IN (SELECT x.id FROM debtor x WHERE x.tenant_id = ${t}::uuid
                                             AND x.display_name ILIKE ${likePattern(q.debtor)})`);
  }
  // Days are the agency's: from its midnight to the midnight after `to`.
  const zone = Prisma.sql`(SELECT z.time_zone FROM agency z WHERE z.id = ${t}::uuid)`;
  if (q.from) where.push(Prisma.sql`a.occurred_at >= (${q.from}::date::timestamp AT TIME ZONE ${zone})`);
  if (q.to) where.push(Prisma.sql`a.occurred_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${zone})`);
  const whereSql = Prisma.join(where, ' AND ');
  return inTenant(scopeOf(actor), async (tx) => {
    const items = await tx.$queryRaw<AuditRow[]>`
      ${ROW_SQL}
       WHERE ${whereSql}
       ORDER BY a.occurred_at DESC, a.id
       LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(q.page - 1) * AUDIT_PAGE_SIZE}`;
    const [count] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT 1 FROM audit_log a WHERE ${whereSql} LIMIT ${COUNT_CAP + 1}) s`;
    const total = Number(count?.n ?? 0);
    return {
      items,
      total: Math.min(total, COUNT_CAP),
      capped: total > COUNT_CAP,
      page: q.page,
      pageSize: AUDIT_PAGE_SIZE,
      query: q,
    };
  });
}

/** The agency's people, for the search's "user" choice (creditors' users included: they read files too). */
export async function auditUsers(actor: Actor): Promise<{ id: string; name: string; role: Role }[]> {
  authorize(actor, 'audit.read');
  return inTenant(
    scopeOf(actor),
    (tx) =>
      tx.$queryRaw<{ id: string; name: string; role: Role }[]>`
      SELECT m.id, i.name, m.role FROM membership m JOIN identity i ON i.id = m.identity_id
       WHERE m.tenant_id = ${actor.tenantId}::uuid ORDER BY i.name, m.id`,
  );
}

/** Who read or exported a debtor's data, newest first: the debtor's record shows it. */
export async function debtorReaders(tx: RawTx, tenantId: string, debtorId: string, limit = 100) {
  return tx.$queryRaw<AuditRow[]>`
    ${ROW_SQL}
     WHERE a.tenant_id = ${tenantId}::uuid AND a.debtor_id = ${debtorId}::uuid AND a.kind IN ('read', 'export')
     ORDER BY a.occurred_at DESC, a.id
     LIMIT ${limit}`;
}
