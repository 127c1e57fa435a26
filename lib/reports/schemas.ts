import { catalogueKeys } from '../errors/keys';
import { z } from 'zod';
import { FilePhase, FileStatus } from '../db/generated/enums';
import { STATUS_PHASE } from '../cases/rules';
import { addDays, addMonths, daysBetween, isCalendarDay } from '../dates/days';
import { optional } from '../forms/fields';
import { AGE_BANDS, COSTED_CHANNELS, monthOf, type Grain } from './rules';

/**
 * Every message a report filter can earn, in English for API callers and shown as is on the dashboard
 * (prefixed by the field's name). No dependencies beyond zod, so client components could use it.
 */
export const REPORT_MESSAGES = catalogueKeys('dashboard.errors', [
  'day',
  'toBeforeFrom',
  'rangeTooLong',
  'creditorId',
  'unknownCreditor',
  'mandateId',
  'unknownMandate',
  'agentId',
  'unknownAgent',
  'phase',
  'status',
  'statusOutsidePhase',
  'ageBand',
  'by',
  'grain',
  'month',
  'format',
  'section',
  'metric',
  'period',
  'target',
  'validFrom',
  'unitCost',
]);

const M = REPORT_MESSAGES;
export const MAX_RANGE_YEARS = 10;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** A day, or a month standing for its first (`from`) or last (`to`) day. */
const dayOrMonth = (end: 'first' | 'last') =>
  z
    .string({ error: M.day })
    .trim()
    .transform((v, ctx) => {
      if (MONTH.test(v) && isCalendarDay(`${v}-01`))
        return end === 'first' ? `${v}-01` : addDays(addMonths(`${v}-01`, 1), -1);
      if (DAY.test(v) && isCalendarDay(v) && v >= '1900-01-01') return v;
      ctx.addIssue({ code: 'custom', message: M.day });
      return z.NEVER;
    });

export const BREAKDOWNS = ['creditor', 'portfolio', 'agent', 'phase', 'ageBand'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const GRAINS = ['day', 'week', 'month'] as const satisfies readonly Grain[];

/** Names of the query-string parameters the filters read; anything else in the URL is someone else's. */
export const FILTER_KEYS = [
  'from',
  'to',
  'creditorId',
  'mandateId',
  'agentId',
  'phase',
  'status',
  'ageBand',
  'by',
  'grain',
] as const;

/**
 * The dashboard filters, from the URL query string. `today` (the agency's day) sets the defaults: the twelve
 * months up to today. Whether the ids exist in the agency is checked by the query layer (it needs the database).
 */
export function dashboardFilterSchema(today: string) {
  return z
    .object({
      from: optional(dayOrMonth('first')),
      to: optional(dayOrMonth('last')),
      creditorId: optional(z.uuid({ error: M.creditorId })),
      mandateId: optional(z.uuid({ error: M.mandateId })),
      agentId: optional(z.uuid({ error: M.agentId })),
      phase: optional(z.enum(FilePhase, { error: M.phase })),
      status: optional(z.enum(FileStatus, { error: M.status })),
      ageBand: optional(z.enum(AGE_BANDS.map((b) => b.key) as [string, ...string[]], { error: M.ageBand })),
      by: optional(z.enum(BREAKDOWNS, { error: M.by })).transform((v) => v ?? 'creditor'),
      grain: optional(z.enum(GRAINS, { error: M.grain })).transform((v) => v ?? 'month'),
    })
    .strict()
    .transform((v) => {
      const to = v.to ?? today;
      return { ...v, to, from: v.from ?? addMonths(monthOf(to), -11) };
    })
    .superRefine((v, ctx) => {
      if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: M.toBeforeFrom });
      else if (daysBetween(v.from, v.to) > 366 * MAX_RANGE_YEARS) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: M.rangeTooLong });
      }
      if (v.phase && v.status && STATUS_PHASE[v.status] !== v.phase) {
        ctx.addIssue({ code: 'custom', path: ['status'], message: M.statusOutsidePhase });
      }
    });
}

export type DashboardFilters = z.output<ReturnType<typeof dashboardFilterSchema>>;

export const EXPORT_SECTIONS = [
  'months',
  'breakdown',
  'cohorts',
  'collections',
  'aging',
  'statuses',
  'agents',
  'scenarios',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

export const exportOptionsSchema = z
  .object({
    format: optional(z.enum(['csv', 'xlsx'], { error: M.format })).transform((v) => v ?? 'csv'),
    section: optional(z.enum(EXPORT_SECTIONS, { error: M.section })),
  })
  .strict();

export const monthlyReportSchema = z
  .object({
    month: z
      .string({ error: M.month })
      .regex(MONTH, M.month)
      .refine((v) => isCalendarDay(`${v}-01`), M.month),
    creditorId: optional(z.uuid({ error: M.creditorId })),
  })
  .strict();

export const TARGET_METRICS = ['CALLS', 'LETTERS', 'PROMISES_MADE', 'PROMISES_KEPT', 'COLLECTED'] as const;
export const TARGET_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;

/** A manager's target, from the targets form: COLLECTED in euros (whole), the others as counts. */
export const setTargetSchema = z
  .object({
    agentId: z.uuid({ error: M.agentId }),
    metric: z.enum(TARGET_METRICS, { error: M.metric }),
    period: z.enum(TARGET_PERIODS, { error: M.period }),
    target: z.coerce.number({ error: M.target }).int(M.target).min(0, M.target).max(100_000_000, M.target),
    validFrom: z.string({ error: M.validFrom }).regex(DAY, M.validFrom).refine(isCalendarDay, M.validFrom),
  })
  .transform((v) => ({ ...v, targetValue: v.metric === 'COLLECTED' ? v.target * 100 : v.target }));

export const MAX_UNIT_COST_CENTS = 1_000_000;

/**
 * A euro amount as people type it ("1,50", "1.5", "7", "1 200,00") to whole cents, read from the digits so no
 * floating-point rounding can move a cent.
 */
const euroCents = z.string({ error: M.unitCost }).transform((v, ctx) => {
  const m = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(v.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, ''));
  const cents = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
  if (!Number.isInteger(cents) || cents > MAX_UNIT_COST_CENTS) {
    ctx.addIssue({ code: 'custom', message: M.unitCost });
    return z.NEVER;
  }
  return cents;
});

/** The unit costs form: one euro amount per costed channel, every one required; out come cents. */
export const channelCostsSchema = z
  .object(
    Object.fromEntries(COSTED_CHANNELS.map((c) => [c, euroCents])) as Record<
      (typeof COSTED_CHANNELS)[number],
      typeof euroCents
    >,
  )
  .strict();

/** Splits a query string into the filters and the rest (export format, section…). */
export function splitFilters(params: Record<string, string>): {
  filters: Record<string, string>;
  rest: Record<string, string>;
} {
  const filters: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if ((FILTER_KEYS as readonly string[]).includes(k)) filters[k] = v;
    else rest[k] = v;
  }
  return { filters, rest };
}
