import type pg from 'pg';
import { startOfDayIn } from '../compliance/zoned-time';
import { dayIn, daysBetween } from '../dates/days';
import { db } from '../db/client';
import { inTenantRaw, pgTx, type RawTx } from '../db/raw';
import { loadRateTables } from '../interest/load-rates';
import { formatDateLong, formatMoney } from '../letters/format';
import { refreshFiles } from '../workqueue/refresh';
import { fileBalance, isLetterChannel } from './letter-data';
import { executionKey, stepDueAt, type StepReason } from './rules';
import type { ScenarioStep, StepChannel, TemplateVariable } from './schemas';
import type { Execution, StepContext, StepRef } from './step/context';
import { decideStep } from './step/decide';
import { addressTask, runEffect } from './step/effects';
import { completedLine, postponedLine, resumedLine, skippedLine, stoppedLine, type ActivityLine } from './step/lines';
import { persistPostpone, persistRun, persistStop } from './step/persist';
import { loadStepFacts, type StepFacts } from './step-facts';
import { loadVersionSteps } from './versions';

export type { StepRef } from './step/context';

const DAY_MS = 86_400_000;
/** Letter steps that wait for an agent to find (or clear) a postal address: the agent gets a review task. */
const ADDRESS_TASK_REASONS: ReadonlySet<string> = new Set(['NO_VALID_ADDRESS', 'ADDRESS_DO_NOT_CONTACT']);

/**
 * A step whose delay counts from a letter's posting is due that many days after the day the letter left, not after
 * the day the engine drew it (lib/print-runs/mark-posted.ts dates letters when their print run is posted):
 * - PREVIOUS_STEP, after a step that drew letters: from the latest posting of that step's letters;
 * - LETTER_POSTED: from the posting of the file's last posted letter, whichever step drew it.
 * Null when the step is due now, or when the letters it counts from are not posted yet (the guards hold it then,
 * LETTER_NOT_POSTED).
 */
export function dueFromPosting(step: ScenarioStep, facts: StepFacts, lastStepAt: Date | null, now: Date): Date | null {
  const window = facts.agency.window;
  const placedAt = new Date(facts.file.placedAt);
  if (step.delay.from === 'LETTER_POSTED') {
    const letterPostedAt = lastPostingAt(facts);
    if (!letterPostedAt || !lastStepAt) return null;
    const due = stepDueAt(step, { window, placedAt, previousAt: lastStepAt, letterPostedAt });
    return due.getTime() > now.getTime() ? due : null;
  }
  if (!lastStepAt || step.delay.from !== 'PREVIOUS_STEP') return null;
  const drawn = facts.documents.filter((d) => new Date(d.createdAt).getTime() === lastStepAt.getTime());
  const posted = drawn.map((d) => d.sentOn).filter((d): d is string => d !== null);
  if (posted.length === 0 || posted.length < drawn.length) return null;
  const waited = Math.max(...posted.map((d) => daysBetween(dayIn(window.timeZone, lastStepAt), d.slice(0, 10))));
  if (waited <= 0) return null;
  const due = stepDueAt(step, {
    window,
    placedAt,
    previousAt: new Date(lastStepAt.getTime() + waited * DAY_MS),
  });
  return due.getTime() > now.getTime() ? due : null;
}

/** The start of the day the file's last posted letter left (agency time), or null when none is posted. */
export function lastPostingAt(facts: Pick<StepFacts, 'documents' | 'agency'>): Date | null {
  const posted = facts.documents.map((d) => d.sentOn?.slice(0, 10)).filter((d): d is string => Boolean(d));
  if (posted.length === 0) return null;
  return startOfDayIn(
    posted.reduce((a, b) => (a > b ? a : b)),
    facts.agency.window.timeZone,
  );
}

/**
 * The first letter's reference and sending date (the day its print run was posted), for e-mail, SMS and task
 * texts. E-mails, SMS and calls only run once that letter is posted (guards.ts), so both are known by then.
 */
export function firstLetterVars(
  facts: Pick<StepFacts, 'documents'>,
  locale: 'fr' | 'en',
): Pick<Partial<Record<TemplateVariable, string>>, 'firstLetterReference' | 'firstLetterDate'> {
  const first = facts.documents[0];
  return {
    firstLetterReference: first?.reference ?? '',
    firstLetterDate: first?.sentOn ? formatDateLong(first.sentOn.slice(0, 10), locale) : '',
  };
}

