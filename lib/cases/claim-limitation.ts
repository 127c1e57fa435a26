import type { RawTx } from '../db/raw';
import {
  limitationOf,
  type LimitationBasis,
  type LimitationEvent,
  type LimitationEventKind,
} from '../compliance/limitation';
import { refreshFileLimitation } from './file-store';

// Each claim's limitation date, kept up to date with the events recorded against it (lib/compliance/limitation.ts
// holds the rules). Runs inside the caller's transaction, beside the payment, plan or note that caused it.

export interface NewLimitationEvent {
  tenantId: string;
  fileId: string;
  /** The claims the event concerns: a payment's allocated claims, every claim of a file for a plan. */
  claimIds: readonly string[];
  kind: LimitationEventKind;
  on: string;
  endsOn?: string | null;
  paymentId?: string | null;
  planId?: string | null;
  recordedBy?: string | null;
}

/** Records an interruption or a suspension on each named claim, then recomputes the file's dates. */
export async function recordLimitationEvent(tx: RawTx, event: NewLimitationEvent): Promise<void> {
  if (event.claimIds.length > 0) {
    await tx.$executeRaw`
      INSERT INTO limitation_event (tenant_id, file_id, claim_id, kind, occurred_on, ends_on, payment_id, plan_id,
                                    recorded_by)
      SELECT ${event.tenantId}::uuid, ${event.fileId}::uuid, c.id, ${event.kind}::"LimitationEventKind",
             ${event.on}::date, ${event.endsOn ?? null}::date, ${event.paymentId ?? null}::uuid,
             ${event.planId ?? null}::uuid, ${event.recordedBy ?? null}::uuid
        FROM claim c
       WHERE c.tenant_id = ${event.tenantId}::uuid AND c.file_id = ${event.fileId}::uuid
         AND c.id = ANY(${[...event.claimIds]}::uuid[])`;
  }
  await recomputeLimitation(tx, event.tenantId, [event.fileId]);
}

/**
 * A broken plan's first instalment left unpaid (its due date): an unregularised payment incident on every claim the
 * plan covered (those its PLAN_AGREED events name). Consumer credit's forclusion starts again from it
 * (C. conso. R312-35 al. 2); other bases ignore it.
 */
export async function recordPlanIncident(
  tx: RawTx,
  incident: { tenantId: string; fileId: string; planId: string; on: string },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO limitation_event (tenant_id, file_id, claim_id, kind, occurred_on, plan_id)
    SELECT DISTINCT e.tenant_id, e.file_id, e.claim_id, 'PAYMENT_INCIDENT'::"LimitationEventKind",
           ${incident.on}::date, e.plan_id
      FROM limitation_event e
     WHERE e.tenant_id = ${incident.tenantId}::uuid AND e.plan_id = ${incident.planId}::uuid
       AND e.kind = 'PLAN_AGREED'`;
  await recomputeLimitation(tx, incident.tenantId, [incident.fileId]);
}

interface ClaimRow {
  id: string;
  file_id: string;
  basis: LimitationBasis;
  starts_on: string;
  limitation_on: string | null;
  events: { kind: LimitationEventKind; on: string; endsOn: string | null }[];
}

/**
 * Recomputes the limitation date of every claim of these files from its basis and its events, writes the claims
 * whose date moved and the files' own date (the latest of their claims'). An event that came from a payment since
 * reversed no longer counts: the money never acknowledged anything.
 */
export async function recomputeLimitation(tx: RawTx, tenantId: string, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  const rows = await tx.$queryRaw<ClaimRow[]>`
    SELECT c.id, c.file_id, c.limitation_basis::text AS basis, c.limitation_starts_on::text AS starts_on,
           c.limitation_on::text AS limitation_on,
           coalesce((SELECT json_agg(json_build_object('kind', e.kind, 'on', e.occurred_on, 'endsOn', e.ends_on))
                       FROM limitation_event e
                      WHERE e.tenant_id = c.tenant_id AND e.claim_id = c.id
                        AND NOT EXISTS (SELECT 1 FROM payment r
                                         WHERE r.tenant_id = e.tenant_id AND r.reverses_id = e.payment_id)),
                    '[]'::json) AS events
      FROM claim c
     WHERE c.tenant_id = ${tenantId}::uuid AND c.file_id = ANY(${[...fileIds]}::uuid[])`;
  const moved: { id: string; on: string | null }[] = [];
  for (const row of rows) {
    const events: LimitationEvent[] = row.events.map((e) => ({ kind: e.kind, on: e.on, endsOn: e.endsOn }));
    const { on } = limitationOf(row.basis, row.starts_on, events);
    if (on !== row.limitation_on) moved.push({ id: row.id, on });
  }
  if (moved.length > 0) {
    await tx.$executeRaw`
      UPDATE claim c SET limitation_on = m.last_on
        FROM unnest(${moved.map((m) => m.id)}::uuid[], ${moved.map((m) => m.on)}::date[]) AS m(id, last_on)
       WHERE c.tenant_id = ${tenantId}::uuid AND c.id = m.id`;
  }
  await refreshFileLimitation(tx, tenantId, fileIds);
}
