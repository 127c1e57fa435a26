import { lockFile, saveFile, type LockedFile } from '../cases/file-store';
import { balancesOn } from '../cases/file-ledger';
import { agencyToday } from '../dates/agency-clock';
import { requireMandateForAction } from '../creditors/require-active-mandate';
import type { FileStatus } from '../db/generated/enums';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { RouteCode } from '../judicial-codes/codes';
import { ROUTES } from '../judicial/catalogue';
import { startProcedure } from '../judicial/start-procedure';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { refreshFiles } from '../workqueue/refresh';
import { ESCALATION_MESSAGES, escalationDecisionSchema } from './schemas';

export interface DecideEscalationResult {
  escalationId: string;
  fileId: string;
  /** AWAITING_CREDITOR: approved by the manager, waiting for the creditor who advances the costs. */
  status: 'APPROVED' | 'REJECTED' | 'AWAITING_CREDITOR';
  fileStatus: FileStatus;
  procedureId: string | null;
}

interface PendingEscalation {
  id: string;
  fileId: string;
  agreement: string | null;
}

/** The escalation, locked, still waiting for a decision; another agency's or creditor's is not found. */
export async function lockPendingEscalation(tx: Tx, actor: Actor, escalationId: string) {
  const escalation = await tx.escalation.findFirst({ where: { tenantId: actor.tenantId, id: escalationId } });
  if (!escalation) throw AppError.notFound();
  const file = await lockFile(tx, actor, escalation.fileId);
  const [current] = await tx.$queryRaw<{ status: string; agreement: string | null }[]>`
    SELECT status::text, agreement FROM escalation
     WHERE tenant_id = ${actor.tenantId}::uuid AND id = ${escalationId}::uuid FOR UPDATE`;
  if (current?.status !== 'PENDING') throw new AppError('CONFLICT', 'errors.escalation.decided');
  return { escalation: { id: escalationId, fileId: file.id, agreement: current.agreement } as PendingEscalation, file };
}

/**
 * A manager decides on a file the engine escalated after the pre-judicial warning's deadline:
 * APPROVED with a route — the procedure starts and the file stays in the judicial phase (AWAITING_JUDICIAL); when the
 * mandate makes the creditor advance the judicial costs, the approval waits for its agreement in the portal;
 * REJECTED with a reason — it goes back to the amicable phase (IN_PROGRESS) for agents to work by hand.
 * A decision already taken is a CONFLICT; another agency's escalation is not found.
 */
export async function approveEscalation({
  actor,
  input,
  now = new Date(),
  ip,
}: {
  actor: Actor;
  input: unknown;
  now?: Date;
  ip?: string;
}): Promise<DecideEscalationResult> {
  authorize(actor, 'escalations.approve');
  const decision = parseInput(escalationDecisionSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const { escalation, file } = await lockPendingEscalation(tx, actor, decision.escalationId);
    const today = await agencyToday(tx, actor.tenantId, now);
    const by = { membershipId: actor.membershipId, ip };
    if (decision.decision === 'REJECTED') {
      await tx.escalation.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: escalation.id } },
        data: {
          status: 'REJECTED',
          sendBackReason: decision.reason,
          decidedBy: personOf(actor),
          decidedAt: now,
          decisionNote: decision.note ?? null,
        },
      });
      // A refused move is a CONFLICT naming the file and the reason (lib/cases/transitions).
      await saveFile(
        tx,
        file,
        { status: 'IN_PROGRESS' },
        {
          by,
          lines: [{ kind: 'escalation.rejected', details: { note: decision.note ?? null, reason: decision.reason } }],
          audit: { action: 'escalation.rejected', entity: 'escalation', entityId: escalation.id },
        },
        now,
      );
      await refreshFiles(tx, actor.tenantId, [file.id], today);
      return {
        escalationId: escalation.id,
        fileId: file.id,
        status: 'REJECTED',
        fileStatus: file.status,
        procedureId: null,
      };
    }

    if (escalation.agreement === 'REQUESTED') throw new AppError('CONFLICT', ESCALATION_MESSAGES.agreementPending);
    const mandate = await checkReadyForCourt(tx, actor, file, decision.route, today);
    if (mandate.judicialCostsBy === 'CREDITOR') {
      // CPCE R124-3 mandate terms: the creditor who pays for the court decides to go there; asked in the portal.
      await tx.escalation.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: escalation.id } },
        data: {
          route: decision.route,
          agreement: 'REQUESTED',
          agreementRequestedBy: personOf(actor),
          agreementRequestedAt: now,
          decisionNote: decision.note ?? null,
        },
      });
      await saveFile(
        tx,
        file,
        {},
        {
          by,
          lines: [{ kind: 'escalation.agreement_requested', details: { route: decision.route } }],
          audit: { action: 'escalation.agreement_requested', entity: 'escalation', entityId: escalation.id },
        },
        now,
      );
      return {
        escalationId: escalation.id,
        fileId: file.id,
        status: 'AWAITING_CREDITOR',
        fileStatus: file.status,
        procedureId: null,
      };
    }
    const procedureId = await approveInTx(tx, actor, {
      escalationId: escalation.id,
      file,
      route: decision.route,
      note: decision.note ?? null,
      today,
      now,
      ip,
    });
    return { escalationId: escalation.id, fileId: file.id, status: 'APPROVED', fileStatus: file.status, procedureId };
  });
}

