'use server';

import { revalidatePath } from 'next/cache';
import { currentIp } from '@/lib/net/client-ip';
import { getLocale, getTranslations } from 'next-intl/server';
import type { AssignFormState, RebalanceFormState } from '@/components/queue/assignment-state';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { readerError } from '@/lib/errors/reader';
import { formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { assignFiles } from '@/lib/workqueue/assign-files';
import { rebalanceLoad } from '@/lib/workqueue/rebalance-load';

const ASSIGN_FIELDS = ['mode', 'agentId', 'fileIds', 'creditorId', 'phase', 'minAmount', 'maxAmount', 'only'] as const;
/** The fields each way of assigning reads (the schema refuses the others). */
const FIELDS_OF_MODE: Record<string, readonly string[]> = {
  files: ['mode', 'agentId', 'fileIds'],
  creditor: ['mode', 'agentId', 'creditorId', 'only'],
  rule: ['mode', 'agentId', 'creditorId', 'phase', 'minAmount', 'maxAmount', 'only'],
};

/** A refusal in the reader's language; errors that are not the user's propagate. */
async function refusal(error: unknown): Promise<{ message: string; fields: Record<string, string> }> {
  if (!(error instanceof AppError) || !['INVALID', 'NOT_FOUND'].includes(error.code)) throw error;
  const t = await getTranslations('queue');
  const shown = await readerError(error);
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(shown.fields ?? {})) fields[name.split('.')[0]!] ??= message;
  return { message: t(error.code === 'NOT_FOUND' ? 'form.notFound' : 'form.invalid'), fields };
}

export async function assignFilesAction(prev: AssignFormState, formData: FormData): Promise<AssignFormState> {
  const actor = await requireActor();
  const values: Record<string, string> = {};
  for (const name of ASSIGN_FIELDS) {
    const value = formData.get(name);
    if (typeof value === 'string') values[name] = value;
  }
  const wanted = FIELDS_OF_MODE[values.mode ?? ''] ?? ['mode', 'agentId'];
  const input = Object.fromEntries(Object.entries(values).filter(([k]) => wanted.includes(k)));
  let count: number;
  try {
    ({ count } = await assignFiles({ actor, input, ip: await currentIp() }));
  } catch (error) {
    return { status: 'error', seq: prev.seq + 1, values, ...(await refusal(error)) };
  }
  revalidatePath('/assignments');
  const t = await getTranslations('queue');
  return { status: 'saved', seq: prev.seq + 1, message: t('assign.done', { count }) };
}

export async function rebalanceAction(prev: RebalanceFormState, formData: FormData): Promise<RebalanceFormState> {
  const actor = await requireActor();
  const agentIds = formData.getAll('agentIds').filter((v): v is string => typeof v === 'string');
  const dryRun = formData.get('intent') !== 'apply';
  const [t, locale] = await Promise.all([getTranslations('queue'), getLocale().then(toLocale)]);
  let result: Awaited<ReturnType<typeof rebalanceLoad>>;
  try {
    result = await rebalanceLoad({ actor, input: { agentIds, dryRun }, ip: await currentIp() });
  } catch (error) {
    const { message, fields } = await refusal(error);
    return { status: 'error', seq: prev.seq + 1, agentIds, message: [message, ...Object.values(fields)].join(' ') };
  }
  const money = (cents: number) => formatMoney(cents, 'EUR', locale);
  const names = new Map(result.before.map((l) => [l.agentId, l.name]));
  const view = {
    loads: result.before.map((b, i) => ({
      name: b.name,
      before: money(b.amountCents),
      after: money(result.after[i]!.amountCents),
      filesBefore: b.files,
      filesAfter: result.after[i]!.files,
    })),
    // The screen lists the first moves; the count says how many there are in all.
    moves: result.moves.slice(0, 50).map((m) => ({
      reference: m.reference,
      from: names.get(m.from) ?? '',
      to: names.get(m.to) ?? '',
      amount: money(m.amountCents),
    })),
    total: result.moves.length,
  };
  if (dryRun) {
    return {
      status: 'preview',
      seq: prev.seq + 1,
      agentIds,
      view,
      message: t('rebalance.previewed', { count: result.moves.length }),
    };
  }
  revalidatePath('/assignments');
  return {
    status: 'applied',
    seq: prev.seq + 1,
    agentIds,
    view,
    message: t('rebalance.applied', { count: result.applied }),
  };
}
