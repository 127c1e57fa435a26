import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import type { FileDetail } from '@/lib/cases/queries';
import { formatDateTime } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { timelineRenderer } from '@/lib/history/render';

/** A file's history in the reader's language: the agency's file page and the creditor portal show the same lines. */
export async function Timeline({ lines }: { lines: FileDetail['activities'] }) {
  const [t, locale, timeZone] = await Promise.all([getTranslations(), getLocale().then(toLocale), getTimeZone()]);
  if (lines.length === 0) return <p className="text-sm text-slate-500">{t('file.noActivity')}</p>;
  const render = timelineRenderer(locale, timeZone);
  return (
    <ol className="space-y-3 border-l-2 border-brand-100 pl-4" data-testid="timeline">
      {lines.map((line) => (
        <li key={line.id} className="text-sm" data-kind={line.kind}>
          <p className="text-xs text-slate-500">{formatDateTime(line.occurredAt, locale, timeZone)}</p>
          <p>{render(line)}</p>
        </li>
      ))}
    </ol>
  );
}
