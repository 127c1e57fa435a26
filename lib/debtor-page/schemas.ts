import { z } from 'zod';
import type { AgencyClock } from '../dates/agency-clock';
import { addDays, isCalendarDay } from '../dates/days';
import { catalogueKeys } from '../errors/keys';
import { given, money, optional, orRequired, requiredText } from '../forms/fields';
import { callbackAt, promiseFields } from '../activity/schemas';
import { DEBTOR_DISPUTE_KINDS } from '../debtor-links/dispute-kinds';
import { DATA_REQUESTS } from '../debtor-links/data-requests';

export const DEBTOR_PAGE_MESSAGES = catalogueKeys('debtorPage.errors', [
  'answer',
  'disputeKind',
  'disputeText',
  'amount',
  'amountAboveDue',
  'callbackWindow',
  'fileClosed',
  'suspended',
  'instalmentCount',
  'firstDueOn',
  'contactMissing',
  'dataRequest',
  'dataRequestText',
  'cardAmount',
  'cardUnavailable',
  'codeChannel',
]);
const M = DEBTOR_PAGE_MESSAGES;

export const secondFactorSchema = z.object({ answer: requiredText(40, M.answer) }).strict();

const said = (max: number) =>
  optional(z.string({ error: M.disputeText }).trim().max(max, M.disputeText)).transform((v) => v ?? '');

export const debtorDisputeSchema = z
  .object({
    kind: given(z.enum(DEBTOR_DISPUTE_KINDS, { error: orRequired(M.disputeKind) })),
    text: said(2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    // "Other" says nothing by itself: the agent who answers needs the debtor's words.
    if (v.kind === 'OTHER' && v.text === '') ctx.addIssue({ code: 'custom', path: ['text'], message: M.disputeText });
  });
export type DebtorDispute = z.infer<typeof debtorDisputeSchema>;

type Clock = Pick<AgencyClock, 'now' | 'today' | 'timeZone'>;

export function debtorPromiseSchema(clock: Clock) {
  return z.object({ amount: given(money(M.amount, 1)), dueOn: promiseFields(clock).dueOn }).strict();
}

/** A card or direct-debit payment: at least €1 (the provider's floor, and no sense below), at most what is due. */
export const cardPaymentSchema = z.object({ amount: given(money(M.cardAmount, 100)) }).strict();

export function callbackRequestSchema(clock: Clock) {
  return z.object({ at: callbackAt(clock), text: said(500) }).strict();
}

/** A monthly plan the debtor proposes: how many instalments, and the first one's day within a month. */
export const DEBTOR_PLAN_FIRST_DAYS = 30;

export function debtorPlanSchema(clock: Clock) {
  const last = addDays(clock.today, DEBTOR_PLAN_FIRST_DAYS);
  return z
    .object({
      instalmentCount: given(
        z.coerce
          .number({ error: orRequired(M.instalmentCount) })
          .int(M.instalmentCount)
          .min(2, M.instalmentCount)
          .max(36, M.instalmentCount),
      ),
      firstDueOn: given(
        z
          .string({ error: orRequired(M.firstDueOn) })
          .refine((d) => isCalendarDay(d) && d > clock.today && d <= last, M.firstDueOn),
      ),
    })
    .strict();
}

export const dataRequestSchema = z
  .object({
    request: given(z.enum(DATA_REQUESTS, { error: orRequired(M.dataRequest) })),
    text: said(2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    // A correction names what is wrong; an access request needs no words.
    if (v.request === 'CORRECTION' && v.text === '')
      ctx.addIssue({ code: 'custom', path: ['text'], message: M.dataRequestText });
  });
