import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { STATUS_PHASE, canTransition } from '../cases/rules';
import { dayIn } from '../compliance/calendar';
import { db } from '../db/client';
import { Prisma } from '../db/generated/client';
import type { FileStatus } from '../db/generated/enums';
import { inTenantRaw, pgTx, type RawTx } from '../db/raw';
import { loadRateTables } from '../interest/load-rates';
import { renderBatch } from '../letters/batch';
import { renderDossier } from '../letters/dossier';
import { formatMoney } from '../letters/format';
import { refreshFiles } from '../workqueue/refresh';
import { derivedKey, storeBuffer } from '../storage/documents';
import { GUARD_REASONS, guardMessage, guardStep, type GuardFile, type GuardReason } from './guards';
import { buildLetter, documentKindOf, fileBalance, isLetterChannel, type FileBalance } from './letter-data';
import {
  combineDecisions,
  conditionsHold,
  contactChannelOf,
  deadlineFor,
  executionKey,
  fillTemplate,
  stepDueAt,
  templateFor,
  type StepReason,
} from './rules';
import type { StepChannel } from './schemas';
import { contactFor, loadStepFacts, type StepFacts } from './step-facts';
import { loadVersionSteps } from './versions';

/**
 * One scenario step for one file, in ONE transaction (ARCHITECTURE.md rule 6): lock the file and its
 * scenario row, check the row still points at this step, gather the facts, run the guards, then either
 * postpone, stop, or produce every effect (document + stored PDF, outbox message, task, escalation) together
 * with the step_execution rows whose unique key makes the step happen once, the timeline lines and the
 * move to the next step. A crash anywhere before COMMIT leaves nothing behind but a stored PDF under a key
 * derived from the execution key, which the retry overwrites.
 */

export interface StepRef {
  tenantId: string;
  fileId: string;
  versionId: string;
  step: number;
  run: number;
}

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

export const CHANNEL_LABEL: Record<StepChannel, string> = {
  SIMPLE_LETTER: 'courrier simple',
  EMAIL: 'e-mail',
  SMS: 'SMS',
  CALL_TASK: 'tâche d’appel',
  VISIT_TASK: 'tâche de visite',
  REGISTERED_LETTER: 'lettre recommandée avec AR',
  FORMAL_NOTICE: 'mise en demeure',
  PRE_JUDICIAL_WARNING: 'avertissement avant poursuites',
  ESCALATE: 'transmission au contentieux',
};

export function reasonMessage(reason: StepReason | string): string {
  if (reason === 'CONDITION_NOT_MET')
    return 'Les conditions de l’étape ne sont pas remplies pour ce dossier : étape ignorée.';
  return Object.hasOwn(GUARD_REASONS, reason) ? guardMessage(reason as GuardReason, 'fr') : reason;
}

interface ScenarioRow {
  scenario_version_id: string;
  run: number;
  next_step: number;
  next_run_at: Date | null;
  state: string;
  state_reason: string | null;
  started_at: Date;
}

/** A letter's document row, written by the step's last statement. */
interface LetterRow {
  id: string;
  kind: string;
  locale: string;
  storageKey: string;
  sha256: string;
  pages: number;
  reference: string;
  registered: boolean;
  deadline: string | null;
  letterData: string;
}

interface ActivityLine {
  kind: string;
  summary: string;
  details: Record<string, unknown>;
}

function guardFileOf(facts: StepFacts, balance: FileBalance): GuardFile {
  const pjw = facts.documents.filter((d) => d.kind === 'PRE_JUDICIAL_WARNING').at(-1);
  const insolvency = facts.insolvency.includes('OVER_INDEBTEDNESS')
    ? 'OVER_INDEBTEDNESS'
    : facts.insolvency.length > 0
      ? 'COLLECTIVE_PROCEEDINGS'
      : null;
  return {
    status: facts.file.status,
    phase: facts.file.phase,
    totalDueCents: balance.dueCents,
    plan:
      facts.plan && facts.plan.nextDueOn
        ? {
            state: facts.plan.late ? 'LATE' : 'CURRENT',
            nextDueOn: facts.plan.nextDueOn,
            graceDays: facts.plan.graceDays,
          }
        : null,
    pendingPromiseDueOn: facts.promiseDueOn,
    openDispute: facts.openDispute,
    insolvency,
    limitationOn: facts.file.limitationOn,
    formalNoticeOn: facts.file.formalNoticeOn,
    preJudicialWarning:
      pjw && pjw.deadlineOn ? { sentOn: pjw.sentOn ?? pjw.createdAt.slice(0, 10), deadlineOn: pjw.deadlineOn } : null,
  };
}

