import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { DebtorPage } from '@/lib/debtor-page/queries';
import { formatDay, formatMoney, formatRate } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import type { DebtorFormState } from './form-state';
import { CallbackForm, ContactForm, DataRequestForm, DisputeForm, PlanForm, PromiseForm } from './request-forms';
import { CardPaymentForm } from './card-payment-form';

type Action = (state: DebtorFormState, form: FormData) => Promise<DebtorFormState>;

/** An amount as the debtor would type it back: 1234,56 in French, 1234.56 in English (no grouping, no symbol). */
function formatAmountInput(cents: number, locale: Locale): string {
  const plain = (cents / 100).toFixed(2);
  return locale === 'fr' ? plain.replace('.', ',') : plain;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** The debtor's page once opened: every figure from lib/debtor-page/queries.ts, nothing else. */
export async function DebtorView({
  page,
  token,
  locale,
  actions,
  promiseDays,
  planDays,
  cardReturn = null,
}: {
  page: DebtorPage;
  token: string;
  locale: Locale;
  actions: {
    dispute: Action;
    promise: Action;
    callback: Action;
    plan: Action;
    contact: Action;
    data: Action;
    card: Action;
  };
  promiseDays: { today: string; lastDay: string };
  planDays: { today: string; lastDay: string };
  /** Back from the provider's page: paid (being confirmed) or given up. */
  cardReturn?: 'confirming' | 'cancelled' | null;
}) {
  const t = await getTranslations('debtorPage');
  const kinds = await getTranslations('debtorPage.documentKinds');
  const methods = await getTranslations('timeline.methods');
  const money = (cents: number) => formatMoney(cents, page.amounts.currency, locale);
  const day = (d: string) => formatDay(d, locale);
  const { totals } = page.amounts;
  return (
    <div className="space-y-4">
      {cardReturn && (
        <p
          role="status"
          data-testid="debtor-card-return"
          className={`rounded-lg p-3 text-base ${cardReturn === 'confirming' ? 'bg-emerald-50 text-emerald-900' : 'bg-slate-100 text-slate-900'}`}
        >
          {t(cardReturn === 'confirming' ? 'card.confirming' : 'card.cancelled')}
        </p>
      )}
      <Section id="who" title={t('who.title')}>
        <p className="text-base" data-testid="debtor-who">
          {t('who.text', { agency: page.agency.legalName, creditor: page.creditor.name })}
        </p>
        <dl className="mt-2 grid grid-cols-1 gap-1 text-sm text-slate-700 sm:grid-cols-2">
          <div>
            <dt className="inline font-medium">{t('who.address')} </dt>
            <dd className="inline">{page.agency.address}</dd>
          </div>
          {page.agency.siren && (
            <div>
              <dt className="inline font-medium">{t('who.siren')} </dt>
              <dd className="inline">{page.agency.siren}</dd>
            </div>
          )}
          <div>
            <dt className="inline font-medium">{t('who.mandate')} </dt>
            <dd className="inline">
              {page.mandate
                ? t('who.mandateText', { reference: page.mandate.reference, since: day(page.mandate.since) })
                : t('who.noMandate')}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">{t('who.file')} </dt>
            <dd className="inline font-mono">{page.fileReference}</dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-slate-600">{t('who.scams', { creditor: page.creditor.name })}</p>
      </Section>

      <Section id="owed" title={t('owed.title')}>
        <p className="text-2xl font-semibold text-slate-900" data-testid="debtor-total">
          {t('owed.total', { amount: money(totals.dueCents), day: day(page.amounts.asOf) })}
        </p>
        {page.amounts.estimated && <p className="mt-1 text-sm text-amber-900">{t('owed.estimated')}</p>}
        <ul className="mt-3 space-y-3" data-testid="debtor-claims">
          {page.amounts.claims.map((c) => (
            <li key={c.claimId} className="rounded border border-slate-200 p-3 text-sm">
              <p className="font-medium">{t('owed.invoice', { number: c.invoiceNumber, due: day(c.dueOn) })}</p>
              <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-0.5">
                <dt>{t('owed.principal')}</dt>
                <dd className="text-right tabular-nums">{money(c.principalCents)}</dd>
                <dt>{page.amounts.charges === 'PENALTIES' ? t('owed.penalties') : t('owed.interest')}</dt>
                <dd className="text-right tabular-nums">{money(c.interestCents)}</dd>
                {c.indemnityCents > 0 && (
                  <>
                    <dt>{t('owed.indemnity')}</dt>
                    <dd className="text-right tabular-nums">{money(c.indemnityCents)}</dd>
                  </>
                )}
                <dt>{t('owed.paid')}</dt>
                <dd className="text-right tabular-nums">{money(c.paidCents)}</dd>
                <dt className="font-semibold">{t('owed.remaining')}</dt>
                <dd className="text-right font-semibold tabular-nums">{money(c.dueCents)}</dd>
              </dl>
              {c.rates.length > 0 && (
                <p className="mt-1 text-xs text-slate-600">
                  {c.rates
                    .map((r) =>
                      t('owed.rate', { rate: formatRate(r.rateBps, locale), from: day(r.from), to: day(r.to) }),
                    )
                    .join(' · ')}
                </p>
              )}
            </li>
          ))}
        </ul>
        {totals.creditCents > 0 && (
          <p className="mt-2 text-sm">{t('owed.credit', { amount: money(totals.creditCents) })}</p>
        )}
      </Section>

      {totals.dueCents > 0 && (
        <Section id="pay" title={t('pay.title')}>
          <div className="flex flex-col gap-4 sm:flex-row">
            <dl className="grid flex-1 grid-cols-1 gap-1 text-sm" data-testid="debtor-transfer">
              <dt className="font-medium">{t('pay.holder')}</dt>
              <dd>{page.transfer.holder}</dd>
              <dt className="font-medium">{t('pay.iban')}</dt>
              <dd className="font-mono break-all">{page.transfer.iban.replace(/(.{4})/g, '$1 ').trim()}</dd>
              {page.transfer.bic && (
                <>
                  <dt className="font-medium">{t('pay.bic')}</dt>
                  <dd className="font-mono">{page.transfer.bic}</dd>
                </>
              )}
              <dt className="font-medium">{t('pay.reference')}</dt>
              <dd className="font-mono">{page.transfer.reference}</dd>
              <dt className="font-medium">{t('pay.amount')}</dt>
              <dd>{money(totals.dueCents)}</dd>
            </dl>
            {page.transfer.qrSvg && (
              <figure className="w-40 self-center">
                <div
                  role="img"
                  aria-label={t('pay.qrLabel')}
                  className="w-40"
                  dangerouslySetInnerHTML={{ __html: page.transfer.qrSvg }}
                />
                <figcaption className="mt-1 text-center text-xs text-slate-600">{t('pay.qr')}</figcaption>
              </figure>
            )}
          </div>
          <p className="mt-2 text-xs text-slate-600">{t('pay.referenceHint')}</p>
        </Section>
      )}

      {totals.dueCents > 0 && page.card.available && (
        <Section id="card" title={t('card.title')}>
          <p className="mb-2 text-sm text-slate-700">{t('card.intro', { agency: page.agency.legalName })}</p>
          <CardPaymentForm action={actions.card} defaultAmount={formatAmountInput(totals.dueCents, locale)} />
        </Section>
      )}

      {page.payments.length > 0 && (
        <Section id="payments" title={t('payments.title')}>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="debtor-payments">
            {page.payments.map((p) => (
              <li key={p.receiptNumber} className="flex justify-between gap-2 py-1.5">
                <span>
                  {day(p.on)} · {methods(p.method)}
                  {p.reversal ? ` · ${t('payments.reversal')}` : ''}
                </span>
                <span className="tabular-nums">{money(p.amountCents)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {page.documents.length > 0 && (
        <Section id="letters" title={t('letters.title')}>
          <ul className="space-y-1 text-sm" data-testid="debtor-letters">
            {page.documents.map((d) => (
              <li key={d.id}>
                <a
                  className="text-brand-700 underline underline-offset-2"
                  href={`/d/${token}/documents/${d.id}`}
                  download
                >
                  {t('letters.item', { kind: kinds(d.kind), day: day(d.on), reference: d.reference })}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="requests" title={t('requests.title')}>
        {page.open.dispute && (
          <p className="mb-3 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="debtor-open-dispute">
            {t('requests.disputeOpen', { day: day(page.open.dispute.on) })}
          </p>
        )}
        {page.open.promise && (
          <p className="mb-3 rounded bg-slate-50 p-2 text-sm" data-testid="debtor-open-promise">
            {t('requests.promiseOpen', {
              amount: money(page.open.promise.amountCents),
              day: day(page.open.promise.dueOn),
            })}
          </p>
        )}
        {page.plan && (
          <div className="mb-3 rounded bg-slate-50 p-2 text-sm" data-testid="debtor-plan">
            <p className="font-medium">{t(page.plan.status === 'ACTIVE' ? 'plan.active' : 'plan.awaiting')}</p>
            <ul className="mt-1">
              {page.plan.instalments.map((i) => (
                <li key={i.dueOn} className="flex justify-between">
                  <span>{day(i.dueOn)}</span>
                  <span className="tabular-nums">{money(i.amountCents)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="space-y-6">
          {page.planOffer && (
            <div>
              <h3 className="text-base font-semibold">{t('plan.title')}</h3>
              <p className="mb-2 text-sm text-slate-700">
                {t('plan.intro', {
                  months: page.planOffer.maxMonths,
                  hasMinimum: page.planOffer.minInstalmentCents > 0 ? 'yes' : 'no',
                  minimum: money(page.planOffer.minInstalmentCents),
                })}
              </p>
              <PlanForm
                action={actions.plan}
                maxMonths={page.planOffer.maxMonths}
                today={planDays.today}
                lastDay={planDays.lastDay}
              />
            </div>
          )}
          {!page.suspended && totals.dueCents > 0 && (
            <div>
              <h3 className="text-base font-semibold">{t('promise.title')}</h3>
              <PromiseForm action={actions.promise} today={promiseDays.today} lastDay={promiseDays.lastDay} />
            </div>
          )}
          <div>
            <h3 className="text-base font-semibold">{t('callback.title')}</h3>
            <CallbackForm action={actions.callback} />
          </div>
          <div>
            <h3 className="text-base font-semibold">{t('contact.title')}</h3>
            <p className="mb-2 text-sm text-slate-700">{t('contact.intro')}</p>
            <ContactForm action={actions.contact} />
          </div>
          <div>
            <h3 className="text-base font-semibold">{t('dispute.title')}</h3>
            <p className="mb-2 text-sm text-slate-700">{t('dispute.intro')}</p>
            <DisputeForm action={actions.dispute} />
          </div>
        </div>
      </Section>

      <Section id="data" title={t('data.title')}>
        <p className="mb-2 text-sm text-slate-700">{t('data.intro')}</p>
        <DataRequestForm action={actions.data} />
      </Section>
    </div>
  );
}
