'use client';

import { useTranslations } from 'next-intl';
import type { IntakeField } from '@/lib/imports/schemas';

interface Props {
  field: IntakeField;
  headers: string[];
  /** The chosen column index as text, '' when the field is not used. */
  value: string;
  required: boolean;
  error?: string;
  /** A value of the chosen column from the sample rows, shown under the select. */
  example: string;
  onChange: (value: string) => void;
}

/** One intake field and the select of the file's columns that feeds it. */
export function MappingField({ field, headers, value, required, error, example, onChange }: Props) {
  const t = useTranslations('imports');
  const id = `map-${field}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {t(`fields.${field}`)}
        {required && (
          <>
            <span aria-hidden="true" className="ml-0.5 text-rose-700">
              *
            </span>
            <span className="sr-only"> ({t('mapping.required')})</span>
          </>
        )}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`w-full rounded border bg-white px-2 py-1.5 text-sm ${error ? 'border-rose-500' : 'border-slate-300'}`}
      >
        <option value="">{t('mapping.unused')}</option>
        {headers.map((header, i) => (
          <option key={i} value={String(i)}>
            {header}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} data-field-error={field} className="mt-1 text-xs text-rose-700">
          {error}
        </p>
      ) : (
        <p className="mt-1 truncate text-xs text-slate-500">
          {example && t('mapping.example', { value: example.length > 40 ? `${example.slice(0, 40)}…` : example })}
        </p>
      )}
    </div>
  );
}
