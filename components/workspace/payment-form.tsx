'use client';

import { useLocale, useTranslations } from 'next-intl';
import { recordPaymentAction } from '@/app/actions/payments';
import type { PaymentMethod } from '@/lib/db/generated/enums';
import { formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import type { RecordedPayment } from '@/lib/payments/record-payment';
import { Field, FormFrame, fromPaymentAction, useFileForm } from './form-kit';
import type { PanelFile } from './types';

const METHODS: readonly PaymentMethod[] = ['TRANSFER', 'CHEQUE', 'CARD', 'DIRECT_DEBIT', 'DIRECT_TO_CREDITOR'];

/** Money received: amount as people write it (1 234,56), method, day received, the bank's reference. */
export function PaymentForm({ file, onRecorded }: { file: PanelFile; onRecorded: (p: RecordedPayment) => void }) {
  const t = useTranslations('workspace');
  const form = useFileForm(file.fileId, 'payment', {
    amount: '',
    method: 'TRANSFER',
    receivedOn: file.today,
    reference: '',
  });
  const v = form.values;

  function send() {
    form.submit(
      async () =>
        fromPaymentAction<RecordedPayment>(
          await recordPaymentAction({
            fileId: file.fileId,
            expectedVersion: file.version,
            amount: v.amount,
            method: v.method,
            receivedOn: v.receivedOn,
            reference: v.reference,
          }),
        ),
      (recorded) => {
        form.clear();
        onRecorded(recorded);
      },
    );
  }

  return (
    <FormFrame
      testId="form-payment"
      onSubmit={send}
      error={form.error}
      pending={form.pending}
      submitLabel={t('payment.submit')}
    >
      <Field label={t('payment.amount')} name="amount" error={form.error} hint={t('form.euros')}>
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            placeholder={t('form.amountPlaceholder')}
            value={v.amount}
            onChange={(e) => form.set({ amount: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('payment.method')} name="method" error={form.error}>
        {(p) => (
          <select {...p} value={v.method} onChange={(e) => form.set({ method: e.target.value })}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`methods.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('payment.receivedOn')} name="receivedOn" error={form.error}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={file.today}
            value={v.receivedOn}
            onChange={(e) => form.set({ receivedOn: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('payment.reference')} name="reference" error={form.error} hint={t('payment.referenceHint')}>
        {(p) => (
          <input {...p} maxLength={100} value={v.reference} onChange={(e) => form.set({ reference: e.target.value })} />
        )}
      </Field>
    </FormFrame>
  );
}

/** How the payment just recorded was imputed, what is left, and its receipt. */
export function PaymentResult({ file, payment }: { file: PanelFile; payment: RecordedPayment }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  const money = (cents: number) => formatMoney(cents, file.currency, locale);
  const invoice = new Map(file.claims.map((c) => [c.id, c.invoiceNumber]));
  return (
    <section
      role="status"
      className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm"
      data-testid="payment-result"
    >
      <p className="font-semibold text-emerald-900">
        {t('payment.recorded', {
          amount: money(payment.amountCents),
          date: formatDay(payment.receivedOn, locale),
          receipt: payment.receiptNumber,
        })}
      </p>
      <table className="mt-2 w-full text-xs">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-0.5 font-medium">{t('payment.claim')}</th>
            <th className="py-0.5 font-medium">{t('payment.part')}</th>
            <th className="py-0.5 text-right font-medium">{t('payment.allocated')}</th>
          </tr>
        </thead>
        <tbody>
          {payment.lines.map((line, i) => (
            <tr key={i}>
              <td className="py-0.5 font-mono">{line.claimId ? (invoice.get(line.claimId) ?? '—') : '—'}</td>
              <td className="py-0.5">{t(`parts.${line.part}`)}</td>
              <td className="py-0.5 text-right tabular-nums">{money(line.cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2">
        {payment.remainingCents === 0
          ? t('payment.settled')
          : t('payment.remaining', { amount: money(payment.remainingCents) })}
        {payment.creditCents > 0 && ` ${t('payment.credit', { amount: money(payment.creditCents) })}`}
      </p>
      <a
        href={`/api/payments/${payment.paymentId}/receipt`}
        download
        className="mt-2 inline-flex items-center gap-1 rounded bg-white px-3 py-1 font-medium text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50"
        data-testid="receipt-link"
      >
        {t('payment.receipt', { number: payment.receiptNumber })}
      </a>
    </section>
  );
}
