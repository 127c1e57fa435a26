import { Prisma } from '../db/generated/client';
import { INSOLVENCY_KINDS } from './company-event-rules';

/**
 * The day collective proceedings (sauvegarde, redressement, liquidation) were first opened against a file's debtor,
 * as one row `{ on }` ('YYYY-MM-DD' or null). The first judgment counts: a conversion to liquidation opens nothing
 * new for claims born before the first (C. com. L622-28, L631-14, L641-3).
 */
export function openingJudgmentSql(tenantId: string, fileId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT min(e.occurred_on)::text AS "on"
      FROM case_file f
      JOIN company_event e ON e.tenant_id = f.tenant_id AND e.debtor_id = f.debtor_id
     WHERE f.tenant_id = ${tenantId}::uuid AND f.id = ${fileId}::uuid
       AND e.kind::text IN (${Prisma.join([...INSOLVENCY_KINDS])})`;
}
