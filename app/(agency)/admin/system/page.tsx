import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cell, numberCell, ROW, TablePage } from '@/components/table-page';
import { requireActor } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { producer } from '@/lib/queue/producers';
import { redis } from '@/lib/redis/connection';
import { checkHealth } from '@/lib/system/health';
import { queueMetrics } from '@/lib/system/queue-metrics';
import { can } from '@/lib/tenancy/permissions';

export const dynamic = 'force-dynamic';

/** The services this agency's work depends on, and each queue's backlog: ADMIN only. */
export default async function SystemPage() {
  const actor = await requireActor();
  if (!can(actor, 'admin.system')) notFound();
  const [t, format, health] = await Promise.all([
    getTranslations('system'),
    getFormatter(),
    checkHealth(db(), redis()),
  ]);
  // Without Redis the queues cannot be read; the status line above says so.
  const metrics = health.redis ? await queueMetrics(producer()) : [];
  const state = (ok: boolean) => (ok ? t('up') : t('down'));
  const seconds = (ms: number | null) =>
    ms === null ? '—' : format.number(Math.round(ms / 1000), { style: 'unit', unit: 'second', unitDisplay: 'short' });
  return (
    <TablePage
      title={t('title')}
      intro={t('intro')}
      empty={t('noQueues')}
      testId="queue-metrics"
      columns={[
        { label: t('queue') },
        { label: t('waiting'), numeric: true },
        { label: t('active'), numeric: true },
        { label: t('delayed'), numeric: true },
        { label: t('failed'), numeric: true },
        { label: t('oldest'), numeric: true },
      ]}
      rows={metrics.map((m) => (
        <tr key={m.queue} className={ROW} data-queue={m.queue}>
          <td className={cell}>{t(`queues.${m.queue}`)}</td>
          <td className={numberCell}>{format.number(m.waiting)}</td>
          <td className={numberCell}>{format.number(m.active)}</td>
          <td className={numberCell}>{format.number(m.delayed)}</td>
          <td className={numberCell}>{format.number(m.failed)}</td>
          <td className={numberCell}>{seconds(m.oldestWaitingMs)}</td>
        </tr>
      ))}
      after={
        <dl className="mt-6 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" data-testid="service-health">
          <dt className="text-slate-500">{t('database')}</dt>
          <dd data-up={health.database}>{state(health.database)}</dd>
          <dt className="text-slate-500">{t('redis')}</dt>
          <dd data-up={health.redis}>{state(health.redis)}</dd>
          <dt className="text-slate-500">{t('worker')}</dt>
          <dd data-up={health.worker.alive}>
            {health.worker.alive && health.worker.lastBeatAt
              ? t('workerBeat', {
                  at: format.dateTime(new Date(health.worker.lastBeatAt), { dateStyle: 'short', timeStyle: 'medium' }),
                })
              : t('workerSilent')}
          </dd>
        </dl>
      }
    />
  );
}
