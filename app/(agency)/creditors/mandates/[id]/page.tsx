import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { MandateDocumentUpload } from '@/components/creditors/mandate-document-upload';
import { MandateForm } from '@/components/creditors/mandate-form';
import { mandateFormValues } from '@/components/creditors/mandate-form-values';
import { MandateStateBadge } from '@/components/creditors/mandate-state-badge';
import { requireActor } from '@/lib/auth/session';
import { getMandate } from '@/lib/creditors/queries';
import { AppError } from '@/lib/errors/app-error';
import { toLocale } from '@/lib/i18n/locales';
import { can } from '@/lib/tenancy/permissions';
import { updateCommissionRulesAction, updateMandateAction, updatePayoutDetailsAction } from '../../actions';
import { CommissionRulesForm } from '@/components/creditors/commission-rules-form';
import { commissionRulesFormValues } from '@/lib/creditors/commission-rules-form';

// What the payout form's action may answer in the URL (anything else is not shown).
const PAYOUT_REFUSALS = ['payoutIban', 'payoutBic', 'remittanceMode', 'stale'] as const;

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

export default async function EditMandatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ commission?: string; payout?: string }>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'mandates.manage')) notFound();
  const { id } = await params;
  const { commission, payout } = await searchParams;
  const [t, locale] = await Promise.all([getTranslations('mandates'), getLocale().then(toLocale)]);
  // A malformed id, or another agency's mandate, is a plain 404.
  const mandate = await getMandate({ actor, mandateId: id }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  });

  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <Link href="/creditors" className="text-sm text-brand-700 hover:underline">
        ← {t('back')}
      </Link>
      <div className="mt-3 mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t('editTitle', { reference: mandate.reference })}</h1>
        <MandateStateBadge state={mandate.state} label={t(`states.${mandate.state}`)} />
        <span className="text-sm text-slate-600">{t('editIntro', { creditor: mandate.creditor.name })}</span>
      </div>
      <div className="space-y-4">
        <section className={card}>
          <MandateForm
            action={updateMandateAction}
            hidden={{ mandateId: mandate.id, updatedAt: mandate.updatedAt }}
            initial={mandateFormValues(mandate, locale)}
            testId="mandate-edit-form"
          />
        </section>
        <section className={card} id="commission">
          <h2 className={heading}>{t('commission.title')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('commission.intro')}</p>
          {commission === 'saved' && (
            <p role="status" className="mb-3 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              {t('commission.saved')}
            </p>
          )}
          {can(actor, 'commission.manage') && (
            <CommissionRulesForm
              action={updateCommissionRulesAction}
              hidden={{ mandateId: mandate.id, updatedAt: mandate.updatedAt }}
              initial={commissionRulesFormValues(mandate.commissionRules, locale)}
            />
          )}
        </section>
        <section className={card} id="payout">
          <h2 className={heading}>{t('payout.title')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('payout.intro')}</p>
          {payout === 'saved' && (
            <p role="status" className="mb-3 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              {t('payout.saved')}
            </p>
          )}
          {PAYOUT_REFUSALS.find((k) => k === payout) && (
            <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
              {payout === 'stale' ? t('form.conflict') : t(`errors.${payout as 'payoutIban'}`)}
            </p>
          )}
          <form action={updatePayoutDetailsAction} className="flex flex-wrap items-end gap-3" data-testid="payout-form">
            <input type="hidden" name="mandateId" value={mandate.id} />
            <input type="hidden" name="updatedAt" value={mandate.updatedAt} />
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('payout.iban')}</span>
              <input
                name="payoutIban"
                defaultValue={mandate.payout.iban ?? ''}
                className="w-72 rounded border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('payout.bic')}</span>
              <input
                name="payoutBic"
                defaultValue={mandate.payout.bic ?? ''}
                className="w-36 rounded border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="text-sm">
              <span className="block text-xs text-slate-500">{t('payout.mode')}</span>
              <select
                name="remittanceMode"
                defaultValue={mandate.payout.mode}
                className="rounded border border-slate-300 px-2 py-1"
              >
                <option value="NET">{t('payout.modes.NET')}</option>
                <option value="GROSS">{t('payout.modes.GROSS')}</option>
              </select>
            </label>
            <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
              {t('payout.save')}
            </button>
          </form>
        </section>
        <section className={card}>
          <h2 className={heading}>{t('upload.title')}</h2>
          {mandate.document ? (
            <p className="mb-3 text-sm">
              {t('upload.current')}{' '}
              <a href={`/api/mandates/${mandate.id}/document`} className="text-brand-700 hover:underline" download>
                {mandate.document.name}
              </a>
              <span className="ml-2 font-mono text-xs text-slate-400">
                SHA-256 {mandate.document.sha256.slice(0, 16)}…
              </span>
            </p>
          ) : (
            <p className="mb-3 text-sm text-slate-500">{t('upload.none')}</p>
          )}
          <MandateDocumentUpload mandateId={mandate.id} />
        </section>
      </div>
    </main>
  );
}
