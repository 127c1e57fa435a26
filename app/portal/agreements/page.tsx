import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/judicial/action-form';
import { requireActor } from '@/lib/auth/session';
import { agreementsAsked } from '@/lib/escalation/queries';
import { can } from '@/lib/tenancy/permissions';
import { answerAgreementAction } from './actions';

/** Going to court at the creditor's expense waits for its agreement (its mandate says who advances the costs). */
export default async function PortalAgreementsPage() {
  const actor = await requireActor();
  if (!can(actor, 'portal.home') || !can(actor, 'escalations.agree')) notFound();
  const [t, tj, format, asked] = await Promise.all([
    getTranslations('escalation.agreement'),
    getTranslations('judicial'),
    getFormatter(),
    agreementsAsked({ actor }),
  ]);
  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t('intro')}</p>
      {asked.length === 0 && <p className="text-sm text-slate-600">{t('empty')}</p>}
      <div className="space-y-4">
        {asked.map((a) => {
          const money = (cents: number) => format.number(cents / 100, { style: 'currency', currency: a.currency });
          return (
            <section
              key={a.id}
              className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="agreement"
            >
              <h2 className="font-semibold">
                {a.fileReference} — {a.debtorName}
              </h2>
              <p className="text-sm text-slate-700">
                {tj(`routes.${a.route}`)} · {t('owed', { amount: money(a.totalDueCents) })}
                {a.estimate && ` · ${t('cost', { amount: money(a.estimate.totalCents) })}`}
              </p>
              <div className="mt-3 flex flex-wrap gap-4">
                <ActionForm action={answerAgreementAction} submit={t('accept')} testId="agreement-accept">
                  <input type="hidden" name="escalationId" value={a.id} />
                  <input type="hidden" name="answer" value="ACCEPT" />
                </ActionForm>
                <ActionForm
                  action={answerAgreementAction}
                  submit={t('refuse')}
                  testId="agreement-refuse"
                  tone="neutral"
                >
                  <input type="hidden" name="escalationId" value={a.id} />
                  <input type="hidden" name="answer" value="REFUSE" />
                  <input name="note" placeholder={t('note')} className="rounded border border-slate-300 px-2 py-1" />
                </ActionForm>
              </div>
            </section>
          );
        })}
      </div>
    </main>
  );
}
