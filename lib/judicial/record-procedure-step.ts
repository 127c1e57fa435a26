import { recordLimitationEvent, recomputeLimitation } from '../cases/claim-limitation';
import { settleCorrectedFile } from '../activity/correct-claim';
import { applyClaimCorrection, type AppliedCorrection } from '../cases/apply-claim-correction';
import { lockFile, saveFile, type FileAudit, type LockedFile } from '../cases/file-store';
import { startOfDayIn } from '../compliance/zoned-time';
import type { HolidayRegion } from '../compliance/holidays';
import { agencyClock, type AgencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import type { TimelineEntry } from '../history/kinds';
import { taskNote } from '../tasks/notes';
import { openTask } from '../tasks/open-task';
import { sendAfterCommit } from '../outbox/send-after-commit';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { RouteCode } from '../judicial-codes/codes';
import { STEP_VALUES, isRouteCode, type StepRule } from './catalogue';
import { alertDay, checkStep, deadlinesOpened, partialGrant, titleDay, type OpenDeadline } from './rules';
import { JUDICIAL_MESSAGES as M, STEP_REFUSALS, recordStepSchema, stepValues, type RecordStep } from './schemas';

export interface RecordedStep {
  stepId: string;
  procedureId: string;
  fileId: string;
  stage: string;
  outcome: string | null;
  /** The day the title became enforceable, when this step gave one. */
  titleOn: string | null;
  deadlines: OpenDeadline[];
  fileVersion: number;
}

/**
 * Records one step of a file's running procedure: checked against the route's catalogue (what may follow the current
 * stage, its day, a deadline that must have run out), stored with its values (append-only), the deadlines it meets
 * closed and those it opens written with a task in the file's agent's agenda a week before they lapse. A step that
 * brings the claims to court interrupts their limitation (C. civ. 2241); a title puts them under CPCE L111-4 (ten
 * years) and dates the 5-point majoration of the legal rate (CMF L313-3); costs a decision awarded become claims.
 */
export async function recordProcedureStep({
  actor,
  input,
  now = new Date(),
  ip,
}: {
  actor: Actor;
  input: unknown;
  now?: Date;
  ip?: string;
}): Promise<RecordedStep> {
  authorize(actor, 'judicial.work');
  const s = parseInput(recordStepSchema, input);
  const result = await inTenant(scopeOf(actor), async (tx) => {
    const procedure = await tx.judicialProcedure.findFirst({ where: { tenantId: actor.tenantId, id: s.procedureId } });
    if (!procedure || !isRouteCode(procedure.route)) throw AppError.notFound();
    const route: RouteCode = procedure.route;
    const file = await lockFile(tx, actor, procedure.fileId);
    const clock = await agencyClock(tx, actor.tenantId, now);
    const [last] = await tx.$queryRaw<{ on: string }[]>`
      SELECT max(occurred_on)::text AS "on" FROM judicial_step
       WHERE tenant_id = ${actor.tenantId}::uuid AND procedure_id = ${procedure.id}::uuid`;
    const openRows = await tx.judicialDeadline.findMany({
      where: { tenantId: actor.tenantId, procedureId: procedure.id, closedOn: null },
      select: { id: true, kind: true, dueOn: true, taskId: true },
    });
    const open = openRows.map((d) => ({ id: d.id, kind: d.kind as OpenDeadline['kind'], dueOn: dayOf(d.dueOn) }));
    const check = checkStep({
      route,
      stage: procedure.stage,
      ended: procedure.endedOn !== null,
      lastStepOn: last?.on ?? dayOf(procedure.startedOn),
      today: clock.today,
      kind: s.kind,
      on: s.on,
      open,
    });
    if (!check.ok) {
      const field = check.reason === 'unknownStep' || check.reason === 'notAfterStage' ? 'kind' : 'on';
      const error = check.reason === 'procedureEnded' ? new AppError('CONFLICT', STEP_REFUSALS.procedureEnded) : null;
      throw error ?? AppError.invalid({ [field]: STEP_REFUSALS[check.reason] });
    }
    const rule = check.rule;
    const details = STEP_VALUES[rule.kind].safeParse(stepValues(s));
    if (!details.success) throw AppError.invalid({ kind: M.kind });
    if (rule.kind === 'ORDER_PARTLY_GRANTED' && s.grantedAmount === undefined)
      throw AppError.invalid({ grantedAmount: M.amount });
    // The part refused is a correction of the claims, and a correction says why, in the agent's words.
    if (rule.kind === 'ORDER_PARTLY_GRANTED' && s.note === undefined) throw AppError.invalid({ note: M.partialNote });
    if (rule.kind === 'HEARING_SET' && s.hearingOn === undefined) throw AppError.invalid({ hearingOn: M.hearingOn });
    if (!rule.awardsCosts && (s.courtCosts !== undefined || s.article700 !== undefined))
      throw AppError.invalid({ courtCosts: M.costsNotAwarded });

    const by = personOf(actor);
    // The order granted in part: the invoices come down to the sum granted, through the claim-correction path.
    const grant =
      rule.kind === 'ORDER_PARTLY_GRANTED' ? await grantInPart(tx, file, clock, s.grantedAmount!, s.note!) : null;
    const step = await tx.judicialStep.create({
      data: {
        tenantId: actor.tenantId,
        procedureId: procedure.id,
        fileId: file.id,
        kind: rule.kind,
        occurredOn: new Date(`${s.on}T00:00:00Z`),
        details: details.data as object,
        recordedBy: by,
      },
      select: { id: true },
    });

    const met = open.filter((d) => (rule.meets ?? []).includes(d.kind));
    if (met.length > 0)
      await tx.judicialDeadline.updateMany({
        where: { tenantId: actor.tenantId, id: { in: met.map((d) => d.id) } },
        data: { closedByStep: step.id, closedOn: new Date(`${s.on}T00:00:00Z`) },
      });
    // The agenda follows: a met deadline's task is done; an ended procedure's other deadlines leave the agenda.
    const metTasks = openRows.filter((d) => met.some((m) => m.id === d.id)).map((d) => d.taskId);
    await closeTasks(tx, actor.tenantId, metTasks, 'DONE', now);
    if (rule.ends)
      await closeTasks(
        tx,
        actor.tenantId,
        openRows.filter((d) => !met.some((m) => m.id === d.id)).map((d) => d.taskId),
        'CANCELLED',
        now,
      );
    // CPC 642: a deadline ending on a holiday runs on, by the calendar of the procedure's court.
    const opened = deadlinesOpened(rule, s.on, { region: procedure.holidayRegion as HolidayRegion });
    const titleOn = rule.title ? titleDay(rule, s.on, open) : null;
    for (const d of opened) {
      const taskId = await openTask(tx, {
        tenantId: actor.tenantId,
        fileId: file.id,
        kind: 'JUDICIAL_DEADLINE',
        dueAt: startOfDayIn(alertDay(s.on, d.dueOn), clock.timeZone),
        assigneeId: file.assigneeId ?? actor.membershipId,
        createdBy: by,
        ref: taskNote('judicial.deadline', { deadline: d.kind, dueOn: d.dueOn, route }),
      });
      await tx.judicialDeadline.create({
        data: {
          tenantId: actor.tenantId,
          procedureId: procedure.id,
          fileId: file.id,
          kind: d.kind,
          dueOn: new Date(`${d.dueOn}T00:00:00Z`),
          openedByStep: step.id,
          taskId,
        },
      });
    }

    await tx.judicialProcedure.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: procedure.id } },
      data: {
        stage: rule.kind,
        updatedAt: now,
        // A title is the procedure's success (the dashboard's rate); it runs on to enforcement until the file closes.
        ...(titleOn ? { outcome: 'TITLE' } : {}),
        ...(rule.ends ? { outcome: rule.ends, endedOn: new Date(`${s.on}T00:00:00Z`) } : {}),
        ...(titleOn ? { titleOn: new Date(`${titleOn}T00:00:00Z`) } : {}),
        // The sum the court granted, when the step gives it (in full or in part).
        ...(s.grantedAmount !== undefined ? { grantedCents: BigInt(s.grantedAmount) } : {}),
      },
    });

    const lines: TimelineEntry[] = [{ kind: 'judicial.step', details: { route, step: rule.kind, on: s.on } }];
    const audits: FileAudit[] = [{ action: 'judicial.step', entity: 'judicial_procedure', entityId: procedure.id }];
    for (const c of grant ?? []) {
      audits.push({ ...c.audit, line: lines.length });
      lines.push(c.line);
    }
    lines.push(...(await awardCosts(tx, file, rule, s)));
    if (rule.courtAction) await interruptLimitation(tx, file, s.on, by);
    if (titleOn) await putUnderTitle(tx, file, titleOn);
    // Corrected claims may leave nothing owed (payments covered the sum granted): the file goes where a correction
    // puts it (decision 0012), and closing ends this procedure (decision 0018).
    const settled = grant ? await settleCorrectedFile(tx, file, clock) : null;
    const saved = await saveFile(
      tx,
      file,
      settled ? { status: settled.status } : {},
      {
        by: { membershipId: actor.membershipId, ip },
        lines: [...lines, ...(settled?.lines ?? [])],
        audit: audits,
        closing: settled?.closing,
      },
      now,
    );
    const messageIds = (await settled?.afterSave(actor.membershipId, saved)) ?? [];
    return {
      stepId: step.id,
      procedureId: procedure.id,
      fileId: file.id,
      stage: rule.kind,
      outcome: rule.ends ?? (titleOn ? 'TITLE' : null),
      titleOn,
      deadlines: opened,
      fileVersion: saved.version,
      messageIds,
    };
  });
  await sendAfterCommit(actor.tenantId, result.messageIds, 'closing report e-mail');
  const { messageIds: _sent, ...answer } = result;
  return answer;
}

