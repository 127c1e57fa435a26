import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cell, ROW, TablePage } from '@/components/table-page';
import { requireActor } from '@/lib/auth/session';
import { listCapturedMail } from '@/lib/outbox/queries';
import { can } from '@/lib/tenancy/permissions';

/** What the local capture SMTP server received for this agency (demo and tests): ADMIN only. */
export default async function CapturedMailPage() {
  const actor = await requireActor();
  if (!can(actor, 'admin.system')) notFound();
  const [t, format, mail] = await Promise.all([getTranslations('outbox'), getFormatter(), listCapturedMail(actor)]);
  return (
    <TablePage
      title={t('mailTitle')}
      intro={t('mailIntro')}
      empty={t('noMail')}
      testId="captured-mail"
      columns={[{ label: t('receivedAt') }, { label: t('to') }, { label: t('subject') }]}
      rows={mail.map((m) => (
        <tr key={m.id} className={ROW}>
          <td className={`${cell} whitespace-nowrap`}>
            {format.dateTime(m.receivedAt, { dateStyle: 'short', timeStyle: 'medium' })}
          </td>
          <td className={cell}>{m.recipients}</td>
          <td className={cell}>
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
    />
  );
}
