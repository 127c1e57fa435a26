import { Prisma } from '../db/generated/client';

/**
 * What of the credit `e` (a bank_entry alias) stands assigned: its parts whose payment was not reversed since. A
 * reversed part went back to the unmatched receipts (lib/accounting/post-receipt.ts) and waits for an agent again.
 */
export const assignedCentsOf = Prisma.sql`
  coalesce((SELECT sum(p.amount_cents) FROM bank_entry_payment p
             WHERE p.tenant_id = e.tenant_id AND p.entry_id = e.id
               AND NOT EXISTS (SELECT 1 FROM payment r
                                WHERE r.tenant_id = p.tenant_id AND r.reverses_id = p.payment_id)), 0)::bigint`;
