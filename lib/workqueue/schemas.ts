import { z } from 'zod';
import { optional, orRequired } from '../forms/fields';
import { parseAmountToCents } from '../money/parse-amount';
import { QUEUE_MESSAGES as M } from './messages';

const uuid = (message: string) => z.uuid({ error: orRequired(message) });

const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

export const MAX_QUEUE_PAGE_SIZE = 100;

/** The work-queue page: which page, and whose queue (a manager may look at an agent's). */
export const queueQuerySchema = z
  .object({
    page: optional(wholeNumber(1, 10_000, M.page)).transform((v) => v ?? 1),
    pageSize: optional(wholeNumber(1, MAX_QUEUE_PAGE_SIZE, M.pageSize)).transform((v) => v ?? 25),
    agentId: optional(uuid(M.agentId)),
  })
  .strict();

export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const nextFileSchema = z.object({ afterFileId: optional(uuid(M.fileId)) });

const euros = z.union([z.string(), z.number()], { error: M.amount }).transform((v, ctx) => {
  const cents = parseAmountToCents(v);
  if (cents === null || cents < 0) ctx.addIssue({ code: 'custom', message: M.amount });
  return cents ?? 0;
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE_RE = /^[A-Z][0-9]{1,12}$/;

/** File ids or references, as a list (API) or as text pasted in a form (spaces, commas, lines). */
const fileList = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v),
    z
      .array(z.string({ error: M.fileRef }).trim(), { error: M.fileList })
      .min(1, M.fileList)
      .max(1000, M.fileList),
  )
  .superRefine((items, ctx) => {
    items.forEach((item, i) => {
      if (!UUID_RE.test(item) && !REFERENCE_RE.test(item.toUpperCase())) {
        ctx.addIssue({ code: 'custom', message: M.fileRef, path: [i] });
      }
    });
  })
  .transform((items) => {
    const ids = new Set<string>();
    const references = new Set<string>();
    for (const item of items) {
      if (UUID_RE.test(item)) ids.add(item.toLowerCase());
      else references.add(item.toUpperCase());
    }
    return { ids: [...ids], references: [...references] };
  });

const only = optional(z.enum(['unassigned', 'all'], { error: M.only })).transform((v) => v ?? 'unassigned');
const openPhase = z.enum(['INTAKE', 'AMICABLE', 'JUDICIAL'], { error: M.phase });
const isRecord = ({ value }: { value: unknown }) => typeof value === 'object' && value !== null;

/**
 * What a manager assigns to one agent: listed files; a creditor's files (only the unassigned ones, or all);
 * or every open file matching a rule (creditor, phase, amount still owed in euros). Closed files never move.
 */
export const assignFilesSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('files'), agentId: uuid(M.agentId), fileIds: fileList }).strict(),
    z.object({ mode: z.literal('creditor'), agentId: uuid(M.agentId), creditorId: uuid(M.creditorId), only }).strict(),
    z
      .object({
        mode: z.literal('rule'),
        agentId: uuid(M.agentId),
        creditorId: optional(uuid(M.creditorId)),
        phase: optional(openPhase),
        minAmount: optional(euros),
        maxAmount: optional(euros),
        only,
      })
      .strict()
      .refine((v) => v.minAmount === undefined || v.maxAmount === undefined || v.maxAmount >= v.minAmount, {
        path: ['maxAmount'],
        message: M.amountRange,
        when: isRecord,
      })
      .refine(
        (v) =>
          v.creditorId !== undefined || v.phase !== undefined || v.minAmount !== undefined || v.maxAmount !== undefined,
        { path: ['mode'], message: M.ruleEmpty },
      ),
  ],
  { error: M.mode },
);

export type AssignFilesInput = z.infer<typeof assignFilesSchema>;

const flag = z.preprocess(
  (v) => (v === 'true' || v === 'on' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean({ error: M.dryRun }),
);

/** Spread the open files of these agents evenly by amount still owed; a dry run only shows the moves. */
export const rebalanceLoadSchema = z
  .object({
    agentIds: z.preprocess(
      (v) => (typeof v === 'string' ? [v] : v),
      z
        .array(uuid(M.agentId), { error: M.agents })
        .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
        .refine((ids) => ids.length >= 2 && ids.length <= 200, M.agents),
    ),
    dryRun: optional(flag).transform((v) => v ?? true),
  })
  .strict();

export type RebalanceLoadInput = z.infer<typeof rebalanceLoadSchema>;
