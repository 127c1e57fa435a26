import type { PrismaClient } from '../db/generated/client';
import type { FileStatus } from '../db/generated/enums';
import type { MailSender } from '../mail/transport';
import { deliverMessage } from '../outbox/deliver-message';
import { onFileEvent } from '../scenarios/on-file-event';
import { runStep } from '../scenarios/run-step';
import { startScenarios } from '../scenarios/start-scenarios';
import { applyLetterDates } from '../print-runs/letter-dates';

// The demo's scenario history: part of the files placed over the last months went through their reminder
// scenario as the worker would have run it, step by step on the day each step fell due, through the engine
// itself (startScenarios, runStep, deliverMessage) with the clock set to that day. Scenario effectiveness then
// has real executions to count, and payments recorded afterwards (lib/demo/collections.ts) fall after them.
//
// The engine reads a file's facts as they stand today, so the history takes only files whose today cannot
// hold a step back: in progress without a promise, plan or dispute, or closed since (paid, irrecoverable,
// withdrawn). A closed file is reopened for the run, played up to the day it closed, then closed again, and
// its scenario stopped the way a settling payment stops it (onFileEvent).

const HISTORY_STATUSES: FileStatus[] = ['IN_PROGRESS', 'PAID', 'IRRECOVERABLE', 'WITHDRAWN'];
const DAY_MS = 86_400_000;
/** A file never needs more turns than this (steps plus the postponements of the contact window). */
const MAX_TURNS = 40;
const LANES = 4;

/** The history's letters were "posted" long ago: its e-mails are marked sent without going anywhere. */
const HISTORY_MAIL: MailSender = {
  async send() {
    return { providerRef: 'demo-history' };
  },
  close() {},
};

export interface HistoryOptions {
  now: Date;
  /** Files placed on or after this day are candidates. */
  from: Date;
  /** Take one candidate in `every` (in placement order), to bound the seed's time. */
  every: number;
}

export interface HistoryFile {
  id: string;
  placedAt: Date;
  status: FileStatus;
  closedAt: Date | null;
}

/** The files the history plays, in placement order. */
export async function historyFiles(
  client: PrismaClient,
  tenantId: string,
  { now, from, every }: HistoryOptions,
): Promise<HistoryFile[]> {
  const rows = await client.$queryRaw<HistoryFile[]>`
    SELECT f.id, f.placed_at AS "placedAt", f.status::text AS status, f.closed_at AS "closedAt"
      FROM case_file f
     WHERE f.tenant_id = ${tenantId}::uuid AND f.status::text = ANY(${HISTORY_STATUSES}::text[])
       AND f.placed_at >= ${from} AND f.placed_at < ${now}
       AND NOT EXISTS (SELECT 1 FROM promise p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id AND p.status = 'PENDING')
       AND NOT EXISTS (SELECT 1 FROM dispute d WHERE d.tenant_id = f.tenant_id AND d.file_id = f.id AND d.status = 'OPEN')
       AND NOT EXISTS (SELECT 1 FROM payment_plan pp WHERE pp.tenant_id = f.tenant_id AND pp.file_id = f.id)
     ORDER BY f.placed_at, f.id`;
  return rows.filter((_, i) => i % every === 0);
}

export interface PlayReport {
  files: number;
  steps: number;
}

/**
 * Starts each file on its scenario on the day it was placed (the rules pick among the versions published by
 * then) and runs its steps up to `now`, or up to the day it closed.
 */
export async function playHistory(
  client: PrismaClient,
  tenantId: string,
  files: readonly HistoryFile[],
  now: Date,
): Promise<PlayReport> {
  const closed = files.filter((f) => f.closedAt !== null);
  if (closed.length > 0) {
    await client.$executeRaw`
      UPDATE case_file SET status = 'IN_PROGRESS', phase = 'AMICABLE', closed_at = NULL
       WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${closed.map((f) => f.id)}::uuid[])`;
  }
  let steps = 0;
  // A step mostly waits on the database: a few files at a time keep both it and the letter drawing busy.
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await client.$transaction((tx) => startScenarios(tx, tenantId, [file.id], { now: file.placedAt }));
      const played = await playFile(client, tenantId, file.id, file.closedAt ?? now);
      steps += played;
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  for (const file of closed) {
    await client.$transaction(async (tx) => {
      await tx.$executeRaw`
        UPDATE case_file SET status = ${file.status}::"FileStatus", phase = 'CLOSED', closed_at = ${file.closedAt},
               version = version + 1
         WHERE tenant_id = ${tenantId}::uuid AND id = ${file.id}::uuid`;
      await onFileEvent(tx, tenantId, file.id, 'PAYMENT', file.closedAt!);
    });
  }
  return { files: files.length, steps };
}

async function playFile(client: PrismaClient, tenantId: string, fileId: string, until: Date): Promise<number> {
  let steps = 0;
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const row = await client.fileScenario.findUnique({ where: { tenantId_fileId: { tenantId, fileId } } });
    if (!row || row.state !== 'RUNNING' || !row.nextRunAt || row.nextRunAt > until) break;
    const at = row.nextRunAt;
    const result = await runStep(
      { tenantId, fileId, versionId: row.scenarioVersionId, step: row.nextStep, run: row.run },
      { now: at },
    );
    if (result.outcome === 'DONE') {
      steps++;
      await postLetters(client, tenantId, result.executionKey, at);
      for (const messageId of result.messageIds) {
        await deliverMessage({ tenantId, messageId, now: new Date(at.getTime() + 60_000), mail: HISTORY_MAIL });
      }
    } else if (result.outcome !== 'POSTPONED' && result.outcome !== 'NOT_DUE') break;
  }
  return steps;
}

/**
 * The history's letters went to the mailing house with the next day's print run: posted the day after the step
 * (the agency's zone), as marking the run posted would date them (lib/print-runs/mark-posted.ts), so the steps
 * after them do not wait for a posting that the past already made.
 */
async function postLetters(client: PrismaClient, tenantId: string, executionKey: string, at: Date): Promise<void> {
  await client.$transaction(async (tx) => {
    const posted = await tx.$queryRaw<{ id: string }[]>`
      UPDATE document d SET sent_on = (d.created_at AT TIME ZONE a.time_zone)::date + 1
        FROM agency a
       WHERE d.tenant_id = ${tenantId}::uuid AND a.id = d.tenant_id AND d.execution_key = ${executionKey}
         AND d.sent_on IS NULL AND d.letter_data IS NOT NULL AND d.created_at <= ${at}
      RETURNING d.id::text`;
    await applyLetterDates(
      tx,
      tenantId,
      posted.map((p) => p.id),
    );
  });
}

/**
 * Call and visit tasks the history created more than a few days ago were worked by the agent back then: they
 * are closed on their day, as an agent's completion would have closed them.
 */
export async function closeHistoricTasks(client: PrismaClient, tenantId: string, now: Date): Promise<number> {
  return client.$executeRaw`
    UPDATE task SET status = 'DONE', done_at = due_at + interval '3 hours'
     WHERE tenant_id = ${tenantId}::uuid AND source = 'scenario' AND status = 'OPEN'
       AND due_at < ${new Date(now.getTime() - 3 * DAY_MS)}`;
}
