import { getTranslations } from 'next-intl/server';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { FileInsolvency } from '@/lib/insolvency/queries';
import { DecideDeclarationForm, DividendForm, FileDeclarationForm, LinkedDeclarationForm } from '../declaration-forms';
import { card, heading } from './styles';

const DEADLINE_TONE: Record<FileInsolvency['deadlineState'], string> = {
  FILED: 'text-slate-700',
  UNKNOWN: 'text-amber-800',
  OPEN: 'text-slate-700',
  ALERT: 'font-medium text-amber-800',
  LAPSED: 'font-semibold text-red-700',
};

/**
 * The debtor's collective proceedings on the file: the mandataire, the declaration deadline (red once lapsed and
 * nothing filed), the declaration letter, its outcome and the dividends; forms for an agent who works the file.
 */
export async function InsolvencySection({
  fileId,
  insolvency,
  currency,
  today,
  locale,
  work,
}: {
  fileId: string;
  insolvency: FileInsolvency;
  currency: string;
  today: string;
  locale: Locale;
  /** The version the page was read at, for an agent who may record; absent for a reader. */
  work?: { version: number };
}) {
  const [t, tr] = await Promise.all([getTranslations('workspace.insolvency'), getTranslations()]);
  const { opening, deadline, extended, deadlineState, declaration: d } = insolvency;
  const money = (cents: number) => formatMoney(cents, currency, locale);
  const admitted = d && (d.status === 'ADMITTED' || d.status === 'PART_ADMITTED');
  const decided = d && d.status !== 'FILED' && d.status !== 'CONTESTED';
  const form = work && { fileId, version: work.version, today };
  return (
    <section className={card} data-testid="insolvency-section">
      <h2 className={heading}>{t('title')}</h2>
      <p className="text-sm">
        <span className="font-medium">{tr(`workspace.eventKinds.${opening.kind}`)}</span>{' '}
        {t('openedOn', { on: formatDay(opening.occurredOn, locale) })}
        {opening.publishedOn && <> · {t('publishedOn', { on: formatDay(opening.publishedOn, locale) })}</>}
      </p>
      <p className="mt-1 text-sm" data-testid="insolvency-court-seat" data-seat={opening.courtSeat}>
        {t('courtSeat', { seat: tr(`insolvency.courtSeat.${opening.courtSeat}`) })}
        {extended && <> · {t('extended')}</>}
      </p>
      <p className="mt-1 text-sm" data-testid="insolvency-administrator">
        {opening.administrator
          ? t('administrator', {
              name: opening.administrator.name,
              address: `${opening.administrator.street}, ${opening.administrator.postcode} ${opening.administrator.city}`,
            })
          : t('administratorUnknown')}
      </p>
      <p
        className={`mt-2 text-sm ${DEADLINE_TONE[deadlineState]}`}
        data-testid="declaration-deadline"
        data-state={deadlineState}
      >
        {deadline ? t(`deadline.${deadlineState}`, { on: formatDay(deadline, locale) }) : t('deadline.UNKNOWN')}
      </p>
      {d && (
        <dl className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm" data-testid="declaration-status">
          <div>
            <dt className="inline text-slate-500">{t('filed')} : </dt>
            <dd className="inline">
              {t('filedLine', {
                on: formatDay(d.filedOn, locale),
                amount: money(d.declaredCents),
                security: tr(`insolvency.security.${d.security}`),
              })}
            </dd>
          </div>
          {d.files.length > 1 && (
            <div data-testid="declaration-files">
              {t('commonDeclaration', {
                references: d.files.map((f) => f.reference).join(', '),
                amount: money(d.fileDeclaredCents),
              })}
            </div>
          )}
          <div>
            <dt className="inline text-slate-500">{t('outcome')} : </dt>
            <dd className="inline" data-status={d.status}>
              {t(`status.${d.status}`)}
              {d.admittedCents !== null && <> — {money(d.admittedCents)}</>}
              {d.decidedOn && <> ({formatDay(d.decidedOn, locale)})</>}
            </dd>
          </div>
          {d.linked.map((l) => (
            <div key={l.id} data-testid="declaration-linked" data-kind={l.kind}>
              {t('linkedLine', {
                kind: tr(`insolvency.declarationKind.${l.kind}`),
                on: formatDay(l.filedOn, locale),
                amount: money(l.declaredCents),
                relief: l.reliefOn ? formatDay(l.reliefOn, locale) : '',
                hasRelief: l.reliefOn ? 'yes' : 'no',
              })}
            </div>
          ))}
          {admitted && (
            <div>
              <dt className="inline text-slate-500">{t('dividends')} : </dt>
              <dd className="inline" data-testid="declaration-dividends">
                {money(d.dividendsCents)}
              </dd>
            </div>
          )}
        </dl>
      )}
      <p className="mt-3 text-sm">
        <a
          className="text-sky-700 underline"
          href={`/api/files/${fileId}/claim-declaration`}
          data-testid="claim-declaration-link"
        >
          {t('letter')}
        </a>
      </p>
      {form && !d && (
        <details className="mt-3 rounded border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('fileTitle')}</summary>
          <FileDeclarationForm {...form} />
        </details>
      )}
      {form && d && !decided && (
        <details className="mt-3 rounded border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('decideTitle')}</summary>
          <DecideDeclarationForm {...form} />
        </details>
      )}
      {form && d && (
        <details className="mt-3 rounded border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('linkedTitle')}</summary>
          <LinkedDeclarationForm {...form} />
        </details>
      )}
      {form && admitted && (
        <details className="mt-3 rounded border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('dividendTitle')}</summary>
          <DividendForm {...form} />
        </details>
      )}
    </section>
  );
}