/** Status changes the engine makes, through the state machine (a new file passes through IN_PROGRESS). */
async function moveStatus(
  tx: RawTx,
  tenantId: string,
  fileId: string,
  from: FileStatus,
  to: FileStatus,
): Promise<boolean> {
  if (from === to) return false;
  const allowed = canTransition(from, to) || (canTransition(from, 'IN_PROGRESS') && canTransition('IN_PROGRESS', to));
  if (!allowed) return false;
  await tx.$executeRaw`
    UPDATE case_file SET status = ${to}::"FileStatus", phase = ${STATUS_PHASE[to]}::"FilePhase",
           version = version + 1, updated_at = now()
     WHERE tenant_id = ${tenantId}::uuid AND id = ${fileId}::uuid`;
  return true;
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
      // The file first, then its scenario row: the order every use-case that touches both follows. One round trip:
      // the scenario row is looked up through the locked file's id, so it cannot be locked before the file.
      const [row] = await tx.$queryRaw<ScenarioRow[]>`
        WITH f AS (SELECT id FROM case_file WHERE tenant_id = ${tenantId}::uuid AND id = ${fileId}::uuid FOR UPDATE)
        SELECT scenario_version_id, run, next_step, next_run_at, state, state_reason, started_at
          FROM file_scenario WHERE tenant_id = ${tenantId}::uuid AND file_id = (SELECT id FROM f) FOR UPDATE`;
      if (
        !row ||
        row.state !== 'RUNNING' ||
        row.scenario_version_id !== ref.versionId ||
        row.next_step !== ref.step ||
        row.run !== ref.run
      )
        return { outcome: 'STALE' };
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
      const stepLabel = `Étape ${ref.step + 1}/${steps.length}`;
      const activities: ActivityLine[] = [];

      const decision = conditionsHold(step.conditions, { dueCents: balance.dueCents, debtorKind: facts.debtor.kind })
        ? combineDecisions(
            step.channels.map((channel) => {
              const contactChannel = contactChannelOf(channel);
              const contact = contactChannel ? contactFor(facts, contactChannel) : null;
              return {
                channel,
                decision: guardStep({
                  file: guardFileOf(facts, balance),
                  step:
                    channel === 'ESCALATE' || contactChannel === null
                      ? { kind: 'ESCALATE' }
                      : { kind: channel, channel: contactChannel },
                  contact: contact ? { status: contact.status, optedOut: contact.optedOut } : null,
                  history: facts.history,
                  window,
                  caps: facts.agency.caps,
                  now,
                }),
              };
            }),
          )
        : {
            decision: 'RUN' as const,
            run: [],
            skipped: step.channels.map((channel) => ({ channel, reason: 'CONDITION_NOT_MET' as const })),
          };

      if (decision.decision === 'STOP') {
        await tx.$executeRaw`
          UPDATE file_scenario SET state = 'STOPPED', state_reason = ${decision.reason}, next_run_at = NULL,
                 enqueued_at = NULL, updated_at = ${now}
           WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid`;
        await insertActivities(tx, tenantId, fileId, now, [
          {
            kind: 'scenario.stopped',
            summary: `Scénario arrêté avant l’étape ${ref.step + 1} — ${reasonMessage(decision.reason)}`,
            details: { reason: decision.reason, step: ref.step, executionKey: key },
          },
        ]);
        return { outcome: 'STOPPED', reason: decision.reason };
      }

      if (decision.decision === 'POSTPONE') {
        await tx.$executeRaw`
          UPDATE file_scenario SET next_run_at = ${decision.until}, state_reason = ${decision.reason},
                 enqueued_at = NULL, updated_at = ${now}
           WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid`;
        // One line per pause, not one per daily re-check: only a new reason goes on the timeline.
        if (row.state_reason !== decision.reason)
          await insertActivities(tx, tenantId, fileId, now, [
            {
              kind: 'scenario.step_postponed',
              summary: `${stepLabel} reportée au ${new Intl.DateTimeFormat('fr-FR', {
                timeZone: window.timeZone,
                dateStyle: 'short',
                timeStyle: 'short',
              }).format(decision.until)} — ${reasonMessage(decision.reason)}`,
              details: {
                reason: decision.reason,
                step: ref.step,
                until: decision.until.toISOString(),
                executionKey: key,
              },
            },
          ]);
        return { outcome: 'POSTPONED', until: decision.until, reason: decision.reason };
      }

      // RUN: produce every effect, then the execution rows.
      const executions: {
        channel: StepChannel;
        status: 'DONE' | 'SKIPPED';
        reason: string | null;
        documentId: string | null;
        messageId: string | null;
        taskId: string | null;
      }[] = [];
      const messageIds: string[] = [];
      // Letters are written with the execution rows, in the step's last statement (ids made here for that).
      const letters: LetterRow[] = [];
      let refresh = false;
      let fileStatus = facts.file.status;
      const locale = facts.debtor.locale === 'en' ? 'en' : 'fr';
      const letterRef = (channel: StepChannel) =>
        `${facts.file.reference}-${ref.step + 1}${channel === 'SIMPLE_LETTER' ? 'L' : channel === 'REGISTERED_LETTER' ? 'R' : channel === 'FORMAL_NOTICE' ? 'MD' : 'AV'}${ref.run > 1 ? `-${ref.run}` : ''}`;
      const vars = {
        debtorName: facts.debtor.name,
        fileReference: facts.file.reference,
        creditorName: facts.creditor.name,
        agencyName: facts.agency.name,
        amountDue: formatMoney(balance.dueCents, facts.file.currency.trim(), locale),
        iban: facts.agency.iban ?? '',
        deadline: '',
      };

      if (row.state_reason)
        activities.push({
          kind: 'scenario.resumed',
          summary: `Reprise automatique du scénario : le motif de pause (${reasonMessage(row.state_reason).split(' :')[0]}) ne s’applique plus.`,
          details: { reason: row.state_reason, step: ref.step, executionKey: key },
        });
      for (const skipped of decision.skipped) {
        executions.push({
          channel: skipped.channel,
          status: 'SKIPPED',
          reason: skipped.reason,
          documentId: null,
          messageId: null,
          taskId: null,
        });
        activities.push({
          kind: 'scenario.step_skipped',
          summary: `${stepLabel} : ${CHANNEL_LABEL[skipped.channel]} ignoré — ${reasonMessage(skipped.reason)}`,
          details: { reason: skipped.reason, channel: skipped.channel, step: ref.step, executionKey: key },
        });
      }

      for (const channel of decision.run) {
        const exec = {
          channel,
          status: 'DONE' as const,
          reason: null,
          documentId: null as string | null,
          messageId: null as string | null,
          taskId: null as string | null,
        };
        if (isLetterChannel(channel)) {
          const reference = letterRef(channel);
          const deadline = deadlineFor(channel, step, today);
          const item = buildLetter(facts, { channel, reference, today, deadline, balance });
          const { pdf, manifest } = await renderBatch([item], {
            title: reference,
            author: facts.agency.legalName,
            date: today,
          });
          const storageKey = derivedKey(tenantId, 'documents', `${key}:${channel}`);
          const stored = await storeBuffer(storageKey, pdf);
          const documentId = randomUUID();
          letters.push({
            id: documentId,
            kind: documentKindOf(channel),
            locale: item.data.locale,
            storageKey,
            sha256: stored.sha256,
            pages: manifest[0]?.pages ?? 1,
            reference,
            registered: channel !== 'SIMPLE_LETTER',
            deadline,
            letterData: JSON.stringify(item),
          });
          exec.documentId = documentId;
          if (channel === 'FORMAL_NOTICE' && !facts.file.formalNoticeOn) {
            // The notice starts legal interest for consumers (Code civil 1231-6) and is what a warning builds on.
            await tx.$executeRaw`
              UPDATE case_file SET formal_notice_on = ${today}::date, version = version + 1, updated_at = now()
               WHERE tenant_id = ${tenantId}::uuid AND id = ${fileId}::uuid AND formal_notice_on IS NULL`;
          }
          activities.push({
            kind: 'letter.sent',
            summary: `${stepLabel} : ${CHANNEL_LABEL[channel]} ${reference} préparé(e) pour l’envoi (${vars.amountDue} dus${deadline ? `, à régler avant le ${deadline.split('-').reverse().join('/')}` : ''}).`,
            details: { channel, documentId, reference, step: ref.step, executionKey: key },
          });
        } else if (channel === 'EMAIL' || channel === 'SMS') {
          const contact = contactFor(facts, channel)!;
          const template = templateFor(step.templates[channel], locale)!;
          const body = fillTemplate(template.body, vars);
          const subject = template.subject ? fillTemplate(template.subject, vars) : null;
          const recipient = channel === 'EMAIL' ? contact.email! : contact.phone!;
          const [message] = await tx.$queryRaw<{ id: string }[]>`
            INSERT INTO outbound_message (tenant_id, file_id, channel, recipient, contact_point_id, locale, subject, body,
                                          execution_key, created_at)
            VALUES (${tenantId}::uuid, ${fileId}::uuid, ${channel}::"MessageChannel", ${recipient},
                    ${contact.id}::uuid, ${locale}, ${subject}, ${body}, ${key}, ${now})
            RETURNING id`;
          exec.messageId = message!.id;
          messageIds.push(message!.id);
          activities.push({
            kind: channel === 'EMAIL' ? 'email.queued' : 'sms.queued',
            summary: `${stepLabel} : ${CHANNEL_LABEL[channel]} à ${recipient}${subject ? ` « ${subject} »` : ''} mis en file d’envoi.`,
            details: { channel, messageId: message!.id, step: ref.step, executionKey: key },
          });
        } else if (channel === 'CALL_TASK' || channel === 'VISIT_TASK') {
          const template = templateFor(step.templates[channel], locale);
          const note = template ? fillTemplate(template.body, vars) : null;
          const [task] = await tx.$queryRaw<{ id: string }[]>`
            INSERT INTO task (tenant_id, file_id, kind, due_at, assignee_id, source, note, created_at)
            VALUES (${tenantId}::uuid, ${fileId}::uuid, ${channel === 'CALL_TASK' ? 'CALL' : 'VISIT'}::"TaskKind", ${now},
                    ${facts.file.assigneeId}::uuid, 'scenario', ${note}, ${now})
            RETURNING id`;
          exec.taskId = task!.id;
          refresh = true;
          activities.push({
            kind: 'task.created',
            summary: `${stepLabel} : ${CHANNEL_LABEL[channel]} ajoutée à la file de travail.`,
            details: { channel, taskId: task!.id, step: ref.step, executionKey: key },
          });
        } else if (channel === 'ESCALATE') {
          // The dossier lists the file's letters: this step's own go in first.
          if (letters.length > 0)
            await tx.$executeRaw(letterInsert(tenantId, fileId, key, today, now, letters.splice(0)));
          const dossier = await escalationDossier(tx, tenantId, facts, balance, today);
          const storageKey = derivedKey(tenantId, 'documents', `${key}:${channel}`);
          const stored = await storeBuffer(storageKey, dossier.pdf);
          const reference = `${facts.file.reference}-DOSSIER${ref.run > 1 ? `-${ref.run}` : ''}`;
          const [doc] = await tx.$queryRaw<{ id: string }[]>`
            INSERT INTO document (tenant_id, file_id, kind, locale, storage_key, sha256, pages, reference, execution_key,
                                  created_at)
            VALUES (${tenantId}::uuid, ${fileId}::uuid, 'DOSSIER', 'fr', ${storageKey}, ${stored.sha256},
                    ${dossier.pages}, ${reference}, ${key}, ${now})
            RETURNING id`;
          exec.documentId = doc!.id;
          await tx.$executeRaw`
            INSERT INTO escalation (tenant_id, file_id, dossier_document_id, execution_key, created_at)
            VALUES (${tenantId}::uuid, ${fileId}::uuid, ${doc!.id}::uuid, ${key}, ${now})`;
          if (await moveStatus(tx, tenantId, fileId, fileStatus, 'AWAITING_JUDICIAL')) fileStatus = 'AWAITING_JUDICIAL';
          refresh = true;
          activities.push({
            kind: 'escalation.requested',
            summary: `${stepLabel} : délai de l’avertissement expiré, dossier transmis pour décision contentieuse (${vars.amountDue} dus).`,
            details: { channel, documentId: doc!.id, step: ref.step, executionKey: key },
          });
        }
        executions.push(exec);
      }

      const next = ref.step + 1;
      const finished = next >= steps.length;
      const nextRunAt = finished
        ? null
        : stepDueAt(steps[next]!, { window, placedAt: new Date(facts.file.placedAt), previousAt: now });
      if (finished)
        activities.push({
          kind: 'scenario.completed',
          summary: `Scénario terminé : toutes ses étapes ont été exécutées.`,
          details: { executionKey: key },
        });
      // The letters, the execution rows, the move to the next step and the timeline in one statement: one round
      // trip instead of four. Foreign keys are checked at its end, when the letters are there.
      const [written] = await tx.$queryRaw<{ executed: number }[]>`
        WITH letters AS (${letterInsert(tenantId, fileId, key, today, now, letters)}),
        executed AS (
          INSERT INTO step_execution (tenant_id, file_id, scenario_version_id, step_index, channel, execution_key,
                                      status, reason, document_id, message_id, task_id, executed_at)
          SELECT ${tenantId}::uuid, ${fileId}::uuid, ${ref.versionId}::uuid, ${ref.step}::int, e.channel::"StepChannel",
                 ${key}::text, e.status::"StepOutcome", e.reason, e.document_id, e.message_id, e.task_id,
                 ${now}::timestamptz
            FROM unnest(${executions.map((e) => e.channel)}::text[], ${executions.map((e) => e.status)}::text[],
                        ${executions.map((e) => e.reason)}::text[], ${executions.map((e) => e.documentId)}::uuid[],
                        ${executions.map((e) => e.messageId)}::uuid[], ${executions.map((e) => e.taskId)}::uuid[])
                 AS e(channel, status, reason, document_id, message_id, task_id)
          ON CONFLICT (tenant_id, execution_key, channel) DO NOTHING
          RETURNING id
        ),
        moved AS (
          UPDATE file_scenario
             SET next_step = ${next}, next_run_at = ${nextRunAt},
                 state = ${finished ? 'DONE' : 'RUNNING'}::"ScenarioState", state_reason = NULL, enqueued_at = NULL,
                 failures = 0, last_step_at = ${now}, updated_at = ${now}
           WHERE tenant_id = ${tenantId}::uuid AND file_id = ${fileId}::uuid
        ),
        timeline AS (${activityInsert(tenantId, fileId, now, activities)})
        SELECT (SELECT count(*) FROM executed)::int AS executed`;
      // The row lock above already serialises runs of this step; the unique key is the second wall.
      if (written?.executed !== executions.length) throw new DuplicateExecutionError(key);
      if (refresh) await refreshFiles(tx, tenantId, [fileId], today);
      await options.afterEffects?.();
      return {
        outcome: 'DONE',
        executionKey: key,
        executed: decision.run,
        skipped: decision.skipped,
        messageIds,
        finished,
      };
    },
    options.pool ? { pool: options.pool } : {},
  );
}

