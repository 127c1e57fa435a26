import type { FileStatus } from '../db/generated/enums';
import { CALL_OUTCOMES, DISPUTE_REASONS, FOLLOW_UP_NOTES, SUSPENSION_REASONS } from './french-data';
import type { ClaimRow, DebtorRow, FactoryContext } from './factories';

// A file's history as an agency would have written it: placement, reminders, calls, and the step that
// explains the file's current status last (the closing note lands exactly on closed_at).

export type ActivityKind = 'file.placed' | 'letter.sent' | 'call.logged' | 'email.sent' | 'note.added' | 'promise.made';

export interface ActivityRow {
  tenantId: string;
  id: string;
  fileId: string;
  actorId: string | null;
  kind: ActivityKind;
  summary: string;
  details: Record<string, string | number | boolean>;
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

type Step = Pick<ActivityRow, 'kind' | 'summary' | 'details'>;

const DAY_MS = 86_400_000;
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

function frenchDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function buildTimeline(ctx: FactoryContext, input: TimelineInput): ActivityRow[] {
  const total = input.claims.reduce((sum, c) => sum + c.principalCents, 0);
  const count = input.claims.length;
  const placed: Step = {
    kind: 'file.placed',
    summary: `Dossier confié par ${input.creditorName} — ${count} facture${count > 1 ? 's' : ''}, ${formatEuros(total)}`,
    details: { claims: count, principalCents: total },
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
  const push = (step: Step, at: Date, actorId: string | null) =>
    rows.push({ tenantId: input.tenantId, id: ctx.newId(), fileId: input.fileId, actorId, occurredAt: at, ...step });
  push(placed, input.placedAt, null);
  steps.forEach((step, i) => push(step, times[i]!, input.agentMembershipId));

  // A promise's date follows the day it was made.
  for (const row of rows) {
    if (row.kind === 'promise.made' && typeof row.details.dueInDays === 'number') {
      const due = new Date(row.occurredAt.getTime() + row.details.dueInDays * DAY_MS);
      const { dueInDays: _dueInDays, ...details } = row.details;
      row.details = { ...details, dueOn: due.toISOString().slice(0, 10) };
      row.summary = row.summary.replace('{date}', frenchDate(due));
    }
  }
  return rows;
}

function isClosing(status: FileStatus): boolean {
  return status === 'PAID' || status === 'IRRECOVERABLE' || status === 'WITHDRAWN';
}

/** The everyday work on an open file: first reminder, then calls, e-mails, a second letter, notes. */
function workSteps(ctx: FactoryContext, input: TimelineInput): Step[] {
  const { faker } = ctx;
  if (input.status === 'NEW') {
    return faker.datatype.boolean({ probability: 0.3 })
      ? [{ kind: 'note.added', summary: 'Dossier en attente des justificatifs du créancier', details: {} }]
      : [];
  }
  const steps: Step[] = [
    {
      kind: 'letter.sent',
      summary: 'Lettre de relance amiable n°1 envoyée',
      details: { template: 'reminder_1', channel: 'post' },
    },
  ];
  const extra = faker.number.int({ min: 0, max: 3 });
  let letters = 1;
  for (let i = 0; i < extra; i++) {
    const choice = faker.helpers.arrayElement(['call', 'email', 'letter', 'note'] as const);
    if (choice === 'call' && input.hasPhone) {
      const call = faker.helpers.arrayElement(CALL_OUTCOMES);
      steps.push({ kind: 'call.logged', summary: call.summary, details: { outcome: call.outcome } });
    } else if (choice === 'email' && input.hasEmail) {
      steps.push({
        kind: 'email.sent',
        summary: 'Courriel de relance envoyé',
        details: { template: 'reminder_email' },
      });
    } else if (choice === 'letter' && letters < 2) {
      letters++;
      steps.push({
        kind: 'letter.sent',
        summary: 'Lettre de relance amiable n°2 envoyée',
        details: { template: 'reminder_2', channel: 'post' },
      });
    } else {
      steps.push({ kind: 'note.added', summary: faker.helpers.arrayElement(FOLLOW_UP_NOTES), details: {} });
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
          kind: 'promise.made',
          summary: `Promesse de règlement de ${formatEuros(amount)} pour le {date}`,
          details: { amountCents: amount, dueInDays: faker.number.int({ min: 7, max: 30 }) },
        },
      ];
    }
    case 'PAYMENT_PLAN': {
      const instalments = faker.number.int({ min: 3, max: 12 });
      const amount = Math.ceil(total / instalments);
      return [
        {
          kind: 'promise.made',
          summary: `Échéancier accepté : ${instalments} mensualités de ${formatEuros(amount)}, première le {date}`,
          details: { instalments, amountCents: amount, dueInDays: faker.number.int({ min: 5, max: 20 }) },
        },
      ];
    }
    case 'DISPUTED':
      return [
        {
          kind: 'call.logged',
          summary: `Appel entrant — le débiteur ${faker.helpers.arrayElement(DISPUTE_REASONS)}`,
          details: { outcome: 'dispute' },
        },
        { kind: 'note.added', summary: 'Contestation transmise au créancier pour justificatifs', details: {} },
      ];
    case 'SUSPENDED':
      return [{ kind: 'note.added', summary: faker.helpers.arrayElement(SUSPENSION_REASONS), details: {} }];
    case 'AWAITING_JUDICIAL':
      return [
        {
          kind: 'letter.sent',
          summary: 'Mise en demeure envoyée en recommandé avec accusé de réception',
          details: { template: 'formal_notice', channel: 'registered_post' },
        },
        {
          kind: 'note.added',
          summary: 'Mise en demeure restée sans effet — dossier proposé pour une injonction de payer',
          details: {},
        },
      ];
    case 'PAID':
      return [
        {
          kind: 'note.added',
          summary: `Règlement intégral reçu (${formatEuros(total)}) — dossier soldé`,
          details: { paidCents: total },
        },
      ];
    case 'IRRECOVERABLE':
      return [
        {
          kind: 'note.added',
          summary:
            input.debtor.kind === 'COMPANY'
              ? 'Liquidation judiciaire du débiteur — créance déclarée, dossier clos irrécouvrable'
              : 'Débiteur insolvable, aucun bien saisissable — dossier clos irrécouvrable',
          details: {},
        },
      ];
    case 'WITHDRAWN':
      return [{ kind: 'note.added', summary: 'Dossier retiré à la demande du créancier', details: {} }];
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