/**
 * Brings the file's live invoices down to the sum an order granted (lib/judicial/rules partialGrant), one claim
 * correction each (lib/cases/apply-claim-correction: the same write, timeline line and audit entry as an agent's
 * correction), with the step's note as the correction's reason. Costs awarded earlier are claims of their own and
 * stay. A sum the invoices cannot come down to is refused on the granted amount.
 */
async function grantInPart(
  tx: Tx,
  file: LockedFile,
  clock: AgencyClock,
  grantedCents: number,
  reason: string,
): Promise<AppliedCorrection[]> {
  const claims = await tx.$queryRaw<{ id: string; dueOn: string; principal: bigint; paid: bigint }[]>`
    SELECT c.id::text, c.due_on::text AS "dueOn", c.principal_cents AS principal,
           coalesce((SELECT sum(a.amount_cents) FROM allocation a
                      WHERE a.tenant_id = c.tenant_id AND a.claim_id = c.id AND a.part = 'PRINCIPAL'), 0)::bigint AS paid
      FROM claim c
     WHERE c.tenant_id = ${file.tenantId}::uuid AND c.file_id = ${file.id}::uuid AND c.cancelled_at IS NULL
       AND c.origin = 'INVOICE'`;
  const grant = partialGrant(
    claims.map((c) => ({ id: c.id, dueOn: c.dueOn, principalCents: Number(c.principal), paidCents: Number(c.paid) })),
    grantedCents,
  );
  if (!grant.ok) throw AppError.invalid({ grantedAmount: M[grant.reason] });
  const applied: AppliedCorrection[] = [];
  for (const c of grant.corrections) {
    try {
      applied.push(
        await applyClaimCorrection(tx, {
          tenantId: file.tenantId,
          file,
          clock,
          change: c.cancel
            ? { claimId: c.claimId, reason, cancel: true }
            : { claimId: c.claimId, reason, cancel: false, principalCents: c.principalCents },
        }),
      );
    } catch (error) {
      // A claim with payments on it is not cancelled: the sum granted is below what was paid on the file.
      if (error instanceof AppError && error.code === 'INVALID')
        throw AppError.invalid({ grantedAmount: M.grantedBelowPaid });
      throw error;
    }
  }
  return applied;
}

