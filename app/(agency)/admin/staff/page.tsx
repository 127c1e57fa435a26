import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cell, ROW, TablePage } from '@/components/table-page';
import { listStaff } from '@/lib/accounts/queries';
import { ACCOUNTS_ERRORS, STAFF_OUTCOMES } from '@/lib/accounts/messages';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';
import { endSessionsAction } from './actions';

type SearchParams = Promise<{ done?: string; error?: string }>;

/** The agency's people, for its admin: who works here, with which role, and ending their sessions (issue 18). */
export default async function StaffPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'staff.manage')) notFound();
  const [t, format, staff, { done, error }] = await Promise.all([
    getTranslations('accounts'),
    getFormatter(),
    listStaff(actor),
    searchParams,
  ]);
  const banner =
    error && error in ACCOUNTS_ERRORS ? (
      <p role="alert" className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
        {t(`errors.${error as keyof typeof ACCOUNTS_ERRORS}`)}
      </p>
    ) : done && done in STAFF_OUTCOMES ? (
      <p role="status" className="mb-4 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {t(`staff.done.${done as keyof typeof STAFF_OUTCOMES}`)}
      </p>
    ) : null;
  return (
    <>
      <div className="mx-auto max-w-7xl px-6 pt-6">{banner}</div>
      <TablePage
        title={t('staff.title')}
        intro={t('staff.intro')}
        empty={t('staff.empty')}
        testId="staff"
        columns={[
          { label: t('staff.name') },
          { label: t('staff.email') },
          { label: t('staff.role') },
          { label: t('staff.state') },
          { label: t('staff.since') },
          { label: t('staff.actions') },
        ]}
        rows={staff.map((m) => (
          <tr key={m.membershipId} className={ROW} data-member={m.email}>
            <td className={cell}>{m.name}</td>
            <td className={cell}>{m.email}</td>
            <td className={cell}>
              {t(`roles.${m.role}`)}
              {m.creditorName && <span className="block text-xs text-slate-500">{m.creditorName}</span>}
            </td>
            <td className={cell}>{t(m.active ? 'staff.active' : 'staff.inactive')}</td>
            <td className={`${cell} whitespace-nowrap`}>{format.dateTime(m.createdAt, { dateStyle: 'medium' })}</td>
            <td className={cell}>
              <form action={endSessionsAction}>
                <input type="hidden" name="membershipId" value={m.membershipId} />
                <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
                  {t('staff.endSessions')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      />
    </>
  );
}
