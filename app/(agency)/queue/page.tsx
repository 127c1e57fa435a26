import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { Pagination } from '@/components/files/pagination';
import { QueueTable, type QueueRowView } from '@/components/queue/queue-table';
import { reasonText } from '@/components/queue/reason-text';
import { requireActor } from '@/lib/auth/session';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { dayIn } from '@/lib/dates/days';
import { AppError } from '@/lib/errors/app-error';
import { readerProblem } from '@/lib/errors/reader';
import { formatDateTime, formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { can } from '@/lib/tenancy/permissions';
import { listAssignableStaff, workQueue, type QueueItem, type QueuePage } from '@/lib/workqueue/queries';
import { daysBetween } from '@/lib/dates/days';
import { isDueReason } from '@/lib/workqueue/rules';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';
const button =
  'inline-flex items-center gap-2 rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900';

export default async function QueuePageRoute({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'queue.read')) notFound();
  const [t, locale, params] = await Promise.all([getTranslations('queue'), getLocale().then(toLocale), searchParams]);
  const { empty, ...query } = searchParamsToObject(params);
  let page: QueuePage | null = null;
  let problem: string | null = null;
  try {
    page = await workQueue(actor, query);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    problem = await readerProblem(error, () => undefined);
  }
  const staff = can(actor, 'files.assign') ? await listAssignableStaff(actor) : [];

  const row = (item: QueueItem, today: string): QueueRowView => {
    const ctx = { today, currency: item.currency, locale };
    const money = (cents: number) => formatMoney(cents, item.currency, locale);
    let next = '—';
    if (item.next?.kind === 'task') {
      next = t('nextTask', {
        kind: t(`taskKinds.${item.next.taskKind}`),
        when: formatDateTime(item.next.dueAt, locale),
      });
    } else if (item.next?.kind === 'promise') {
      next = t('nextPromise', { amount: money(item.next.amountCents), date: formatDay(item.next.dueOn, locale) });
    }
    return {
      id: item.id,
      reference: item.reference,
      debtorName: item.debtorName,
      creditorName: item.creditorName,
      score: item.score,
      reasons: item.reasons.map((r) => ({ text: reasonText(t, r, ctx), points: r.points, main: isDueReason(r) })),
      amount: money(item.amountAtStakeCents),
      age: item.oldestDueOn ? t('days', { count: Math.max(0, daysBetween(item.oldestDueOn, today)) }) : '—',
      lastContact: item.lastContactAt
        ? formatDay(dayIn('Europe/Paris', new Date(item.lastContactAt)), locale)
        : t('neverContacted'),
      next,
    };
  };

  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-6 flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">
          {page && !page.agent.self ? t('titleOf', { name: page.agent.name }) : t('title')}
        </h1>
        {page && (
          <p className="text-sm text-slate-600" data-testid="queue-count">
            {page.totalCapped ? t('countCapped', { total: page.total }) : t('count', { total: page.total })}
            {' · '}
            {t('today', { date: formatDay(page.today, locale) })}
          </p>
        )}
        <div className="ml-auto flex items-center gap-3">
          {staff.length > 0 && (
            <form method="get" action="/queue" className="flex items-center gap-2 text-sm">
              <label htmlFor="queue-agent" className="text-slate-600">
                {t('agent')}
              </label>
              <select
                id="queue-agent"
                name="agentId"
                defaultValue={page?.agent.id ?? actor.membershipId}
                className="rounded border border-slate-300 bg-white px-2 py-1.5"
              >
                {staff.some((s) => s.id === actor.membershipId) ? null : (
                  <option value={actor.membershipId}>{actor.name}</option>
                )}
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
                {t('show')}
              </button>
            </form>
          )}
          {(!page || page.agent.self) && (
            <a href="/queue/next" className={button} data-testid="next-file">
              {t('nextFile')} <kbd className="rounded bg-white/20 px-1 font-mono text-xs">n</kbd>
            </a>
          )}
        </div>
      </div>
      {empty && (
        <p role="status" className="mb-4 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('allDone')}
        </p>
      )}
      <section className={card}>
        {problem ? (
          <p role="alert" className="text-rose-700">
            {t('invalidQuery', { message: problem })}
          </p>
        ) : page && page.items.length === 0 ? (
          <p className="py-12 text-center text-slate-500">{t('empty')}</p>
        ) : (
          page && (
            <>
              <QueueTable
                rows={page.items.map((i) => row(i, page.today))}
                nextHref={page.agent.self ? '/queue/next' : undefined}
                labels={{
                  rank: t('columns.rank'),
                  file: t('columns.file'),
                  reasons: t('columns.reasons'),
                  amount: t('columns.amount'),
                  age: t('columns.age'),
                  lastContact: t('columns.lastContact'),
                  next: t('columns.next'),
                  points: t('points'),
                }}
              />
              <Pagination
                basePath="/queue"
                values={page.agent.self ? {} : { agentId: page.agent.id }}
                page={page.page}
                pageSize={page.pageSize}
                // Past the counted cap there is a next page as long as this one is full.
                total={page.totalCapped ? Math.max(page.total, page.page * page.pageSize + 1) : page.total}
              />
              <p className="mt-3 text-xs text-slate-500">{t('keys')}</p>
            </>
          )
        )}
      </section>
    </main>
  );
}
