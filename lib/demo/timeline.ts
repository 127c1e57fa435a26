import type { FileStatus } from '../db/generated/enums';
import { checkEntry, type TimelineEntry, type TimelineKind } from '../history/kinds';
import { CALL_OUTCOMES, DISPUTE_REASONS, FOLLOW_UP_NOTES, SUSPENSION_REASONS } from './french-data';
import type { ClaimRow, DebtorRow, FactoryContext } from './factories';

// A file's history as an agency would have written it: placement, reminders, calls, and the step that
// explains the file's current status last (the closing line lands exactly on closed_at). Lines are kinds and
// values like the application's own (lib/history); the notes are what an agent would have typed.

export interface ActivityRow {
  tenantId: string;
  id: string;
  fileId: string;
  actorId: string | null;
  kind: TimelineKind;
  details: Record<string, unknown>;
  occurredAt: Date;
}

export interface TimelineInput {
  tenantId: string;
  fileId: string;
  status: FileStatus;
  debtor: DebtorRow;
  creditorName: string;
  claims: ClaimRow[];
  placedAt: Date;
  /** closed_at for a closed file, otherwise now. */
  end: Date;
  agentMembershipId: string | null;
  hasPhone: boolean;
  hasEmail: boolean;
}

/** A line, with the days after it happened on which its promise or first instalment falls due. */
type Step = TimelineEntry & { dueInDays?: number };

const DAY_MS = 86_400_000;
const note = (text: string): Step => ({
  kind: 'contact.note',
  details: { channel: 'NOTE', outcome: 'NONE', note: text },
});

