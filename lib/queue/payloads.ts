import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { zodFieldRefs } from '../errors/zod';
import { QueueName } from './names';

/**
 * Every job the project runs: queue → job name → zod schema of its payload. Adding a job is one line
 * here (payloads carry ids, not records: the worker reads the current state from PostgreSQL).
 * Objects are not strict on purpose: in a rolling deploy a newer producer may add a field that an
 * older worker must simply ignore.
 */
export const JOB_PAYLOADS = {
  [QueueName.SYSTEM]: {
    heartbeat: z.object({ at: z.iso.datetime().optional() }),
  },
  [QueueName.IMPORTS]: {
    process: z.object({ tenantId: z.uuid(), importId: z.uuid(), mode: z.enum(['preview', 'commit']) }),
  },
  [QueueName.SCENARIOS]: {
    // `now` only for tests and the bench (a fake clock); the scheduler sends {}.
    sweep: z.object({ tenantId: z.uuid().optional(), now: z.iso.datetime().optional() }),
    // z.guid: any 8-4-4-4-12 hex id, as PostgreSQL's uuid type accepts (rows loaded in bulk may carry
    // ids that are not RFC 4122 versions); a stricter schema would strand their steps forever.
    step: z.object({
      tenantId: z.guid(),
      fileId: z.guid(),
      versionId: z.guid(),
      step: z.number().int().min(0),
      run: z.number().int().min(1),
    }),
  },
  [QueueName.LETTERS]: {
    'print-run': z.object({ tenantId: z.uuid(), printRunId: z.uuid() }),
  },
  [QueueName.NOTIFICATIONS]: {
    send: z.object({ tenantId: z.uuid(), messageId: z.uuid() }),
    // The creditors' daily digest of payments (R124-5); without a tenant: every agency.
    'creditor-digest': z.object({ tenantId: z.uuid().optional() }),
  },
  [QueueName.REPORTS]: {
    // Applies an agency's files marked in report_dirty_file (lib/reports/summaries.ts).
    apply: z.object({ tenantId: z.uuid() }),
    sweep: z.object({}),
    // Without a tenant: fan out to every agency; asOf is the aging day (the agency's today by default).
    rebuild: z.object({ tenantId: z.uuid().optional(), asOf: z.iso.date().optional() }),
  },
  [QueueName.PLANS]: {
    check: z.object({ tenantId: z.uuid().optional() }),
  },
  [QueueName.PAYOUTS]: {
    // The daily R124-6 look (lib/remittances/remittance-alerts.ts); without a tenant: every agency.
    alerts: z.object({ tenantId: z.uuid().optional() }),
    // An approved remittance's statements, e-mailed to its creditors' users.
    statements: z.object({ tenantId: z.uuid(), runId: z.uuid() }),
  },
  [QueueName.WORKQUEUE]: {
    // Without a tenant: fan out to every agency; `today` defaults to the agency's own day.
    refresh: z.object({ tenantId: z.uuid().optional(), today: z.iso.date().optional() }),
    // A bulk closing of files (lib/closing/run-closing-batch.ts): a creditor's withdrawn list, a mandate's end.
    'close-batch': z.object({ tenantId: z.uuid(), batchId: z.uuid() }),
    // Every few minutes: bulk closings whose job never reached Redis (lib/closing/resume-closing-batches.ts).
    'resume-closing-batches': z.object({}),
  },
} as const satisfies Record<QueueName, Record<string, z.ZodType>>;

type Payloads = typeof JOB_PAYLOADS;

export type JobName<Q extends QueueName> = keyof Payloads[Q] & string;

type SchemaOf<Q extends QueueName, N extends JobName<Q>> = Payloads[Q][N] extends z.ZodType ? Payloads[Q][N] : never;

/** What a producer passes (before defaults and transforms). */
export type JobInput<Q extends QueueName, N extends JobName<Q>> = z.input<SchemaOf<Q, N>>;

/** What a handler receives (after parsing). */
export type JobData<Q extends QueueName, N extends JobName<Q>> = z.output<SchemaOf<Q, N>>;

export function payloadSchema(queue: string, name: string): z.ZodType | undefined {
  // hasOwn, not `in`: a job named "constructor" must not find Object.prototype.
  if (!Object.hasOwn(JOB_PAYLOADS, queue)) return undefined;
  const jobs: Record<string, z.ZodType> = JOB_PAYLOADS[queue as QueueName];
  return Object.hasOwn(jobs, name) ? jobs[name] : undefined;
}

/** Validates a payload against its job's schema; failures name each offending field. */
export function parsePayload<Q extends QueueName, N extends JobName<Q>>(
  queue: Q,
  name: N,
  data: unknown,
): JobData<Q, N>;
export function parsePayload(queue: string, name: string, data: unknown): unknown;
export function parsePayload(queue: string, name: string, data: unknown): unknown {
  const schema = payloadSchema(queue, name);
  // A job nobody wrote a schema for is a programming error, not the user's: INTERNAL, the key names it in the log.
  if (!schema) throw AppError.refused('INTERNAL', 'errors.job.unknown', { queue, name });
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw AppError.invalid(zodFieldRefs(result.error), { key: 'errors.job.payload', values: { queue, name } });
}
