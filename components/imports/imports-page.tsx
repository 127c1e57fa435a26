import { getTranslations } from 'next-intl/server';
import { listCreditorOptions } from '@/lib/cases/queries';
import { listImports } from '@/lib/imports/queries';
import type { Actor } from '@/lib/tenancy/actor';
import { can } from '@/lib/tenancy/permissions';
import { ImportsTable } from './imports-table';
import { UploadForm } from './upload-form';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

/** The upload form and the recent imports, shared by the agency side and the creditor portal. */
export async function ImportsPage({ actor, basePath }: { actor: Actor; basePath: string }) {
  const [t, creditors, imports] = await Promise.all([
    getTranslations('imports'),
    listCreditorOptions({ actor }),
    listImports({ actor }),
  ]);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      {can(actor, 'imports.create') && (
        <section className={card} aria-labelledby="upload-title">
          <h2 id="upload-title" className={heading}>
            {t('upload.title')}
          </h2>
          <UploadForm creditors={creditors.map(({ id, name }) => ({ id, name }))} basePath={basePath} />
        </section>
      )}
      <section className={`${card} mt-4`} aria-labelledby="recent-title">
        <h2 id="recent-title" className={heading}>
          {t('recent.title')}
        </h2>
        <ImportsTable imports={imports} basePath={basePath} showCreditor={creditors.length > 1} />
      </section>
    </main>
  );
}