/**
 * One scenario step for one file, in ONE transaction (ARCHITECTURE.md rule 6): lock the file and its scenario
 * row and check the row still points at this step; read the steps and the facts; decide (./step/decide.ts, pure);
 * then either stop or postpone, or run one effect per channel (./step/effects.ts: letter, message, task,
 * escalation) and persist them (./step/persist.ts) with the step_execution rows whose unique key makes the step
 * happen once, the timeline lines and the move to the next step. A crash anywhere before COMMIT leaves nothing
 * behind but a stored PDF under a key derived from the execution key, which the retry overwrites.
 */

export interface RunStepOptions {
  now?: Date;
  /** The pg pool the step's transaction runs on (lib/db/raw.ts by default). */
  pool?: pg.Pool;
  /** Test seam: runs after every effect is written, before COMMIT; a throw rolls the whole step back. */
  afterEffects?: () => void | Promise<void>;
}

export type RunStepResult =
  | { outcome: 'STALE' }
  | { outcome: 'NOT_DUE'; nextRunAt: Date }
  | { outcome: 'POSTPONED'; until: Date; reason: string }
  | { outcome: 'STOPPED'; reason: string }
  | {
      outcome: 'DONE';
      executionKey: string;
      executed: StepChannel[];
      skipped: { channel: StepChannel; reason: StepReason }[];
      /** Outbox rows to hand to messages/send once committed. */
      messageIds: string[];
      finished: boolean;
    };

interface ScenarioRow {
  scenario_version_id: string;
  run: number;
  next_step: number;
  next_run_at: Date | null;
  state: string;
  state_reason: string | null;
  started_at: Date;
  last_step_at: Date | null;
}

/**
 * The file first, then its scenario row: the order every use-case that touches both follows. One round trip: the
 * scenario row is looked up through the locked file's id, so it cannot be locked before the file.
 */
async function lockStep(tx: RawTx, ref: StepRef): Promise<ScenarioRow | null> {
  const [row] = await tx.$queryRaw<ScenarioRow[]>`
    WITH f AS (SELECT id FROM case_file WHERE tenant_id = ${ref.tenantId}::uuid AND id = ${ref.fileId}::uuid FOR UPDATE)
    SELECT scenario_version_id, run, next_step, next_run_at, state, state_reason, started_at, last_step_at
      FROM file_scenario WHERE tenant_id = ${ref.tenantId}::uuid AND file_id = (SELECT id FROM f) FOR UPDATE`;
  const current =
    row &&
    row.state === 'RUNNING' &&
    row.scenario_version_id === ref.versionId &&
    row.next_step === ref.step &&
    row.run === ref.run;
  return current ? row : null;
}

