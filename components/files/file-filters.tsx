import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { FilePhase, FileStatus } from '@/lib/db/generated/enums';
import { FILE_SORTS } from '@/lib/cases/schemas';

interface Props {
  basePath: string;
  values: Record<string, string>;
  creditors: { id: string; name: string }[];
}

const field = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

export async function FileFilters({ basePath, values, creditors }: Props) {
  const t = await getTranslations();
  return (
    <form method="get" action={basePath} role="search" className="flex flex-wrap items-end gap-3">
      <label className="flex min-w-72 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
        {t('files.search')}
        <input
          type="search"
          name="q"
          defaultValue={values.q ?? ''}
          placeholder={t('files.searchPlaceholder')}
          className={field}
          maxLength={100}
        />
      </label>
      {creditors.length > 1 && (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t('files.creditor')}
          <select name="creditor" defaultValue={values.creditor ?? ''} className={field}>
            <option value="">{t('files.all')}</option>
            {creditors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t('files.phase')}
        <select name="phase" defaultValue={values.phase ?? ''} className={field}>
          <option value="">{t('files.all')}</option>
          {Object.values(FilePhase).map((p) => (
            <option key={p} value={p}>
              {t(`phase.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t('files.status')}
        <select name="status" defaultValue={values.status ?? ''} className={field}>
          <option value="">{t('files.all')}</option>
          {Object.values(FileStatus).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t('files.sort')}
        <select name="sort" defaultValue={values.sort ?? 'recent'} className={field}>
          {FILE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`files.sorts.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-600">
        {t('files.apply')}
      </button>
      <Link href={basePath} className="py-1.5 text-sm text-slate-600 underline">
        {t('files.reset')}
      </Link>
    </form>
  );
}
