import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cell, ROW, TablePage } from '@/components/table-page';
import { InviteMemberForm } from '@/components/accounts/invite-member-form';
import { agentSecondFactorPolicy, creditorChoices, listStaff } from '@/lib/accounts/queries';
import { ACCOUNTS_ERRORS, STAFF_OUTCOMES } from '@/lib/accounts/messages';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';
import {
  changeRoleAction,
  endSessionsAction,
  resetSecondFactorAction,
  setActiveAction,
  setAgentPolicyAction,
} from './actions';

const ROLES = ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'] as const;
const small = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-xs';

const button = 'rounded border border-slate-300 px-2 py-1 text-xs whitespace-nowrap hover:bg-slate-50';

type SearchParams = Promise<{ done?: string; error?: string }>;

/** The agency's people, for its admin: who works here, with which role, and ending their sessions (issue 18). */
export default async function StaffPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'staff.manage')) notFound();
  const [t, format, staff, agentsNeedFactor, creditors, { done, error }] = await Promise.all([
    getTranslations('accounts'),
    getFormatter(),
    listStaff(actor),
    agentSecondFactorPolicy(actor),
    creditorChoices(actor),
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
      {banner && <div className="mx-auto max-w-7xl px-6 pt-6">{banner}</div>}
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
        after={
          <>
            <form
              action={setAgentPolicyAction}
              className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
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
            <section
              className="mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              aria-labelledby="invite-heading"
            >
              <h2 id="invite-heading" className="mb-1 text-lg font-semibold">
                {t('invite.title')}
              </h2>
              <p className="mb-3 text-sm text-slate-600">{t('invite.intro')}</p>
              <InviteMemberForm creditors={creditors} />
            </section>
          </>
        }
        rows={staff.map((m) => (
          <tr key={m.membershipId} className={ROW} data-member={m.email}>
            <td className={cell}>{m.name}</td>
            <td className={cell}>{m.email}</td>
            <td className={cell}>
              {t(`roles.${m.role}`)}
              {m.creditorName && <span className="block text-xs text-slate-500">{m.creditorName}</span>}
              {m.membershipId !== actor.membershipId && (
                <form action={changeRoleAction} className="mt-1 flex flex-wrap items-center gap-1">
                  <input type="hidden" name="membershipId" value={m.membershipId} />
                  <select name="role" defaultValue={m.role} aria-label={t('staff.newRole')} className={small}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                  <select
                    name="creditorId"
                    defaultValue={m.creditorId ?? ''}
                    aria-label={t('staff.newCreditor')}
                    className={small}
                  >
                    <option value="">—</option>
                    {creditors.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className={button}>
                    {t('staff.changeRole')}
                  </button>
                </form>
              )}
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
              {m.membershipId !== actor.membershipId && (
                <form action={setActiveAction}>
                  <input type="hidden" name="membershipId" value={m.membershipId} />
                  <input type="hidden" name="active" value={m.active ? 'false' : 'true'} />
                  <button type="submit" className={button}>
                    {t(m.active ? 'staff.deactivate' : 'staff.reactivate')}
                  </button>
                </form>
              )}
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
