import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FileListItem } from '@/lib/cases/queries';
import { daysPastDue } from '@/lib/cases/rules';
import { formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { StatusBadge } from '../status-badge';

export async function FilesTable({ items, basePath }: { items: FileListItem[]; basePath: string }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale().then(toLocale)]);
  const today = new Date();
  if (items.length === 0) return <p className="py-12 text-center text-slate-500">{t('files.empty')}</p>;
  return (
    <table className="w-full text-sm">
      <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className="py-2 pr-4 font-medium">{t('files.reference')}</th>
          <th className="py-2 pr-4 font-medium">{t('files.debtor')}</th>
          <th className="py-2 pr-4 font-medium">{t('files.creditor')}</th>
          <th className="py-2 pr-4 font-medium">{t('files.status')}</th>
          <th className="py-2 pr-4 text-right font-medium">{t('files.amount')}</th>
          <th className="py-2 text-right font-medium">{t('files.age')}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((f) => (
          <tr key={f.id} className="hover:bg-brand-50">
            <td className="py-2 pr-4 font-mono text-xs">
              <Link href={`${basePath}/files/${f.id}`} className="text-brand-700 hover:underline">
                {f.reference}
              </Link>
            </td>
            <td className="py-2 pr-4">
              <Link href={`${basePath}/files/${f.id}`} className="font-medium hover:underline">
                {f.debtorName}
              </Link>
            </td>
            <td className="py-2 pr-4 text-slate-600">{f.creditorName}</td>
            <td className="py-2 pr-4">
              <StatusBadge status={f.status} label={t(`status.${f.status}`)} />
              <span className="ml-2 text-xs text-slate-500">{t(`phase.${f.phase}`)}</span>
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(f.principalCents, f.currency, locale)}</td>
            <td className="py-2 text-right text-slate-600 tabular-nums">
              {t('files.days', { count: daysPastDue(f.oldestDueOn ? new Date(f.oldestDueOn) : null, today) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
