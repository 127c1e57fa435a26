import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireActor } from '@/lib/auth/session';
import { judicialBoard } from '@/lib/judicial/queries';
import { judicialPipeline } from '@/lib/reports/judicial-pipeline';
import { can } from '@/lib/tenancy/permissions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

/**
 * The running procedures and their deadlines: lapsed ones first, as red lines (a lapsed deadline is never silent),
 * then those within the week's alert. Steps are recorded on each file's procedure panel.
 */
export default async function JudicialPage() {
  const actor = await requireActor();
  if (!can(actor, 'judicial.work') || !can(actor, 'agency.home')) notFound();
  const [t, format, { board }, pipeline] = await Promise.all([
    getTranslations('judicial'),
    getFormatter(),
    judicialBoard({ actor }),
    can(actor, 'dashboards.read') ? judicialPipeline({ actor }) : null,
  ]);
  const money = (cents: number) => format.number(cents / 100, { style: 'currency', currency: 'EUR' });
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const lapsed = board.reduce((n, r) => n + r.deadlines.filter((d) => d.state === 'LAPSED').length, 0);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('board.title')}</h1>
      <p className="mt-1 mb-4 max-w-3xl text-sm text-slate-600">{t('board.intro')}</p>
      <p
        className={`mb-4 text-sm font-medium ${lapsed > 0 ? 'text-red-700' : 'text-slate-600'}`}
        data-testid="lapsed-count"
      >
        {t('board.lapsedCount', { count: lapsed })}
      </p>
      {pipeline && (
        <section className={`${card} mb-6`} data-testid="judicial-pipeline">
          <h2 className="mb-1 text-lg font-semibold">{t('pipeline.title')}</h2>
          <p className="mb-3 text-sm text-slate-600">
            {pipeline.asOf ? t('pipeline.intro', { asOf: day(pipeline.asOf) }) : t('pipeline.notComputed')}
          </p>
          {pipeline.routes.length === 0 ? (
            <p className="text-sm text-slate-600">{t('pipeline.empty')}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500 uppercase">
                <tr>
                  <th className="py-2 pr-4">{t('pipeline.route')}</th>
                  <th className="py-2 pr-4 text-right">{t('pipeline.procedures')}</th>
                  <th className="py-2 pr-4">{t('pipeline.stages')}</th>
                  <th className="py-2 pr-4 text-right">{t('pipeline.successRate')}</th>
                  <th className="py-2 pr-4 text-right">{t('pipeline.daysToTitle')}</th>
                  <th className="py-2 pr-4 text-right">{t('pipeline.costs')}</th>
                  <th className="py-2 pr-4 text-right">{t('pipeline.collected')}</th>
                  <th className="py-2 pr-4 text-right">{t('pipeline.atRisk')}</th>
                  <th className="py-2 pr-4 text-right">{t('pipeline.lapsed')}</th>
                </tr>
              </thead>
              <tbody>
                {pipeline.routes.map((r) => (
                  <tr key={r.route} className="border-t border-slate-100">
                    <td className="py-2 pr-4">{t(`routes.${r.route}`)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{r.procedures}</td>
                    <td className="py-2 pr-4">
                      {Object.entries(r.stages)
                        .map(([stage, n]) => t('pipeline.stageCount', { step: t(`stepNames.${stage}`), count: n }))
                        .join(' · ')}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {r.successRate === null ? '—' : format.number(r.successRate, { style: 'percent' })}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {r.daysToTitle === null ? '—' : t('pipeline.days', { days: r.daysToTitle })}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{money(r.costsCents)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{money(r.collectedCents)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{r.deadlinesAtRisk}</td>
                    <td
                      className={`py-2 pr-4 text-right tabular-nums ${r.deadlinesLapsed > 0 ? 'font-semibold text-red-700' : ''}`}
                    >
                      {r.deadlinesLapsed}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      <section className={card}>
        {board.length === 0 ? (
          <p className="text-sm text-slate-600">{t('board.empty')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="judicial-board">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4">{t('board.file')}</th>
                <th className="py-2 pr-4">{t('board.debtor')}</th>
                <th className="py-2 pr-4">{t('board.route')}</th>
                <th className="py-2 pr-4">{t('board.stage')}</th>
                <th className="py-2 pr-4">{t('board.deadlines')}</th>
              </tr>
            </thead>
            <tbody>
              {board.map((r) => (
                <tr
                  key={r.procedureId}
                  className={`border-t border-slate-100 ${r.worst === 'LAPSED' ? 'bg-red-50 text-red-800' : ''}`}
                  data-state={r.worst ?? 'NONE'}
                >
                  <td className="py-2 pr-4">
                    <Link className="underline" href={`/files/${r.fileId}`}>
                      {r.fileReference}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{r.debtorName}</td>
                  <td className="py-2 pr-4">{t(`routes.${r.route}`)}</td>
                  <td className="py-2 pr-4">{t(`stepNames.${r.stage}`)}</td>
                  <td className="py-2 pr-4">
                    {r.deadlines.map((d) => (
                      <span key={d.id} className={`block ${d.state === 'LAPSED' ? 'font-semibold' : ''}`}>
                        {t(`deadlines.${d.kind}`)} — {t('board.dueOn', { dueOn: day(d.dueOn) })} ·{' '}
                        {t(`deadlineStates.${d.state}`)}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
