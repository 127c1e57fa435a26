import { getTranslations } from 'next-intl/server';
import { setProviderAccountAction } from './provider-actions';

const REFUSALS = new Set(['account', 'accountTaken']);

/**
 * The admin's setting for card and SEPA direct-debit payments (decision 0020): the agency's connected account at the
 * provider, paid out to its creditors'-funds account. Empty: the debtor's page offers the bank transfer only.
 */
export async function ProviderAccountPanel({
  account,
  configured,
  error,
}: {
  account: string | null;
  configured: boolean;
  error: string | null;
}) {
  const t = await getTranslations('paymentProvider');
  return (
    <section id="provider" className="mb-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">{t('title')}</h2>
      <p className="max-w-3xl text-sm text-slate-600">{t(configured ? 'intro' : 'notConfigured')}</p>
      <form
        action={setProviderAccountAction}
        className="mt-2 flex flex-wrap items-end gap-3"
        data-testid="provider-account"
      >
        <label className="text-sm">
          <span className="block text-xs text-slate-500">{t('account')}</span>
          <input
            name="account"
            defaultValue={account ?? ''}
            placeholder="acct_…"
            className="rounded border border-slate-300 px-2 py-1 font-mono text-sm"
          />
        </label>
        <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
          {t('save')}
        </button>
      </form>
      {error && REFUSALS.has(error) ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {t(`errors.${error}` as 'errors.account')}
        </p>
      ) : null}
    </section>
  );
}
