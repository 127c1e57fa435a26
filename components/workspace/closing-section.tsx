import { getLocale, getTranslations } from 'next-intl/server';
import { fileClosings } from '@/lib/closing/queries';
import { reopenReasonsFor, reopenRefusal } from '@/lib/closing/rules';
import type { FileStatus } from '@/lib/db/generated/enums';
import { formatDateTime, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import type { Actor } from '@/lib/tenancy/actor';
import { can } from '@/lib/tenancy/permissions';
import { isClosed } from '@/lib/cases/rules';
import { CloseFileForm } from './close-file-form';
import { DecideClosingForm } from './decide-closing-form';
import { ReopenFileForm } from './reopen-file-form';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';
const link = 'text-sm font-medium text-brand-700 hover:underline';

/**
 * A file's closing, on the agency's file page and the creditor's portal alike: the decisions and reopenings with
 * their reasons, the report and certificate to download, and — for staff — the form that fits where the file stands
 * (close it, decide on a closing waiting, reopen it).
 */
export async function ClosingSection({
  actor,
  file,
}: {
  actor: Actor;
  file: { id: string; status: FileStatus; version?: number; b2b: boolean };
}) {
  const [{ closings, reopenings }, t, locale] = await Promise.all([
    fileClosings(actor, file.id),
    getTranslations('closing'),
    getLocale().then(toLocale),
  ]);
  const staff = can(actor, 'files.work') && file.version !== undefined;
  const closed = isClosed(file.status);
  const pending = closings.find((c) => c.status === 'PENDING');
  const last = closings.find((c) => c.status === 'CLOSED');
  if (!staff && closings.length === 0) return null;
  const history = [
    ...closings.map((c) => ({ at: c.requestedAt, kind: 'closing' as const, c })),
    ...reopenings.map((r) => ({ at: r.reopenedAt, kind: 'reopening' as const, r })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());

  return (
    <section className={card} data-testid="closing-section">
      <h2 className={heading}>{t('title')}</h2>
      {closed && last && (
        <div className="mb-4 space-y-1 text-sm" data-testid="closing-summary">
          <p className="font-medium">{t(`reasons.${last.reason}`)}</p>
          <p className="text-slate-600">
            {t('summary.decided', {
              at: formatDateTime((last.decidedAt ?? last.requestedAt).toISOString(), locale),
              who: last.decidedBy ?? '',
              // A creditor's user does not read staff names: the line then says when only.
              hasWho: last.decidedBy ? 'yes' : 'no',
            })}
          </p>
          {last.owedCents > 0 && last.reason !== 'PAID' && (
            <p className="text-slate-600">
              {t('summary.writtenOff', { amount: formatMoney(last.owedCents, last.currency, locale) })}
            </p>
          )}
          <div className="flex flex-wrap gap-4 pt-1">
            {last.hasReport && (
              <a className={link} href={`/api/files/${file.id}/closing-report`} data-testid="closing-report-link">
                {t('summary.report')}
              </a>
            )}
            {last.hasCertificate && (
              <a
                className={link}
                href={`/api/files/${file.id}/closing-certificate`}
                data-testid="closing-certificate-link"
              >
                {t('summary.certificate')}
              </a>
            )}
            {last.evidenceName && (
              <a className={link} href={`/api/files/${file.id}/closing-evidence`}>
                {t('summary.evidence', { name: last.evidenceName })}
              </a>
            )}
          </div>
        </div>
      )}
      {staff && pending && (
        <div className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="closing-pending">
          <p className="font-medium">
            {t('pending.title', {
              reason: t(`reasons.${pending.reason}`),
              amount: formatMoney(pending.owedCents, pending.currency, locale),
            })}
          </p>
          <p className="text-slate-700">
            {t('pending.by', {
              who: pending.requestedBy ?? '—',
              at: formatDateTime(pending.requestedAt.toISOString(), locale),
            })}
          </p>
          {pending.note && <p className="text-slate-700">{pending.note}</p>}
          {can(actor, 'closings.approve') ? (
            <div className="mt-2">
              <DecideClosingForm closingId={pending.id} />
            </div>
          ) : (
            <p className="mt-1 text-slate-600">{t('pending.waiting')}</p>
          )}
        </div>
      )}
      {staff && !closed && !pending && <CloseFileForm fileId={file.id} version={file.version!} b2b={file.b2b} />}
      {staff && closed && reopenRefusal(file.status) === null && reopenReasonsFor(last?.reason ?? null).length > 0 && (
        <ReopenFileForm fileId={file.id} version={file.version!} reasons={reopenReasonsFor(last?.reason ?? null)} />
      )}
      {history.length > 0 && (
        <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="closing-history">
          {history.map((h) =>
            h.kind === 'closing' ? (
              <li key={h.c.id} className="py-1.5">
                <span className="text-slate-500">{formatDateTime(h.at.toISOString(), locale)}</span> ·{' '}
                {t('history.closing', { reason: t(`reasons.${h.c.reason}`), status: h.c.status })}
                {h.c.decisionNote ? ` — ${h.c.decisionNote}` : ''}
              </li>
            ) : (
              <li key={h.r.id} className="py-1.5">
                <span className="text-slate-500">{formatDateTime(h.at.toISOString(), locale)}</span> ·{' '}
                {t('history.reopened', { reason: t(`reopenReasons.${h.r.reason}`), who: h.r.reopenedBy ?? '—' })} —{' '}
                {h.r.note}
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