export class DuplicateExecutionError extends Error {
  constructor(readonly key: string) {
    super(`step ${key} was already executed`);
    this.name = 'DuplicateExecutionError';
  }
}

function letterInsert(
  tenantId: string,
  fileId: string,
  key: string,
  today: string,
  now: Date,
  letters: LetterRow[],
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO document (tenant_id, id, file_id, kind, locale, storage_key, sha256, pages, reference, registered,
                          sent_on, deadline_on, execution_key, letter_data, created_at)
    SELECT ${tenantId}::uuid, d.id, ${fileId}::uuid, d.kind::"DocumentKind", d.locale, d.storage_key, d.sha256,
           d.pages, d.reference, d.registered, ${today}::date, d.deadline_on, ${key}::text, d.letter_data,
           ${now}::timestamptz
      FROM unnest(${letters.map((l) => l.id)}::uuid[], ${letters.map((l) => l.kind)}::text[],
                  ${letters.map((l) => l.locale)}::text[], ${letters.map((l) => l.storageKey)}::text[],
                  ${letters.map((l) => l.sha256)}::text[], ${letters.map((l) => l.pages)}::int[],
                  ${letters.map((l) => l.reference)}::text[], ${letters.map((l) => l.registered)}::boolean[],
                  ${letters.map((l) => l.deadline)}::date[], ${letters.map((l) => l.letterData)}::jsonb[])
           AS d(id, kind, locale, storage_key, sha256, pages, reference, registered, deadline_on, letter_data)`;
}

/** Consecutive lines a few microseconds apart keep their order on the timeline. */
function activityInsert(tenantId: string, fileId: string, at: Date, lines: ActivityLine[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO activity (tenant_id, file_id, kind, summary, details, occurred_at)
    SELECT ${tenantId}::uuid, ${fileId}::uuid, l.kind, l.summary, l.details,
           ${at}::timestamptz + (l.n - 1) * interval '1 microsecond'
      FROM unnest(${lines.map((l) => l.kind)}::text[], ${lines.map((l) => l.summary)}::text[],
                  ${lines.map((l) => JSON.stringify(l.details))}::jsonb[]) WITH ORDINALITY AS l(kind, summary, details, n)`;
}

