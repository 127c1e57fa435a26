import type { RawTx } from '../db/raw';
import { DEFAULT_CONTACT_WINDOW, contactWindowSchema, type ContactWindowConfig } from './contact-window';

/**
 * The agency's contact window and calendar (its holiday region) as stored on the agency, read in the caller's
 * transaction; settings that no longer parse fall back to the defaults in the agency's time zone.
 */
export async function agencyWindow(tx: RawTx, tenantId: string): Promise<ContactWindowConfig> {
  const [agency] = await tx.$queryRaw<{ time_zone: string; contact_window: unknown }[]>`
    SELECT time_zone, contact_window FROM agency WHERE id = ${tenantId}::uuid`;
  const timeZone = agency?.time_zone ?? 'Europe/Paris';
  const parsed = contactWindowSchema.safeParse({ timeZone, ...((agency?.contact_window as object | null) ?? {}) });
  return parsed.success ? parsed.data : { ...DEFAULT_CONTACT_WINDOW, timeZone };
}
