import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TrackingUpload } from '@/components/print-runs/tracking-upload';
import { requireActor } from '@/lib/auth/session';
import { listPrintRuns } from '@/lib/print-runs/queries';
import { can } from '@/lib/tenancy/permissions';
import { createPrintRunAction, markPostedAction } from './actions';
import { PRINT_RUN_MESSAGES as ERROR_KEYS } from '@/lib/print-runs/schemas';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

/** Batch print runs for the mailing house: start one, download its merged PDF and manifest. */
export default async function PrintRunsPage({ searchParams }: { searchParams: Promise<{ postError?: string }> }) {
  const actor = await requireActor();
  const { postError } = await searchParams;
  if (!can(actor, 'scenarios.manage')) notFound();
  const [t, format, { runs, waiting }] = await Promise.all([
    getTranslations('outbox'),
    getFormatter(),
    listPrintRuns(actor),
  ]);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('printTitle')}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{t('printIntro')}</p>
      {postError && postError in ERROR_KEYS && (
        <p role="alert" className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(`errors.${postError as keyof typeof ERROR_KEYS}`)}
        </p>
      )}
      <section className={`${card} mb-4 flex items-center justify-between`}>
        <p className="text-sm">{t('waiting', { count: waiting })}</p>
        <form action={createPrintRunAction}>
          <button
            type="submit"
            disabled={waiting === 0}
            className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-40"
          >
            {t('create')}
          </button>
        </form>
      </section>
      <section className={card}>
        <table className="w-full text-left text-sm" data-testid="print-runs">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-2 pr-4">{t('createdAt')}</th>
              <th className="py-2 pr-4">{t('state')}</th>
              <th className="py-2 pr-4 text-right">{t('letters')}</th>
              <th className="py-2 pr-4 text-right">{t('pages')}</th>
              <th className="py-2 pr-4">{t('registered')}</th>
              <th className="py-2 pr-4">{t('download')}</th>
              <th className="py-2 pr-4">{t('posted')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-slate-100">
                <td className="py-2 pr-4">
                  {format.dateTime(run.createdAt, { dateStyle: 'short', timeStyle: 'short' })}
                </td>
                <td className="py-2 pr-4">
                  {t(`runStatus.${run.status as 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED'}`)}
                </td>
                <td className="py-2 pr-4 text-right">{run.letters}</td>
                <td className="py-2 pr-4 text-right">{run.pages}</td>
                <td className="py-2 pr-4 tabular-nums" data-testid="run-registered">
                  {run.registered > 0
                    ? t('registeredCount', {
                        registered: run.registered,
                        tracked: run.tracked,
                        acknowledged: run.acknowledged,
                      })
                    : '—'}
                </td>
                <td className="py-2 pr-4">
                  {run.status === 'DONE' && (
                    <span className="flex gap-3">
                      <a className="underline" href={`/api/print-runs/${run.id}/pdf`}>
                        {t('pdf')}
                      </a>
                      <a className="underline" href={`/api/print-runs/${run.id}/manifest`}>
                        {t('manifest')}
                      </a>
                    </span>
                  )}
                </td>
                <td className="py-2 pr-4" data-testid="run-posted">
                  {run.postedOn ? (
                    format.dateTime(new Date(`${run.postedOn}T12:00:00Z`), { dateStyle: 'short' })
                  ) : run.status === 'DONE' ? (
                    <form action={markPostedAction} className="flex items-center gap-2">
                      <input type="hidden" name="printRunId" value={run.id} />
                      <input
                        type="date"
                        name="postedOn"
                        required
                        aria-label={t('postedOnLabel')}
                        className="rounded border border-slate-300 px-1 py-0.5 text-xs"
                      />
                      <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-xs">
                        {t('markPosted')}
                      </button>
                    </form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className={`${card} mt-4`} aria-labelledby="tracking-title">
        <h2 id="tracking-title" className="text-lg font-semibold">
          {t('tracking.title')}
        </h2>
        <p className="mt-1 mb-4 max-w-4xl text-sm text-slate-600">{t('tracking.intro')}</p>
        <TrackingUpload />
      </section>
    </main>
  );
}