async function insertActivities(
  tx: RawTx,
  tenantId: string,
  fileId: string,
  at: Date,
  lines: ActivityLine[],
): Promise<void> {
  if (lines.length > 0) await tx.$executeRaw(activityInsert(tenantId, fileId, at, lines));
}

/** The dossier a manager reads before deciding: claims owed today, letters sent, the whole timeline. */
async function escalationDossier(tx: RawTx, tenantId: string, facts: StepFacts, balance: FileBalance, today: string) {
  const documents = await tx.$queryRaw<
    {
      created_at: Date;
      kind: string;
      reference: string;
      tracking_number: string | null;
      acknowledged_on: string | null;
    }[]
  >`
    SELECT created_at, kind::text, reference, tracking_number, acknowledged_on::text FROM document
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${facts.file.id}::uuid ORDER BY created_at`;
  const timeline = await tx.$queryRaw<{ occurred_at: Date; kind: string; summary: string }[]>`
    SELECT occurred_at, kind, summary FROM activity
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${facts.file.id}::uuid ORDER BY occurred_at`;
  const address = contactFor(facts, 'LETTER');
  return renderDossier({
    locale: 'fr',
    date: today,
    agencyName: facts.agency.name,
    file: { reference: facts.file.reference, nature: facts.file.nature, placedOn: facts.file.placedAt.slice(0, 10) },
    debtor: {
      name: facts.debtor.name,
      kind: facts.debtor.kind,
      address: address
        ? [address.line1, address.line2, `${address.postcode ?? ''} ${address.city ?? ''}`].filter(Boolean).join(', ')
        : '—',
    },
    creditor: { name: facts.creditor.name },
    currency: facts.file.currency.trim(),
    claims: balance.claims,
    totals: balance.totals,
    documents: documents.map((d) => ({
      date: d.created_at.toISOString(),
      kind: d.kind,
      reference: d.reference,
      tracking: d.tracking_number,
      acknowledgedOn: d.acknowledged_on,
    })),
    contacts: timeline.map((t) => ({ at: t.occurred_at.toISOString(), kind: t.kind, summary: t.summary })),
  });
}