async function closeTasks(
  tx: Tx,
  tenantId: string,
  ids: (string | null)[],
  status: 'DONE' | 'CANCELLED',
  now: Date,
): Promise<void> {
  const open = ids.filter((id): id is string => id !== null);
  if (open.length > 0)
    await tx.task.updateMany({ where: { tenantId, id: { in: open }, status: 'OPEN' }, data: { status, doneAt: now } });
}

/** C. civ. 2241: « La demande en justice, même en référé, interrompt le délai de prescription ». */
async function interruptLimitation(tx: Tx, file: LockedFile, on: string, by: string | null): Promise<void> {
  const claims = await tx.claim.findMany({ where: { tenantId: file.tenantId, fileId: file.id }, select: { id: true } });
  await recordLimitationEvent(tx, {
    tenantId: file.tenantId,
    fileId: file.id,
    claimIds: claims.map((c) => c.id),
    kind: 'COURT_ACTION',
    on,
    recordedBy: by,
  });
}

/**
 * Under a title every claim of the file is enforceable for ten years from the day it became so (CPCE L111-4,
 * basis COURT_TITLE) and bears the legal rate majored by 5 points two months later (CMF L313-3, lib/interest).
 */
async function putUnderTitle(tx: Tx, file: LockedFile, titleOn: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE claim SET title_enforceable_on = ${titleOn}::date, limitation_basis = 'COURT_TITLE',
                     limitation_starts_on = ${titleOn}::date
     WHERE tenant_id = ${file.tenantId}::uuid AND file_id = ${file.id}::uuid AND cancelled_at IS NULL`;
  await recomputeLimitation(tx, file.tenantId, [file.id]);
}

/**
 * Costs the decision awarded against the debtor — dépens (CPC 695) and the sum under CPC 700 — become claims of
 * their own, due the day of the decision, so payments are imputed to them and interest runs on them like the rest.
 */
async function awardCosts(tx: Tx, file: LockedFile, rule: StepRule, s: RecordStep): Promise<TimelineEntry[]> {
  if (!rule.awardsCosts) return [];
  const awarded = [
    { origin: 'COURT_COSTS' as const, cents: s.courtCosts },
    { origin: 'ARTICLE_700' as const, cents: s.article700 },
  ].filter((a): a is { origin: 'COURT_COSTS' | 'ARTICLE_700'; cents: number } => a.cents !== undefined);
  const lines: TimelineEntry[] = [];
  for (const a of awarded) {
    const n = await tx.claim.count({ where: { tenantId: file.tenantId, fileId: file.id, origin: a.origin } });
    await tx.claim.create({
      data: {
        tenantId: file.tenantId,
        fileId: file.id,
        creditorId: file.creditorId,
        // An identifier, not words: the file's reference, the origin's code and its rank on the file.
        invoiceNumber: `${file.reference}-${a.origin === 'COURT_COSTS' ? 'DEP' : 'A700'}-${n + 1}`,
        issuedOn: new Date(`${s.on}T00:00:00Z`),
        dueOn: new Date(`${s.on}T00:00:00Z`),
        principalCents: BigInt(a.cents),
        currency: file.currency,
        nature: 'CIVIL',
        origin: a.origin,
      },
    });
    lines.push({
      kind: 'judicial.costs_awarded',
      details: { origin: a.origin, amountCents: a.cents, currency: file.currency },
    });
  }
  return lines;
}
