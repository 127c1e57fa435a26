import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cell, ROW, TablePage } from '@/components/table-page';
import { agentSecondFactorPolicy, listStaff } from '@/lib/accounts/queries';
import { ACCOUNTS_ERRORS, STAFF_OUTCOMES } from '@/lib/accounts/messages';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';
import { endSessionsAction, resetSecondFactorAction, setAgentPolicyAction } from './actions';

const button = 'rounded border border-slate-300 px-2 py-1 text-xs whitespace-nowrap hover:bg-slate-50';

type SearchParams = Promise<{ done?: string; error?: string }>;

/** The agency's people, for its admin: who works here, with which role, and ending their sessions (issue 18). */
export default async function StaffPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'staff.manage')) notFound();
  const [t, format, staff, agentsNeedFactor, { done, error }] = await Promise.all([
    getTranslations('accounts'),
    getFormatter(),
    listStaff(actor),
    agentSecondFactorPolicy(actor),
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
      <div className="mx-auto max-w-7xl px-6 pt-6">
        {banner}
        <form
          action={setAgentPolicyAction}
          className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
          data-testid="agent-policy"
        >
          <p className="grow">
            {t('staff.policyIntro')} <strong>{t(agentsNeedFactor ? 'staff.policyOn' : 'staff.policyOff')}</strong>
          </p>
          <input type="hidden" name="required" value={agentsNeedFactor ? 'false' : 'true'} />
          <button type="submit" className={button}>
            {t(agentsNeedFactor ? 'staff.policyTurnOff' : 'staff.policyTurnOn')}
          </button>
        </form>
      </div>
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
          { label: t('staff.secondFactor') },
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
            <td className={cell}>{t(m.secondFactor ? 'staff.factorOn' : 'staff.factorOff')}</td>
            <td className={`${cell} whitespace-nowrap`}>{format.dateTime(m.createdAt, { dateStyle: 'medium' })}</td>
            <td className={`${cell} space-y-1`}>
              <form action={endSessionsAction}>
                <input type="hidden" name="membershipId" value={m.membershipId} />
                <button type="submit" className={button}>
                  {t('staff.endSessions')}
                </button>
              </form>
              {m.secondFactor && (
                <form action={resetSecondFactorAction}>
                  <input type="hidden" name="membershipId" value={m.membershipId} />
                  <button type="submit" className={button}>
                    {t('staff.resetFactor')}
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      />
    </>
  );
}
