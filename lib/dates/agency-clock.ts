import type { RawTx } from '../db/raw';
import { dayIn } from './days';

/**
 * The agency's clock: business dates (due days, promises, mandates, the work queue's day) follow its time zone,
 * not the server's. Read inside the caller's tenant transaction, on Prisma or on a plain pg connection alike.
 */
export interface AgencyClock {
  now: Date;
  /** The agency's calendar day at `now`. */
  today: string;
  timeZone: string;
  /** Days a late plan instalment is given before the plan breaks. */
  planGraceDays: number;
}

export async function agencyClock(tx: RawTx, tenantId: string, now: Date = new Date()): Promise<AgencyClock> {
  const [agency] = await tx.$queryRaw<{ timeZone: string; planGraceDays: number }[]>`
    SELECT time_zone AS "timeZone", plan_grace_days AS "planGraceDays" FROM agency WHERE id = ${tenantId}::uuid`;
  if (!agency) throw new Error(`No agency ${tenantId} in this transaction's tenant`);
  return { now, today: dayIn(agency.timeZone, now), timeZone: agency.timeZone, planGraceDays: agency.planGraceDays };
}

/** Today in the agency's time zone. */
export async function agencyToday(tx: RawTx, tenantId: string, now: Date = new Date()): Promise<string> {
  return (await agencyClock(tx, tenantId, now)).today;
}
