import type { PrismaClient } from '../db/generated/client';

/**
 * The demo's closed files get the closing decision the product would have recorded (issue 16): a reason of the
 * status's family, decided the day the file closed, with what it still owed written off unless it closed paid. So
 * the closings page's chart of reasons by creditor and month and each file's closing summary show believable data.
 * The reason is drawn from the file's id (the same on every seed): most paid files paid in full, some settled or
 * ending a plan; irrecoverable ones spread over the five reasons, untraceable and uneconomic the most common;
 * withdrawn ones mostly withdrawn, some returned at the end of the mandate. Run once, after the money is in.
 */
export async function seedClosingDecisions(client: PrismaClient, tenantId: string): Promise<number> {
  return client.$executeRaw`
    INSERT INTO file_closing (tenant_id, file_id, reason, status, status_from, status_to, owed_cents,
                              collected_cents, currency, requested_at, decided_at)
    SELECT f.tenant_id, f.id,
           CASE f.status
             WHEN 'PAID' THEN (ARRAY['PAID', 'PAID', 'PAID', 'PAID', 'SETTLED', 'PLAN_COMPLETED'])[1 + r.n % 6]
             WHEN 'IRRECOVERABLE' THEN (ARRAY['UNTRACEABLE', 'UNTRACEABLE', 'UNECONOMIC', 'UNECONOMIC',
                                              'INSOLVENCY_NO_ASSETS', 'DECEASED_NO_ESTATE', 'TIME_BARRED'])[1 + r.n % 7]
             ELSE (ARRAY['WITHDRAWN', 'WITHDRAWN', 'WITHDRAWN', 'MANDATE_ENDED'])[1 + r.n % 4]
           END,
           'CLOSED', 'IN_PROGRESS', f.status,
           CASE WHEN f.status = 'PAID' THEN 0 ELSE greatest(f.principal_cents - f.collected_cents, 0) END,
           f.collected_cents, f.currency, f.closed_at, f.closed_at
      FROM case_file f
     CROSS JOIN LATERAL (SELECT abs(hashtext(f.id::text)) AS n) r
     WHERE f.tenant_id = ${tenantId}::uuid AND f.status IN ('PAID', 'IRRECOVERABLE', 'WITHDRAWN')
       AND f.closed_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM file_closing c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id)`;
}
