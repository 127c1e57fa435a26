// Worker process entry point: wiring only. Jobs and their rules live in lib/.
import { env } from '../lib/config/env';
import { logger } from '../lib/log/logger';
import { observeQueues } from '../lib/system/queue-gauges';
import { startTelemetry, type Telemetry } from '../lib/telemetry/start';
import { assertProductionReady } from '../lib/config/production';
import { QueueName } from '../lib/queue/names';
import { startWorkerManager, type HandlerRegistry, type WorkerManager } from '../lib/queue/worker-manager';
import { requestConnection } from '../lib/redis/connection';
import { scheduleHeartbeat, writeHeartbeat } from '../lib/system/heartbeat';
import { runImportJob } from '../lib/imports/import-job';
import { runPlanCheckJob, schedulePlanChecks } from '../lib/payments/plans-job';
import { runWorkqueueRefreshJob, scheduleWorkqueueRefresh } from '../lib/workqueue/refresh-job';
import {
  runClosingBatchJob,
  runResumeClosingBatchesJob,
  scheduleClosingBatchesResume,
} from '../lib/closing/closing-batch-job';
import {
  runReportsApplyJob,
  runReportsRebuildJob,
  runReportsSweepJob,
  scheduleReports,
} from '../lib/reports/reports-job';
import { startCaptureServer, type CaptureServer } from '../lib/mail/capture-server';
import { runSendJob } from '../lib/outbox/jobs';
import { runCreditorDigestJob, scheduleCreditorDigest } from '../lib/payments/digest-job';
import { runPrintRunJob } from '../lib/print-runs/jobs';
import { runStepJob, runSweepJob, scheduleScenarioSweep } from '../lib/scenarios/jobs';
import { recountAllCourtCalendars } from '../lib/judicial/recount-court-calendars';
import { runRemittanceAlertsJob, runRemittanceStatementsJob, scheduleRemittanceAlerts } from '../lib/remittances/jobs';

const handlers: HandlerRegistry = {
  [QueueName.SYSTEM]: { heartbeat: writeHeartbeat },
  [QueueName.IMPORTS]: { process: runImportJob },
  [QueueName.PLANS]: { check: runPlanCheckJob },
  [QueueName.WORKQUEUE]: {
    refresh: runWorkqueueRefreshJob,
    'close-batch': runClosingBatchJob,
    'resume-closing-batches': runResumeClosingBatchesJob,
  },
  [QueueName.REPORTS]: { apply: runReportsApplyJob, sweep: runReportsSweepJob, rebuild: runReportsRebuildJob },
  [QueueName.SCENARIOS]: { sweep: runSweepJob, step: runStepJob },
  [QueueName.NOTIFICATIONS]: { send: runSendJob, 'creditor-digest': runCreditorDigestJob },
  [QueueName.LETTERS]: { 'print-run': runPrintRunJob },
  [QueueName.PAYOUTS]: { alerts: runRemittanceAlertsJob, statements: runRemittanceStatementsJob },
};

// The demo and the tests capture e-mail locally instead of sending it (lib/mail/capture-server.ts).
let capture: CaptureServer | undefined;
// Traces and metrics over OTLP when an endpoint is configured (lib/telemetry/start.ts); null otherwise.
const telemetry: Telemetry | null = startTelemetry('worker');

const REDIS_CHECK_MS = 5_000;
// Below the 30 s that orchestrators (Docker, Kubernetes) usually allow before SIGKILL.
const CLOSE_TIMEOUT_MS = 20_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

/** Worker connections retry forever, so an absent Redis would hang start-up silently: fail fast instead. */
async function assertRedisReachable(url: string): Promise<void> {
  const probe = requestConnection(url, {
    lazyConnect: true,
    connectTimeout: REDIS_CHECK_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // connect() only says "Connection is closed."; the socket error that caused it comes as an event.
  let cause: unknown;
  probe.on('error', (error: unknown) => (cause ??= error));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_CHECK_MS / 1000} s`)), REDIS_CHECK_MS);
  });
  try {
    await Promise.race([probe.connect().then(() => probe.ping()), timeout]);
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${withoutPassword(url)} (${message(cause ?? error)}); start Redis or set REDIS_URL`,
    );
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

async function start(): Promise<WorkerManager> {
  assertProductionReady();
  await assertRedisReachable(env.REDIS_URL);
  if (env.SMTP_CAPTURE === '1') {
    capture = await startCaptureServer({ port: env.SMTP_CAPTURE_PORT });
    logger.info(`capture smtp ready: port=${capture.port}`);
  }
  const manager = await startWorkerManager({
    handlers,
    concurrency: {
      [QueueName.SCENARIOS]: env.SCENARIO_CONCURRENCY,
      [QueueName.NOTIFICATIONS]: env.MESSAGE_CONCURRENCY,
    },
  });
  try {
    await scheduleHeartbeat(manager.producer);
    await schedulePlanChecks(manager.producer);
    await scheduleWorkqueueRefresh(manager.producer);
    await scheduleClosingBatchesResume(manager.producer);
    await scheduleReports(manager.producer);
    await scheduleScenarioSweep(manager.producer);
    await scheduleCreditorDigest(manager.producer);
    await scheduleRemittanceAlerts(manager.producer);
  } catch (error) {
    await manager.close().catch(() => undefined);
    throw error;
  }
  // Procedures started before their court's calendar was recorded are counted again in it, once (migration
  // 20261209121000); a failure is logged and retried at the next start, it does not stop the worker.
  await recountAllCourtCalendars()
    .then((n) => n > 0 && logger.info(`court calendars recounted: procedures=${n}`))
    .catch((error: unknown) => logger.error(`court calendars not recounted: ${message(error)}`));
  if (telemetry) observeQueues(manager.producer);
  logger.info(`worker ready: queues=${manager.queues.join(',')} pid=${process.pid}`);
  return manager;
}

const started = start();
started.catch((error: unknown) => {
  logger.error(`worker failed to start: ${message(error)}`);
  process.exit(1);
});

let stopping = false;
async function stop(): Promise<void> {
  // `npm start` runs us under concurrently, which may deliver SIGINT and then SIGTERM: stop once.
  if (stopping) return;
  stopping = true;
  logger.info('worker stopping');
  setTimeout(() => {
    logger.error(`worker did not stop within ${CLOSE_TIMEOUT_MS / 1000} s; forcing exit`);
    process.exit(1);
  }, CLOSE_TIMEOUT_MS);
  try {
    const manager = await started;
    await manager.close();
    await capture?.close();
    await telemetry?.shutdown();
    process.exit(0);
  } catch (error) {
    logger.error(`worker stopped with an error: ${message(error)}`);
    process.exit(1);
  }
}

process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
