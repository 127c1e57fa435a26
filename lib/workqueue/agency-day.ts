import { dayIn } from '../compliance/calendar';
import type { Tx } from '../db/tenant';

/** Today in the agency's time zone: the queue turns over at the agency's midnight, not the server's. */
export async function agencyDay(tx: Tx, tenantId: string, at: Date = new Date()): Promise<string> {
  const rows = await tx.$queryRaw<{ time_zone: string }[]>`SELECT time_zone FROM agency WHERE id = ${tenantId}::uuid`;
  return dayIn(rows[0]?.time_zone ?? 'Europe/Paris', at);
}
