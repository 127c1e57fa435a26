import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cell, ROW } from '@/components/table-page';
import type { AuditRow } from '@/lib/privacy/audit-trail';

/** Audit entries as a table: when, who, what kind, the action and its object, the debtor concerned, from where. */
export async function AuditTable({ rows, showDebtor = true }: { rows: AuditRow[]; showDebtor?: boolean }) {
  const [t, tr, format] = await Promise.all([getTranslations('audit'), getTranslations(), getFormatter()]);
  return (
    <table className="w-full text-left text-sm" data-testid="audit-entries">
      <thead className="text-xs text-slate-500 uppercase">
        <tr>
          <th className={cell}>{t('when')}</th>
          <th className={cell}>{t('who')}</th>
          <th className={cell}>{t('kind')}</th>
          <th className={cell}>{t('what')}</th>
          {showDebtor && <th className={cell}>{t('debtor')}</th>}
          <th className={cell}>{t('fromWhere')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={ROW}>
            <td className={`${cell} whitespace-nowrap`}>
              {format.dateTime(r.occurredAt, { dateStyle: 'short', timeStyle: 'medium' })}
            </td>
            <td className={cell}>
              {r.actorName ?? t(r.action.startsWith('debtor.') ? 'theDebtor' : 'nobody')}
              {r.actorRole && (
                <span className="block text-xs text-slate-500">{tr(`accounts.roles.${r.actorRole}`)}</span>
              )}
            </td>
            <td className={cell}>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{t(`kinds.${r.kind}`)}</span>
            </td>
            <td className={cell}>
              <code className="text-xs">{r.action}</code>
              {r.entity === 'case_file' && r.entityId ? (
                <Link href={`/files/${r.entityId}`} className="block text-xs text-brand-700 underline">
                  {t('openFile')}
                </Link>
              ) : (
                <span className="block text-xs text-slate-500">{r.entity}</span>
              )}
            </td>
            {showDebtor && (
              <td className={cell}>
                {r.debtorId ? (
                  <Link href={`/debtors/${r.debtorId}`} className="text-brand-700 underline">
                    {r.debtorName ?? r.debtorId}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            )}
            <td className={`${cell} font-mono text-xs`}>{r.ip ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
