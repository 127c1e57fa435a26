import { getTranslations } from 'next-intl/server';
import type { JournalEntryView } from '@/lib/accounting/queries';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';

/** Journal entries with their lines: debits and credits in two columns, as an accountant reads them. */
export async function JournalTable({
  entries,
  currency,
  locale,
  showFile,
}: {
  entries: JournalEntryView[];
  currency: string;
  locale: Locale;
  showFile: boolean;
}) {
  const t = await getTranslations('ledger');
  const money = (cents: number) => formatMoney(cents, currency, locale);
  if (entries.length === 0) return <p className="text-sm text-slate-500">{t('noEntries')}</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="journal">
      <thead className="text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-2 pr-3">{t('entry')}</th>
          <th className="py-2 pr-3">{t('account')}</th>
          <th className="py-2 pr-3 text-right">{t('debit')}</th>
          <th className="py-2 text-right">{t('credit')}</th>
        </tr>
      </thead>
      {entries.map((e) => (
        <tbody key={e.id} className="border-t border-slate-200" data-testid="journal-entry">
          {e.lines.map((l, i) => (
            <tr key={i} className="align-top">
              <td className="py-1 pr-3">
                {i === 0 && (
                  <>
                    <span className="font-medium">{t(`kinds.${e.kind}`)}</span>
                    <span className="block text-xs text-slate-500">
                      {formatDay(e.effectiveOn, locale)} · n° {e.seq}
                      {showFile && e.fileId && e.fileReference ? (
                        <>
                          {' · '}
                          <a href={`/finance?fileId=${e.fileId}`} className="text-brand-700 hover:underline">
                            {e.fileReference}
                          </a>
                        </>
                      ) : null}
                      {showFile && e.creditorName ? ` · ${e.creditorName}` : null}
                    </span>
                  </>
                )}
              </td>
              <td className="py-1 pr-3">{t(`accounts.${l.account}`)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{l.amountCents > 0 ? money(l.amountCents) : ''}</td>
              <td className="py-1 text-right tabular-nums">{l.amountCents < 0 ? money(-l.amountCents) : ''}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
