import { getTranslations } from 'next-intl/server';
import { formatDay } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { FileRegisteredLetter } from '@/lib/registered-mail/file-letters';
import { RegisteredLetterForm } from '../registered-letter-form';
import { card, heading } from './styles';

/** The file's registered letters: tracking, dates and outcome, each with its form to record the post's answer. */
export async function RegisteredLettersSection({
  fileId,
  letters,
  locale,
}: {
  fileId: string;
  letters: FileRegisteredLetter[];
  locale: Locale;
}) {
  if (letters.length === 0) return null;
  const t = await getTranslations('workspace');
  return (
    <section className={card} data-testid="registered-letters">
      <h2 className={heading}>{t('registeredMail.title')}</h2>
      <ul className="divide-y divide-slate-100">
        {letters.map((l) => (
          <li key={l.id} className="py-2" data-testid="registered-letter">
            <p className="flex flex-wrap items-baseline gap-x-3 text-sm">
              <span className="font-mono text-xs font-medium">{l.reference}</span>
              <span className="text-xs text-slate-500">
                {t(`registeredMail.kinds.${l.kind}`)} ·{' '}
                {t('registeredMail.producedOn', { date: formatDay(l.producedOn, locale) })}
              </span>
            </p>
            <dl className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-xs text-slate-500">{t('registeredMail.trackingNumber')}</dt>
                <dd className="font-mono text-xs" data-testid="letter-tracking">
                  {l.trackingNumber ?? '—'}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t('registeredMail.sentOn')}</dt>
                <dd>{l.sentOn ? formatDay(l.sentOn, locale) : '—'}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t('registeredMail.acknowledgedOn')}</dt>
                <dd>{l.acknowledgedOn ? formatDay(l.acknowledgedOn, locale) : '—'}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t('registeredMail.outcome')}</dt>
                <dd className={l.deliveryOutcome === 'UNKNOWN_ADDRESS' ? 'text-rose-700' : ''}>
                  {t(`registeredMail.outcomes.${l.deliveryOutcome ?? 'none'}`)}
                </dd>
              </div>
            </dl>
            <RegisteredLetterForm fileId={fileId} letter={l} />
          </li>
        ))}
      </ul>
    </section>
  );
}
