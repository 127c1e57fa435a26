import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

interface Props {
  basePath: string;
  values: Record<string, string>;
  page: number;
  pageSize: number;
  total: number;
}

export async function Pagination({ basePath, values, page, pageSize, total }: Props) {
  const t = await getTranslations('files');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...values, page: String(p) })}`;
  const link = 'rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50';
  return (
    <nav className="flex items-center justify-between pt-4 text-sm text-slate-600" aria-label="pagination">
      <span>{t('pageOf', { page, pages })}</span>
      <div className="flex gap-2">
        {page > 1 && (
          <Link href={href(page - 1)} className={link} rel="prev">
            {t('previous')}
          </Link>
        )}
        {page < pages && (
          <Link href={href(page + 1)} className={link} rel="next">
            {t('next')}
          </Link>
        )}
      </div>
    </nav>
  );
}
