import { getTranslations } from 'next-intl/server';
import type { FileDetail } from '@/lib/cases/queries';
import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { card, heading } from './styles';

/** The file's history, newest first. */
export async function TimelineSection({
  activities,
  locale,
}: {
  activities: FileDetail['activities'];
  locale: Locale;
}) {
  const tr = await getTranslations();
  return (
    <section className={card}>
      <h2 className={heading}>{tr('file.timeline')}</h2>
      {activities.length === 0 ? (
        <p className="text-sm text-slate-500">{tr('file.noActivity')}</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-brand-100 pl-4" data-testid="timeline">
          {activities.map((a) => (
            <li key={a.id} className="text-sm">
              <p className="text-xs text-slate-500">{formatDateTime(a.occurredAt, locale)}</p>
              <p>{a.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
