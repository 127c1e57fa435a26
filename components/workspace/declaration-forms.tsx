'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import {
  decideClaimDeclarationAction,
  fileClaimDeclarationAction,
  fileLinkedDeclarationAction,
  recordDividendAction,
} from '@/app/actions/file-actions';
import { ClaimSecurity } from '@/lib/db/generated/enums';
import { DECISIONS } from '@/lib/insolvency/rules';
import { Field, FormFrame, useFileForm } from './form-kit';

interface Props {
  fileId: string;
  version: number;
  today: string;
}

const SECURITIES = Object.values(ClaimSecurity);

/** The agent records that the declaration was sent to the mandataire: the day, the creditor's power, any security. */
export function FileDeclarationForm({ fileId, version, today }: Props) {
  const t = useTranslations('workspace.insolvency');
  const tr = useTranslations();
  const router = useRouter();
  const form = useFileForm(fileId, 'declaration-file', {
    filedOn: today,
    powerOn: '',
    security: 'NONE',
    securityDetail: '',
  });
  const v = form.values;
  const date = (name: 'filedOn' | 'powerOn') => (
    <Field label={t(name)} name={name} error={form.error}>
      {(p) => (
        <input {...p} type="date" max={today} value={v[name]} onChange={(e) => form.set({ [name]: e.target.value })} />
      )}
    </Field>
  );
  return (
    <FormFrame
      testId="form-declaration-file"
      onSubmit={() =>
        form.submit(
          async () => await fileClaimDeclarationAction({ fileId, expectedVersion: version, ...v }),
          () => {
            form.clear();
            router.refresh();
          },
        )
      }
      error={form.error}
      pending={form.pending}
      submitLabel={t('fileSubmit')}
    >
      {date('filedOn')}
      {date('powerOn')}
      <Field label={t('security')} name="security" error={form.error}>
        {(p) => (
          <select {...p} value={v.security} onChange={(e) => form.set({ security: e.target.value })}>
            {SECURITIES.map((s) => (
              <option key={s} value={s}>
                {tr(`insolvency.security.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('securityDetail')} name="securityDetail" error={form.error}>
        {(p) => (
          <input
            {...p}
            maxLength={500}
            value={v.securityDetail}
            onChange={(e) => form.set({ securityDetail: e.target.value })}
          />
        )}
      </Field>
    </FormFrame>
  );
}

/** What the juge-commissaire decided, or the mandataire's contestation. */
export function DecideDeclarationForm({ fileId, version, today }: Props) {
  const t = useTranslations('workspace.insolvency');
  const router = useRouter();
  const form = useFileForm(fileId, 'declaration-decide', { outcome: '', admitted: '', decidedOn: today });
  const v = form.values;
  return (
    <FormFrame
      testId="form-declaration-decide"
      onSubmit={() =>
        form.submit(
          async () => await decideClaimDeclarationAction({ fileId, expectedVersion: version, ...v }),
          () => {
            form.clear();
            router.refresh();
          },
        )
      }
      error={form.error}
      pending={form.pending}
      submitLabel={t('decideSubmit')}
    >
      <Field label={t('outcome')} name="outcome" error={form.error}>
        {(p) => (
          <select {...p} value={v.outcome} onChange={(e) => form.set({ outcome: e.target.value })}>
            <option value="">—</option>
            {DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`status.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('decidedOn')} name="decidedOn" error={form.error}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={today}
            value={v.decidedOn}
            onChange={(e) => form.set({ decidedOn: e.target.value })}
          />
        )}
      </Field>
      {v.outcome === 'PART_ADMITTED' && (
        <Field label={t('admitted')} name="admitted" error={form.error}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={v.admitted}
              onChange={(e) => form.set({ admitted: e.target.value })}
            />
          )}
        </Field>
      )}
    </FormFrame>
  );
}

/** A dividend the mandataire or liquidator paid on the admitted claim: recorded as a payment of source DIVIDEND. */
export function DividendForm({ fileId, version, today }: Props) {
  const t = useTranslations('workspace.insolvency');
  const router = useRouter();
  const form = useFileForm(fileId, 'declaration-dividend', { amount: '', receivedOn: today, reference: '' });
  const v = form.values;
  return (
    <FormFrame
      testId="form-declaration-dividend"
      onSubmit={() =>
        form.submit(
          async () => await recordDividendAction({ fileId, expectedVersion: version, ...v }),
          () => {
            form.clear();
            router.refresh();
          },
        )
      }
      error={form.error}
      pending={form.pending}
      submitLabel={t('dividendSubmit')}
    >
      <Field label={t('dividendAmount')} name="amount" error={form.error}>
        {(p) => (
          <input {...p} inputMode="decimal" value={v.amount} onChange={(e) => form.set({ amount: e.target.value })} />
        )}
      </Field>
      <Field label={t('receivedOn')} name="receivedOn" error={form.error}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={today}
            value={v.receivedOn}
            onChange={(e) => form.set({ receivedOn: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('reference')} name="reference" error={form.error} wide>
        {(p) => (
          <input {...p} maxLength={100} value={v.reference} onChange={(e) => form.set({ reference: e.target.value })} />
        )}
      </Field>
    </FormFrame>
  );
}

/**
 * A supplementary or corrective declaration after the first (decision 0021): the amounts are computed, not typed; after
 * the deadline, the day of the order relieving the creditor of the foreclosure.
 */
export function LinkedDeclarationForm({ fileId, version, today }: Props) {
  const t = useTranslations('workspace.insolvency');
  const tr = useTranslations();
  const router = useRouter();
  const form = useFileForm(fileId, 'declaration-linked', {
    kind: 'SUPPLEMENTARY',
    filedOn: today,
    powerOn: '',
    reliefOn: '',
  });
  const v = form.values;
  const date = (name: 'filedOn' | 'powerOn' | 'reliefOn') => (
    <Field label={t(name)} name={name} error={form.error}>
      {(p) => (
        <input {...p} type="date" max={today} value={v[name]} onChange={(e) => form.set({ [name]: e.target.value })} />
      )}
    </Field>
  );
  return (
    <FormFrame
      testId="form-declaration-linked"
      onSubmit={() =>
        form.submit(
          async () => await fileLinkedDeclarationAction({ fileId, expectedVersion: version, ...v }),
          () => {
            form.clear();
            router.refresh();
          },
        )
      }
      error={form.error}
      pending={form.pending}
      submitLabel={t('linkedSubmit')}
    >
      <Field label={t('linkedKind')} name="kind" error={form.error}>
        {(p) => (
          <select {...p} value={v.kind} onChange={(e) => form.set({ kind: e.target.value })}>
            {(['SUPPLEMENTARY', 'CORRECTIVE'] as const).map((k) => (
              <option key={k} value={k}>
                {tr(`insolvency.declarationKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {date('filedOn')}
      {date('powerOn')}
      {date('reliefOn')}
    </FormFrame>
  );
}