/**
 * Going to court needs a mandate in force that covers the judicial phase (MandateScope), a debtor who was warned,
 * and an amount the route accepts (small claims: at most €5,000 principal and interest). Returns the mandate's terms.
 */
export async function checkReadyForCourt(
  tx: Tx,
  actor: Actor,
  file: LockedFile,
  route: RouteCode,
  today: string,
): Promise<{ judicialCostsBy: string }> {
  const inForce = await requireMandateForAction(tx, {
    tenantId: actor.tenantId,
    creditorId: file.creditorId,
    today,
    judicial: true,
  });
  // Always warn before judicial action (DOMAIN.md ethics; issue 14): the file's last pre-judicial warning must
  // have been posted and not returned "addressee unknown", or the debtor was never warned.
  const [warning] = await tx.$queryRaw<{ sent_on: Date | null; delivery_outcome: string | null }[]>`
    SELECT sent_on, delivery_outcome::text FROM document
     WHERE tenant_id = ${actor.tenantId}::uuid AND file_id = ${file.id}::uuid AND kind = 'PRE_JUDICIAL_WARNING'
     ORDER BY created_at DESC, id DESC LIMIT 1`;
  const reason = !warning
    ? 'warningMissing'
    : !warning.sent_on
      ? 'warningNotPosted'
      : warning.delivery_outcome === 'UNKNOWN_ADDRESS'
        ? 'warningReturned'
        : null;
  if (reason) throw new AppError('CONFLICT', ESCALATION_MESSAGES[reason]);
  const ceiling = ROUTES[route].maxCents;
  if (ceiling !== undefined) {
    const owed = await balancesOn(tx, file, today);
    if (owed.totals.totalDueCents > ceiling) throw AppError.invalid({ route: ESCALATION_MESSAGES.overCeiling });
  }
  const mandate = await tx.mandate.findFirstOrThrow({
    where: { tenantId: actor.tenantId, id: inForce.id },
    select: { judicialCostsBy: true },
  });
  return mandate;
}

/** Approves in the caller's transaction: the escalation decided, the procedure started, the file's history told. */
export async function approveInTx(
  tx: Tx,
  actor: Actor,
  p: {
    escalationId: string;
    file: LockedFile;
    route: RouteCode;
    note: string | null;
    today: string;
    now: Date;
    ip?: string;
    /** The creditor's answer, recorded on the same line of history when it is what released the approval. */
    agreement?: { deciderName: string; note: string | null };
  },
): Promise<string> {
  await tx.escalation.update({
    where: { tenantId_id: { tenantId: actor.tenantId, id: p.escalationId } },
    data: {
      status: 'APPROVED',
      route: p.route,
      decidedBy: personOf(actor),
      decidedAt: p.now,
      ...(p.agreement
        ? { agreement: 'ACCEPTED', agreementBy: personOf(actor), agreementAt: p.now, agreementNote: p.agreement.note }
        : { decisionNote: p.note }),
    },
  });
  const procedureId = await startProcedure(tx, {
    tenantId: actor.tenantId,
    fileId: p.file.id,
    escalationId: p.escalationId,
    route: p.route,
    on: p.today,
    by: personOf(actor),
  });
  await saveFile(
    tx,
    p.file,
    // Already there for a file the engine escalated; a move refused (a closed file) is a CONFLICT naming it.
    { status: 'AWAITING_JUDICIAL' },
    {
      by: { membershipId: actor.membershipId, ip: p.ip },
      lines: [
        ...(p.agreement
          ? [
              {
                kind: 'escalation.agreement_accepted' as const,
                details: { route: p.route, deciderName: p.agreement.deciderName, note: p.agreement.note },
              },
            ]
          : []),
        { kind: 'escalation.approved', details: { note: p.note, route: p.route } },
      ],
      audit: { action: 'escalation.approved', entity: 'escalation', entityId: p.escalationId },
    },
    p.now,
  );
  await refreshFiles(tx, actor.tenantId, [p.file.id], p.today);
  return procedureId;
}
