import { getTranslations } from 'next-intl/server';
import type { FileDetail } from '@/lib/cases/queries';
import { Timeline } from '../../files/timeline';
import { card, heading } from './styles';

/** The file's history, newest first, in the reader's language (the same lines as the creditor portal's). */
export async function TimelineSection({ activities }: { activities: FileDetail['activities'] }) {
  const tr = await getTranslations();
  return (
    <section className={card}>
      <h2 className={heading}>{tr('file.timeline')}</h2>
      <Timeline lines={activities} />
    </section>
  );
}