export async function runStep(ref: StepRef, options: RunStepOptions = {}): Promise<RunStepResult> {
  const now = options.now ?? new Date();
  const { tenantId, fileId } = ref;
  // Cached for minutes, not tenant-owned: read before the transaction, on the application's client.
  const rates = await loadRateTables(db());
  return inTenantRaw(
    { tenantId },
    async (client) => {
      // A pg connection, not a Prisma transaction: Prisma's cost more CPU than all of this step's SQL (lib/db/raw.ts).
      const tx = pgTx(client);
      const row = await lockStep(tx, ref);
      if (!row) return { outcome: 'STALE' };
      if (row.next_run_at && row.next_run_at.getTime() > now.getTime()) {
        await tx.$executeRaw`UPDATE file_scenario SET enqueued_at = NULL
                              WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid`;
        return { outcome: 'NOT_DUE', nextRunAt: row.next_run_at };
      }

      const steps = await loadVersionSteps(tx, tenantId, ref.versionId);
      const step = steps[ref.step];
      const facts = await loadStepFacts(tx, tenantId, fileId, now);
      if (!step || !facts) return { outcome: 'STALE' };
      const window = facts.agency.window;
      const today = dayIn(window.timeZone, now);
      const balance = fileBalance(facts, today, rates);
      const key = executionKey(tenantId, fileId, ref.versionId, ref.step, ref.run);

      // A delay after a letter counts from its posting, not from the day the step drew it (issue 14).
      const due = dueFromPosting(step, facts, row.last_step_at, now);
      if (due) {
        await tx.$executeRaw`UPDATE file_scenario SET next_run_at = ${due}, enqueued_at = NULL
                              WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid`;
        return { outcome: 'NOT_DUE', nextRunAt: due };
      }

      // Decide.
      // Contacts are timed on the debtor's clock and calendar (an overseas debtor's hours and holidays).
      const decision = decideStep({ step, facts, balance, window: facts.contactWindow, now });
      const stepLabel = `Étape ${ref.step + 1}/${steps.length}`;
      if (decision.decision === 'STOP') {
        await persistStop(tx, ref, now, decision.reason, stoppedLine(ref, decision.reason, key));
        return { outcome: 'STOPPED', reason: decision.reason };
      }
      if (decision.decision === 'POSTPONE') {
        const line = row.state_reason === decision.reason ? null : postponedLine(ref, decision, key);
        await persistPostpone(tx, ref, now, decision, line);
        // No address the letter may go to: the agent is asked to settle it while the scenario waits (issue 14).
        if (ADDRESS_TASK_REASONS.has(decision.reason) && (await addressTask(tx, ref, facts.file.assigneeId, now)))
          await refreshFiles(tx, tenantId, [fileId], today);
        return { outcome: 'POSTPONED', until: decision.until, reason: decision.reason };
      }

      // One effect per channel, in the step's order; the skipped ones first, with their reason.
      const locale = facts.debtor.locale === 'en' ? 'en' : 'fr';
      const ctx: StepContext = {
        tx,
        ref,
        step,
        facts,
        balance,
        key,
        stepLabel,
        today,
        now,
        locale,
        vars: {
          debtorName: facts.debtor.name,
          fileReference: facts.file.reference,
          creditorName: facts.creditor.name,
          agencyName: facts.agency.name,
          amountDue: formatMoney(balance.dueCents, facts.file.currency.trim(), locale),
          iban: facts.agency.iban ?? '',
          deadline: '',
          ...firstLetterVars(facts, locale),
        },
        letters: [],
        fileStatus: facts.file.status,
      };
      const lines: ActivityLine[] = [];
      const executions: Execution[] = [];
      const messageIds: string[] = [];
      let refresh = false;
      if (row.state_reason) lines.push(resumedLine(ref, row.state_reason, key));
      for (const skipped of decision.skipped) {
        const { channel, reason } = skipped;
        executions.push({ channel, status: 'SKIPPED', reason, documentId: null, messageId: null, taskId: null });
        lines.push(skippedLine(ref, skipped, key));
      }
      for (const channel of decision.run) {
        const effect = await runEffect(ctx, channel);
        executions.push(effect.execution);
        lines.push(effect.line);
        if (effect.messageId) messageIds.push(effect.messageId);
        refresh ||= effect.refresh === true;
      }

      // Persist.
      const next = ref.step + 1;
      const finished = next >= steps.length;
      const nextRunAt = finished
        ? null
        : stepDueAt(steps[next]!, {
            window,
            placedAt: new Date(facts.file.placedAt),
            previousAt: now,
            // A step that drew no letter leaves the last posting as it was; after one, the engine waits for it.
            letterPostedAt: decision.run.some(isLetterChannel) ? null : lastPostingAt(facts),
          });
      if (finished) lines.push(completedLine(key));
      await persistRun(tx, ref, {
        key,
        today,
        now,
        letters: ctx.letters,
        executions,
        lines,
        next,
        nextRunAt,
        finished,
      });
      if (refresh) await refreshFiles(tx, tenantId, [fileId], today);
      await options.afterEffects?.();
      return {
        outcome: 'DONE',
        executionKey: key,
        // An effect may still skip its channel (an SMS too long once filled in: step/effects.ts).
        executed: executions.filter((e) => e.status === 'DONE').map((e) => e.channel),
        skipped: executions
          .filter((e) => e.status === 'SKIPPED')
          .map((e) => ({ channel: e.channel, reason: e.reason as StepReason })),
        messageIds,
        finished,
      };
    },
    options.pool ? { pool: options.pool } : {},
  );
}
