import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { listImports } from '@/lib/imports/queries';
import type { ImportSummary } from '@/lib/imports/process-import';
import { formatDateTime } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { importsHref } from './api';
import { ImportStatusBadge } from './import-status-badge';
import { formatCount } from '@/lib/i18n/format';

type Row = Awaited<ReturnType<typeof listImports>>[number];

export async function ImportsTable({
  imports,
  basePath,
  showCreditor,
}: {
  imports: Row[];
  basePath: string;
  showCreditor: boolean;
}) {
  const [t, locale] = await Promise.all([getTranslations('imports'), getLocale().then(toLocale)]);
  if (imports.length === 0) return <p className="py-8 text-center text-slate-500">{t('recent.empty')}</p>;
  const count = (value: number | undefined) => (value === undefined ? '—' : formatCount(value, locale));
  const th = 'py-2 pr-4 font-medium';
  return (
    <table className="w-full text-sm" data-testid="imports-table">
      <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className={th}>{t('recent.date')}</th>
          <th className={th}>{t('recent.file')}</th>
          {showCreditor && <th className={th}>{t('recent.creditor')}</th>}
          <th className={th}>{t('recent.status')}</th>
          <th className={`${th} text-right`}>{t('recent.rows')}</th>
          <th className={`${th} text-right`}>{t('recent.files')}</th>
          <th className="py-2 text-right font-medium">{t('recent.rejected')}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {imports.map((row) => {
          const counts = row.counts as ImportSummary | null;
          return (
            <tr key={row.id} className="hover:bg-brand-50">
              <td className="py-2 pr-4 whitespace-nowrap text-slate-600">
                {formatDateTime(row.createdAt.toISOString(), locale)}
              </td>
              <td className="py-2 pr-4">
                <Link href={importsHref(basePath, row.id)} className="font-medium text-brand-700 hover:underline">
                  {row.fileName}
                </Link>
                {row.source !== 'UPLOAD' && (
                  <span className="ml-2 text-xs text-slate-500">{t(`recent.sources.${row.source}`)}</span>
                )}
              </td>
              {showCreditor && <td className="py-2 pr-4 text-slate-600">{row.creditor.name}</td>}
              <td className="py-2 pr-4">
                <ImportStatusBadge status={row.status} label={t(`statuses.${row.status}`)} />
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{count(counts?.rows)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{count(counts?.files)}</td>
              <td className={`py-2 text-right tabular-nums ${counts?.rejected ? 'text-rose-700' : ''}`}>
                {count(counts?.rejected)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
