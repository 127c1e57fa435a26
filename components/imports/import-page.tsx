import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppError } from '@/lib/errors/app-error';
import { formatDateTime } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { getImportSample } from '@/lib/imports/get-import-sample';
import { getImport } from '@/lib/imports/queries';
import { INTAKE_FIELDS, REQUIRED_FIELDS } from '@/lib/imports/schemas';
import type { Actor } from '@/lib/tenancy/actor';
import { importsHref } from './api';
import { ImportWorkspace } from './import-workspace';

/** A malformed id, or another agency's or creditor's import, is a plain 404. */
function notFoundOn(error: unknown): never {
  if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
  throw error;
}

export async function ImportPage({ actor, id, basePath }: { actor: Actor; id: string; basePath: string }) {
  const view = await getImport({ actor, importId: id }).catch(notFoundOn);
  const [t, locale] = await Promise.all([getTranslations('imports'), getLocale().then(toLocale)]);
  // The columns can be (re)mapped until the import is confirmed; a file that no longer reads has no sample.
  const sample =
    view.status === 'UPLOADED' || view.status === 'PREVIEWED'
      ? await getImportSample({ actor, importId: view.id }).catch((error: unknown) => {
          if (error instanceof AppError) return null;
          throw error;
        })
      : null;
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <Link href={importsHref(basePath)} className="text-sm text-brand-700 hover:underline">
        ← {t('page.back')}
      </Link>
      <div className="mt-3 mb-6">
        <h1 className="text-2xl font-semibold tracking-tight break-all">
          {t('page.title', { fileName: view.fileName })}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {t('page.meta', { creditor: view.creditorName, date: formatDateTime(view.createdAt, locale) })}
        </p>
      </div>
      <ImportWorkspace
        initial={view}
        basePath={basePath}
        fields={INTAKE_FIELDS}
        required={REQUIRED_FIELDS}
        sample={sample}
      />
    </main>
  );
}