export function buildTimeline(ctx: FactoryContext, input: TimelineInput): ActivityRow[] {
  const total = input.claims.reduce((sum, c) => sum + c.principalCents, 0);
  const count = input.claims.length;
  const placed: Step = {
    kind: 'file.placed',
    details: { creditorName: input.creditorName, claims: count, principalCents: total, currency: 'EUR' },
  };
  const work = workSteps(ctx, input);
  const closing = closingSteps(ctx, input, total);
  const steps = [...work, ...closing];
  const times: Date[] = [];
  let from = input.placedAt;
  if (steps[0]?.kind === 'letter.sent') {
    // Agencies send the first reminder within days of placement; later work spreads up to today.
    const span = input.end.getTime() - from.getTime();
    from = new Date(from.getTime() + Math.min(ctx.faker.number.int({ min: 1, max: 10 }) * DAY_MS, span / 3));
    times.push(from);
  }
  times.push(...spreadTimes(ctx, from, input.end, steps.length - times.length, isClosing(input.status)));

  const rows: ActivityRow[] = [];
  const push = ({ dueInDays, ...line }: Step, at: Date, actorId: string | null) => {
    // A promise's date follows the day it was made.
    if (dueInDays !== undefined) dated(line, new Date(at.getTime() + dueInDays * DAY_MS));
    const { kind, details } = checkEntry(line);
    rows.push({
      tenantId: input.tenantId,
      id: ctx.newId(),
      fileId: input.fileId,
      actorId,
      occurredAt: at,
      kind,
      details,
    });
  };
  push(placed, input.placedAt, null);
  steps.forEach((step, i) => push(step, times[i]!, input.agentMembershipId));
  return rows;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function dated(line: TimelineEntry, due: Date): void {
  if (line.kind === 'contact.call') line.details.dueOn = isoDay(due);
  if (line.kind === 'plan.created') {
    const count = line.details.instalmentCount;
    const last = new Date(due);
    last.setUTCMonth(last.getUTCMonth() + count - 1);
    line.details.firstDueOn = isoDay(due);
    line.details.lastDueOn = isoDay(last);
  }
}

function isClosing(status: FileStatus): boolean {
  return status === 'PAID' || status === 'IRRECOVERABLE' || status === 'WITHDRAWN';
}

/** The everyday work on an open file: first reminder, then calls, e-mails, a second letter, notes. */
function workSteps(ctx: FactoryContext, input: TimelineInput): Step[] {
  const { faker } = ctx;
  if (input.status === 'NEW') {
    return faker.datatype.boolean({ probability: 0.3 })
      ? [note('Dossier en attente des justificatifs du créancier')]
      : [];
  }
  const steps: Step[] = [{ kind: 'letter.sent', details: { channel: 'SIMPLE_LETTER', template: 'reminder_1' } }];
  const extra = faker.number.int({ min: 0, max: 3 });
  let letters = 1;
  for (let i = 0; i < extra; i++) {
    const choice = faker.helpers.arrayElement(['call', 'email', 'letter', 'note'] as const);
    if (choice === 'call' && input.hasPhone) {
      const call = faker.helpers.arrayElement(CALL_OUTCOMES);
      steps.push({ kind: 'contact.call', details: { ...call, channel: 'CALL' } });
    } else if (choice === 'email' && input.hasEmail) {
      steps.push({ kind: 'email.sent', details: { template: 'reminder_email' } });
    } else if (choice === 'letter' && letters < 2) {
      letters++;
      steps.push({ kind: 'letter.sent', details: { channel: 'SIMPLE_LETTER', template: 'reminder_2' } });
    } else {
      steps.push(note(faker.helpers.arrayElement(FOLLOW_UP_NOTES)));
    }
  }
  return steps;
}

/** The step that explains where the file stands now. */
function closingSteps(ctx: FactoryContext, input: TimelineInput, total: number): Step[] {
  const { faker } = ctx;
  switch (input.status) {
    case 'PROMISE': {
      const amount = faker.datatype.boolean({ probability: 0.6 })
        ? total
        : roundEuros(total * faker.number.float({ min: 0.2, max: 0.6 }));
      return [
        {
          kind: 'contact.call',
          details: { channel: 'CALL', answeredBy: 'DEBTOR', outcome: 'PROMISE', amountCents: amount, currency: 'EUR' },
          dueInDays: faker.number.int({ min: 7, max: 30 }),
        },
      ];
    }
    case 'PAYMENT_PLAN': {
      const instalments = faker.number.int({ min: 3, max: 12 });
      const amount = Math.ceil(total / instalments);
      return [
        {
          kind: 'plan.created',
          details: {
            totalCents: total,
            instalmentCount: instalments,
            frequency: 'MONTHLY',
            firstAmountCents: amount,
            lastAmountCents: total - amount * (instalments - 1),
            firstDueOn: '',
            lastDueOn: '',
            downPaymentCents: 0,
            graceDays: 10,
            currency: 'EUR',
          },
          dueInDays: faker.number.int({ min: 5, max: 20 }),
        },
      ];
    }
    case 'DISPUTED':
      return [
        {
          kind: 'contact.call',
          details: {
            channel: 'CALL',
            answeredBy: 'DEBTOR',
            outcome: 'DISPUTE',
            note: `Le débiteur ${faker.helpers.arrayElement(DISPUTE_REASONS)}`,
          },
        },
        note('Contestation transmise au créancier pour justificatifs'),
      ];
    case 'SUSPENDED':
      return [note(faker.helpers.arrayElement(SUSPENSION_REASONS))];
    case 'AWAITING_JUDICIAL':
      return [
        { kind: 'letter.sent', details: { channel: 'FORMAL_NOTICE', template: 'formal_notice' } },
        { kind: 'escalation.requested', details: { dueCents: total, currency: 'EUR' } },
      ];
    case 'PAID':
    case 'IRRECOVERABLE':
    case 'WITHDRAWN':
      return [{ kind: 'file.status_changed', details: { statusFrom: 'IN_PROGRESS', statusTo: input.status } }];
    default:
      return [];
  }
}

function roundEuros(cents: number): number {
  return Math.max(100, Math.round(cents / 1000) * 1000);
}

/**
 * `count` increasing instants after `from` and up to `to`, on working hours where the window allows.
 * With `lastAtEnd`, the final one is `to` itself (a closed file's closing step is its closed_at).
 */
function spreadTimes(ctx: FactoryContext, from: Date, to: Date, count: number, lastAtEnd: boolean): Date[] {
  const { faker } = ctx;
  const start = from.getTime();
  const end = to.getTime();
  const free = lastAtEnd ? count - 1 : count;
  const times: number[] = [];
  for (let i = 0; i < free; i++) {
    const t = faker.number.int({ min: start + 60_000, max: end - 60_000 });
    const day = t - (t % DAY_MS);
    const snapped = day + faker.number.int({ min: 7 * 60, max: 16 * 60 + 59 }) * 60_000;
    times.push(snapped > start && snapped < end ? snapped : t);
  }
  times.sort((a, b) => a - b);
  for (let i = 0; i < times.length; i++) {
    const previous = i === 0 ? start : times[i - 1]!;
    if (times[i]! <= previous) times[i] = previous + 1000;
  }
  if (lastAtEnd && count > 0) times.push(end);
  return times.map((t) => new Date(t));
}
