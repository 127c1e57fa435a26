import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AuditTable } from '@/components/audit/audit-table';
import { cell, ROW } from '@/components/table-page';
import { AppError } from '@/lib/errors/app-error';
import { currentIp } from '@/lib/net/client-ip';
import { debtorRecord } from '@/lib/privacy/debtor-record';
import type { Actor } from '@/lib/tenancy/actor';

const card = 'mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-lg font-semibold';

async function load(actor: Actor, id: string) {
  try {
    return await debtorRecord({ actor, id, ip: await currentIp() });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  }
}

/** A debtor as a data subject: what the agency holds on them and who looked at it (issue 18). */
export async function DebtorRecordPage({ actor, id }: { actor: Actor; id: string }) {
  const [record, t, tr, format] = await Promise.all([
    load(actor, id),
    getTranslations('privacy'),
    getTranslations(),
    getFormatter(),
  ]);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight" data-testid="debtor-name">
        {record.displayName}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {tr(record.kind === 'COMPANY' ? 'file.company' : 'file.person')}
        {record.siren ? ` · ${tr('file.siren')} ${record.siren}` : ''} ·{' '}
        {t('heldSince', { day: format.dateTime(record.createdAt, { dateStyle: 'long' }) })}
      </p>
      <section className={card}>
        <h2 className={heading}>{t('files')}</h2>
        <table className="w-full text-left text-sm">
          <tbody>
            {record.files.map((f) => (
              <tr key={f.id} className={ROW}>
                <td className={cell}>
                  <Link href={`/files/${f.id}`} className="text-brand-700 underline">
                    {f.reference}
                  </Link>
                </td>
                <td className={cell}>{f.creditorName}</td>
                <td className={cell}>{tr(`status.${f.status}`)}</td>
                <td className={cell}>{format.dateTime(f.placedAt, { dateStyle: 'short' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className={card} data-testid="debtor-rights">
        <h2 className={heading}>{t('rights')}</h2>
        <p className="mb-3 text-sm text-slate-600">{t('exportIntro')}</p>
        <div className="flex gap-3 text-sm">
          <a
            href={`/api/debtors/${record.id}/export?format=pdf`}
            className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-600"
          >
            {t('exportPdf')}
          </a>
          <a
            href={`/api/debtors/${record.id}/export?format=json`}
            className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
          >
            {t('exportJson')}
          </a>
        </div>
      </section>
      <section className={card} data-testid="debtor-erasure">
        <h2 className={heading}>{t('erasure.title')}</h2>
        {record.erasure.length === 0 ? (
          <p className="text-sm text-emerald-800">{t('erasure.allowed')}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700">{t('erasure.refused')}</p>
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
              {record.erasure.map((bar) => (
                <li key={`${bar.kind}-${'reference' in bar ? bar.reference : ''}`} data-kind={bar.kind}>
                  {bar.kind === 'OPEN_FILE'
                    ? t('erasure.OPEN_FILE', { reference: bar.reference })
                    : bar.kind === 'LIMITATION'
                      ? t('erasure.LIMITATION', {
                          reference: bar.reference,
                          day: format.dateTime(new Date(`${bar.until}T12:00:00Z`), { dateStyle: 'long' }),
                        })
                      : t('erasure.ACCOUNTING', {
                          day: format.dateTime(new Date(`${bar.until}T12:00:00Z`), { dateStyle: 'long' }),
                        })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className={card} data-testid="debtor-readers">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">{t('readers')}</h2>
          <Link href={`/audit?debtor=${record.id}`} className="text-sm text-brand-700 underline">
            {t('fullTrail')}
          </Link>
        </div>
        <p className="mb-3 text-sm text-slate-600">{t('readersIntro')}</p>
        {record.readers.length === 0 ? (
          <p className="text-sm text-slate-600">{t('noReaders')}</p>
        ) : (
          <AuditTable rows={record.readers} showDebtor={false} />
        )}
      </section>
    </main>
  );
}
