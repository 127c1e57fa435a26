import { agencyClock } from '../dates/agency-clock';
import { inTenant } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { recomputeLimitation, recordLimitationEvent } from './claim-limitation';
import { lockFile, refuse, saveFile } from './file-store';
import { LIMITATION_EVENT_MESSAGES, limitationEventSchema } from './limitation-event-schema';

export interface NoteLimitationEventOptions {
  actor: Actor;
  /** limitationEventSchema: the file, the version it was read at, the event and its day(s). */
  input: unknown;
  ip?: string;
}

/**
 * An agent records what moved the limitation of a file's claims — a written acknowledgment, a court action, a
 * mediation or small-claims procedure starting or ending — with a timeline line and an audit entry; the claims'
 * dates, the file's and its rank in the queue are recomputed in the same transaction.
 */
export async function noteLimitationEvent({ actor, input, ip }: NoteLimitationEventOptions) {
  authorize(actor, 'files.work');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId);
    const e = parseInput(limitationEventSchema(clock), input);
    const file = await lockFile(tx, actor, e.fileId, e.expectedVersion, clock);
    const claims = await tx.claim.findMany({
      where: { tenantId: actor.tenantId, fileId: file.id, cancelledAt: null },
      select: { id: true },
    });
    const known = new Set(claims.map((c) => c.id));
    if (e.claimIds?.some((id) => !known.has(id))) throw refuse('claimIds', LIMITATION_EVENT_MESSAGES.claimIds);
    const claimIds = e.claimIds && e.claimIds.length > 0 ? e.claimIds : [...known];

    if (e.kind === 'SUSPENSION_END') {
      // The suspensions still under way on these claims end that day (C. civ. 2238 al. 2: declared over).
      const ended = await tx.$executeRaw`
        UPDATE limitation_event SET ends_on = ${e.on}::date
         WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid AND kind = 'SUSPENSION'
           AND ends_on IS NULL AND occurred_on <= ${e.on}::date AND claim_id = ANY(${claimIds}::uuid[])`;
      if (ended === 0) throw refuse('kind', LIMITATION_EVENT_MESSAGES.noSuspension);
      await recomputeLimitation(tx, actor.tenantId, [file.id]);
    } else {
      await recordLimitationEvent(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        claimIds,
        kind: e.kind,
        on: e.on,
        endsOn: e.endsOn,
        recordedBy: actor.membershipId,
      });
    }
    const details = { event: e.kind, on: e.on, endsOn: e.endsOn, claims: claimIds.length, note: e.note };
    const { version } = await saveFile(
      tx,
      file,
      {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [{ kind: 'limitation.recorded', details }],
        audit: { action: 'limitation.recorded', entity: 'case_file', entityId: file.id, details },
      },
      clock.now,
    );
    await refreshFiles(tx, actor.tenantId, [file.id], clock.today);
    return { fileId: file.id, version };
  });
}
