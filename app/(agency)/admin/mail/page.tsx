import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireActor } from '@/lib/auth/session';
import { listCapturedMail } from '@/lib/outbox/queries';
import { can } from '@/lib/tenancy/permissions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

/** What the local capture SMTP server received for this agency (demo and tests): ADMIN only. */
export default async function CapturedMailPage() {
  const actor = await requireActor();
  if (!can(actor, 'admin.system')) notFound();
  const [t, format, mail] = await Promise.all([getTranslations('outbox'), getFormatter(), listCapturedMail(actor)]);
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('mailTitle')}</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600">{t('mailIntro')}</p>
      <section className={card}>
        {mail.length === 0 ? (
          <p className="text-sm text-slate-600">{t('noMail')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="captured-mail">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4">{t('receivedAt')}</th>
                <th className="py-2 pr-4">{t('to')}</th>
                <th className="py-2 pr-4">{t('subject')}</th>
              </tr>
            </thead>
            <tbody>
              {mail.map((m) => (
                <tr key={m.id} className="border-t border-slate-100 align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">
                    {format.dateTime(m.receivedAt, { dateStyle: 'short', timeStyle: 'medium' })}
                  </td>
                  <td className="py-2 pr-4">{m.recipients}</td>
                  <td className="py-2 pr-4">
                    <details>
                      <summary className="cursor-pointer">{m.subject ?? '—'}</summary>
                      <p className="mt-1 text-xs text-slate-500">
                        {t('messageId')} : {m.messageId ?? '—'}
                      </p>
                      <pre className="mt-2 text-xs whitespace-pre-wrap text-slate-700">{m.textBody ?? ''}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
