import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { FileWorkspace } from '@/lib/activity/queries';
import type { FileDetail } from '@/lib/cases/queries';
import { formatDay } from '@/lib/i18n/format';
import { describeIssues } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/i18n/locales';
import { DebtorLinkButton } from '../debtor-link-button';
import { card, heading } from './styles';

/** The debtor (identity, contact points, what the agent learnt, company events) and the creditor. */
export async function PartiesSection({
  file,
  workspace,
  locale,
  canGiveLink,
  canSeeRecord = false,
}: {
  file: FileDetail;
  workspace: FileWorkspace;
  locale: Locale;
  /** Staff who work the file, on an open file: the debtor's page link. */
  canGiveLink: boolean;
  /** Managers: the debtor's record as a data subject (who looked at it, their rights). */
  canSeeRecord?: boolean;
}) {
  const [t, tr] = await Promise.all([getTranslations('workspace'), getTranslations()]);
  const info = workspace.info;
  const facts = info
    ? [
        info.nonPaymentReason && { key: 'nonPaymentReason', value: t(`reasons.${info.nonPaymentReason}`) },
        info.solvency && { key: 'solvency', value: t(`solvency.${info.solvency}`) },
        info.employer && { key: 'employer', value: info.employer },
        info.bank && { key: 'bank', value: info.bank },
      ].filter((f): f is { key: string; value: string } => Boolean(f))
    : null;
  return (
    <section className={card}>
      <h2 className={heading}>{tr('file.debtor')}</h2>
      <p className="font-medium">{file.debtor.displayName}</p>
      {canSeeRecord && (
        <Link
          href={`/debtors/${file.debtor.id}`}
          className="text-xs text-brand-700 underline"
          data-testid="debtor-record"
        >
          {tr('privacy.recordLink')}
        </Link>
      )}
      <p className="text-sm text-slate-600">
        {tr(file.debtor.kind === 'COMPANY' ? 'file.company' : 'file.person')}
        {file.debtor.siren ? ` · ${tr('file.siren')} ${file.debtor.siren}` : ''}
      </p>
      <ul className="mt-3 space-y-1 text-sm">
        {workspace.contactPoints.map((c) => (
          <li key={c.id} className="flex gap-2">
            <span className="w-24 shrink-0 pt-0.5 text-xs text-slate-500 uppercase">{tr(`contactKind.${c.kind}`)}</span>
            <span className={c.status === 'VALID' || c.status === 'UNVERIFIED' ? '' : 'text-slate-400 line-through'}>
              {c.value}
            </span>
          </li>
        ))}
      </ul>
      {canGiveLink && <DebtorLinkButton fileId={file.id} />}
      {file.importWarnings.length > 0 && (
        <div className="mt-3 rounded border border-amber-200 bg-amber-50 p-2 text-sm" data-testid="import-warnings">
          <p className="font-medium text-amber-900">{t('importWarnings')}</p>
          <ul className="mt-1 space-y-0.5 text-amber-900">
            {file.importWarnings.map((w) => (
              <li key={`${w.importId}-${w.rowNumber}`}>{describeIssues(w.issues, locale)}</li>
            ))}
          </ul>
        </div>
      )}
      {facts && (
        <dl className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm">
          {facts.map((f) => (
            <div key={f.key}>
              <dt className="inline text-slate-500">{t(`info.${f.key}`)} : </dt>
              <dd className="inline">{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {workspace.companyEvents.length > 0 && (
        <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm">
          {workspace.companyEvents.map((e) => (
            <li key={e.id}>
              <span className="font-medium">{t(`eventKinds.${e.kind}`)}</span>{' '}
              <span className="text-slate-500">{formatDay(e.occurredOn, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2 className={`${heading} mt-5`}>{tr('file.creditor')}</h2>
      <p className="font-medium">{file.creditor.name}</p>
      <p className="font-mono text-xs text-slate-500">{file.creditor.code}</p>
    </section>
  );
}
