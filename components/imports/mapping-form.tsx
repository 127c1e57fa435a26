'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { ColumnMapping } from '@/lib/imports/columns';
import type { IntakeField } from '@/lib/imports/schemas';
import { useReasons } from '@/components/i18n/use-reasons';
import { errorText, NETWORK_FAILURE, readError } from './api';
import { MappingField } from './mapping-field';
import { SampleTable } from './sample-table';

type Group = 'invoice' | 'debtor' | 'contact';
const GROUP_OF: Record<IntakeField, Group> = {
  invoiceNumber: 'invoice',
  issueDate: 'invoice',
  dueDate: 'invoice',
  amount: 'invoice',
  currency: 'invoice',
  nature: 'invoice',
  limitationBasis: 'invoice',
  debtorType: 'debtor',
  debtorName: 'debtor',
  companyName: 'debtor',
  lastName: 'debtor',
  firstName: 'debtor',
  siren: 'debtor',
  siret: 'debtor',
  email: 'contact',
  phone: 'contact',
  addressLine1: 'contact',
  addressLine2: 'contact',
  postcode: 'contact',
  city: 'contact',
  country: 'contact',
};
const GROUPS: Group[] = ['invoice', 'debtor', 'contact'];

interface Props {
  importId: string;
  /** INTAKE_FIELDS and REQUIRED_FIELDS, passed by the server page. */
  fields: readonly IntakeField[];
  required: readonly IntakeField[];
  headers: string[];
  sample: string[][];
  mapping: ColumnMapping | null;
  onStarted: () => void;
  onCancel?: () => void;
}

/** Which column feeds each intake field ('' = none); checked here in the user's language, then by the server. */
export function MappingForm({ importId, fields, required, headers, sample, mapping, onStarted, onCancel }: Props) {
  const t = useTranslations('imports');
  const reasons = useReasons();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f, mapping?.[f] === undefined ? '' : String(mapping[f])])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const example = (column: string) =>
    column === '' ? '' : (sample.map((row) => row[Number(column)]?.trim()).find(Boolean) ?? '');

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    const owner = new Map<string, IntakeField>();
    for (const field of fields) {
      const column = values[field] ?? '';
      if (column === '') {
        if (required.includes(field)) found[field] = t('mapping.errors.required');
        continue;
      }
      const other = owner.get(column);
      if (other) {
        found[field] = t('mapping.errors.shared', {
          column: headers[Number(column)] ?? column,
          other: t(`fields.${other}`),
        });
      } else owner.set(column, field);
    }
    return found;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return setAlert(t('mapping.invalid'));
    setBusy(true);
    setAlert(null);
    const body = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v !== '')
        .map(([f, v]) => [f, Number(v)]),
    );
    try {
      const response = await fetch(`/api/imports/${importId}/preview`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ mapping: body }),
      });
      if (response.ok) return onStarted();
      const detail = await readError(response);
      const byField = Object.fromEntries(
        Object.entries(detail.fields ?? {}).map(([key, message]) => [key.replace(/^mapping\./, ''), message]),
      );
      setErrors(byField);
      setAlert(
        Object.keys(byField).length
          ? t('mapping.invalid')
          : t('mapping.failed', { message: errorText(detail, reasons.error) }),
      );
    } catch {
      setAlert(t('mapping.failed', { message: reasons.error(NETWORK_FAILURE) }));
    }
    setBusy(false);
  }

  const labels = Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== '')
      .map(([f, v]) => [v, t(`fields.${f as IntakeField}`)]),
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-5"
      data-testid="mapping-form"
      aria-labelledby="mapping-title"
    >
      <div>
        <h2 id="mapping-title" className="text-lg font-semibold tracking-tight">
          {t('mapping.title')}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('mapping.intro')}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        {GROUPS.map((group) => (
          <fieldset key={group} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <legend className="px-1 text-sm font-semibold tracking-wide text-slate-500 uppercase">
              {t(`mapping.groups.${group}`)}
            </legend>
            <div className="space-y-3">
              {fields
                .filter((f) => GROUP_OF[f] === group)
                .map((f) => (
                  <MappingField
                    key={f}
                    field={f}
                    headers={headers}
                    value={values[f] ?? ''}
                    required={required.includes(f)}
                    error={errors[f]}
                    example={example(values[f] ?? '')}
                    onChange={(value) => setValues((v) => ({ ...v, [f]: value }))}
                  />
                ))}
            </div>
          </fieldset>
        ))}
      </div>
      <p className="text-xs text-slate-500">{t('mapping.requiredNote')}</p>

      <SampleTable headers={headers} rows={sample} labels={labels} />

      {alert && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {alert}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-brand-700 px-5 py-2 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-60"
        >
          {busy ? t('mapping.submitting') : t('mapping.submit')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className="text-sm text-slate-600 underline">
            {t('mapping.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
