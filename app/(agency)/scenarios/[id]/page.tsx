import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ArchiveForm } from '@/components/scenarios/archive-form';
import { stateFromStored } from '@/components/scenarios/editor-model';
import { ScenarioEditor } from '@/components/scenarios/scenario-editor';
import { card } from '@/components/scenarios/ui';
import { requireActor } from '@/lib/auth/session';
import { listCreditorOptions } from '@/lib/cases/queries';
import { AppError } from '@/lib/errors/app-error';
import { formatDateTime } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { getScenarioVersion } from '@/lib/scenario-design/queries';
import { can } from '@/lib/tenancy/permissions';
import { archiveScenarioAction, publishVersionAction, saveDraftAction } from '../actions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const SAVED = ['created', 'draft', 'published'] as const;

export default async function ScenarioPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'scenarios.manage')) notFound();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const version = typeof query.version === 'string' ? query.version : undefined;
  const [t, locale, creditors] = await Promise.all([
    getTranslations('scenarios'),
    getLocale().then(toLocale),
    listCreditorOptions({ actor }),
  ]);
  // A malformed id or version, or another agency's scenario, is a plain 404.
  const detail = await getScenarioVersion({ actor, scenarioId: id, version }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  });
  const { scenario, versions, version: shown, editable } = detail;
  const latest = versions[0]!;
  const saved = SAVED.find((s) => s === query.saved);
  const when = (iso: string) => formatDateTime(iso, locale, detail.calendar.timeZone);

  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-8">
      <Link href="/scenarios" className="text-sm text-brand-700 hover:underline">
        ← {t('back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{scenario.name}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700" data-testid="version-badge">
          {shown.publishedAt
            ? t('versions.published', { version: shown.version })
            : t('versions.draft', { version: shown.version })}
        </span>
        {scenario.archivedAt && (
          <span className="rounded bg-amber-50 px-2 py-0.5 text-sm text-amber-800">{t('list.archived')}</span>
        )}
      </div>

      {saved && (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t(`saved.${saved}`, { version: shown.version })}
        </p>
      )}

      <nav aria-label={t('versions.nav')} className="flex flex-wrap gap-2 text-sm" data-testid="version-nav">
        {versions.map((v) => (
          <Link
            key={v.id}
            href={`/scenarios/${scenario.id}?version=${v.version}`}
            aria-current={v.id === shown.id ? 'page' : undefined}
            className={`rounded border px-2 py-1 ${
              v.id === shown.id
                ? 'border-brand-700 bg-brand-50 text-brand-800'
                : 'border-slate-200 bg-white text-slate-700 hover:border-brand-600'
            }`}
          >
            {v.publishedAt
              ? t('versions.item', { version: v.version, date: when(v.publishedAt), count: v.runningFiles })
              : t('versions.draftItem', { version: v.version })}
          </Link>
        ))}
      </nav>

      <p className="max-w-4xl text-sm text-slate-600" data-testid="version-state">
        {scenario.archivedAt
          ? t('state.archived')
          : !editable
            ? t('state.older', { version: shown.version, latest: latest.version })
            : shown.publishedAt
              ? t('state.published', { version: shown.version, next: shown.version + 1, count: shown.runningFiles })
              : t('state.draft', { version: shown.version })}
      </p>

      <ScenarioEditor
        key={`${shown.id}:${shown.revision}`}
        scenarioId={scenario.id}
        versionId={shown.id}
        revision={shown.revision}
        version={shown.version}
        published={shown.publishedAt !== null}
        nextVersion={latest.version + 1}
        readOnly={!editable}
        initial={stateFromStored(scenario, shown, locale)}
        creditors={creditors}
        calendar={detail.calendar}
        today={detail.today}
        saveAction={saveDraftAction}
        publishAction={publishVersionAction}
      />

      {!scenario.archivedAt && (
        <section className={card}>
          <ArchiveForm
            scenarioId={scenario.id}
            runningFiles={versions.reduce((n, v) => n + v.runningFiles, 0)}
            action={archiveScenarioAction}
          />
        </section>
      )}
    </main>
  );
}
