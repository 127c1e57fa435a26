'use client';

import { useCallback, useId, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { draftKey, useDraft, type DraftValues } from './drafts';
import { isStaleFile } from '@/lib/cases/stale-file';

// What every form of the file page shares: values kept as a draft, one submission at a time, the server's
// answer shown next to the fields it concerns, and a stale-version refusal that never loses the typing.

export interface Failure {
  code: string;
  message: string;
  /** Field path → message, already in the reader's language (the server's one mapper, lib/errors/describe). */
  fields: Record<string, string>;
  /** The catalogue reference, values in the reader's language: the stale-version banner reads them. */
  ref?: { key: string; values?: Record<string, string | number> };
}

export type Answer<T> = { ok: true; data: T } | { ok: false; error: Failure };

/** app/actions/payments.ts answers `{ ok: true, ...result }` or a failure already translated. */
export function fromPaymentAction<T extends object>(answer: ({ ok: true } & T) | { ok: false; error: Failure }) {
  if (!answer.ok) return answer;
  const { ok: _ok, ...data } = answer;
  return { ok: true as const, data: data as unknown as T };
}

export function useFileForm<T extends DraftValues>(fileId: string, form: string, defaults: T) {
  const draft = useDraft(draftKey(fileId, form), defaults);
  const [error, setError] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const t = useTranslations('workspace');

  const submit = useCallback(
    <R,>(call: () => Promise<Answer<R>>, onOk: (data: R) => void) => {
      startTransition(async () => {
        let answer: Answer<R>;
        try {
          answer = await call();
        } catch {
          answer = { ok: false, error: { code: 'INTERNAL', message: t('form.network'), fields: {} } };
        }
        if (answer.ok) {
          setError(null);
          onOk(answer.data);
        } else {
          setError(answer.error);
        }
      });
    },
    [t],
  );

  return { ...draft, error, setError, pending, submit };
}

export const control =
  'mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-rose-500 aria-invalid:bg-rose-50';

export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby': string;
  className: string;
}

/** A label, its control (given the ids and aria attributes to use) and the field's message or hint. */
export function Field({
  label,
  name,
  error,
  hint,
  wide,
  children,
}: {
  label: string;
  name: string;
  error?: Failure | null;
  hint?: string;
  wide?: boolean;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const message = error?.fields[name];
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <label htmlFor={`${id}-c`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children({
        id: `${id}-c`,
        name,
        'aria-invalid': Boolean(message),
        'aria-describedby': `${id}-m`,
        className: control,
      })}
      {message ? (
        <p id={`${id}-m`} className="mt-1 text-xs text-rose-700" data-field-error={name}>
          {message}
        </p>
      ) : (
        hint && (
          <p id={`${id}-m`} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** The claim a per-claim form acts on, by invoice number; picking another one hands it to `onPick`. */
export function ClaimPicker<C extends { id: string; invoiceNumber: string }>({
  label,
  claims,
  value,
  error,
  wide,
  onPick,
}: {
  label: string;
  claims: readonly C[];
  value: string;
  error?: Failure | null;
  wide?: boolean;
  onPick: (claim: C) => void;
}) {
  return (
    <Field label={label} name="claimId" error={error} wide={wide}>
      {(p) => (
        <select
          {...p}
          value={value}
          onChange={(e) => {
            const next = claims.find((c) => c.id === e.target.value);
            if (next) onPick(next);
          }}
        >
          {claims.map((c) => (
            <option key={c.id} value={c.id}>
              {c.invoiceNumber}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Choices as radio buttons: arrow keys move between them, as the platform does. */
export function Choices<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  value: V | '';
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  error?: Failure | null;
}) {
  const id = useId();
  const message = error?.fields[name];
  return (
    <fieldset className="sm:col-span-2" aria-describedby={message ? `${id}-m` : undefined}>
      <legend className="block text-xs font-medium text-slate-600">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {options.map((o) => (
          <label
            key={o.value}
            className={`flex cursor-pointer items-center gap-1.5 rounded border px-2 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 ${
              value === o.value ? 'border-brand-600 bg-brand-50 text-brand-900' : 'border-slate-300 bg-white'
            }`}
          >
            <input
              type="radio"
              name={`${id}-${name}`}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="accent-brand-700"
            />
            {o.label}
          </label>
        ))}
      </div>
      {message && (
        <p id={`${id}-m`} className="mt-1 text-xs text-rose-700" data-field-error={name}>
          {message}
        </p>
      )}
    </fieldset>
  );
}

/** The answer to a failed save. A stale version gets its own box: who changed the file, and a reload that keeps the typing. */
export function ErrorBanner({ error }: { error: Failure | null }) {
  const t = useTranslations('workspace');
  const router = useRouter();
  const [reloading, startReload] = useTransition();
  if (!error) return null;
  const stale = error.code === 'CONFLICT' && isStaleFile(error.ref);
  if (stale) {
    const values = error.ref?.values ?? {};
    const change =
      values.at === undefined ? null : { who: String(values.who), at: String(values.at), what: String(values.what) };
    const who = change?.who;
    return (
      <div
        role="alert"
        className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        data-conflict
      >
        <p className="font-semibold">{who ? t('conflict.by', { who }) : t('conflict.someone')}</p>
        {change && <p className="mt-1 text-amber-900">{t('conflict.what', { at: change.at, what: change.what })}</p>}
        <p className="mt-1">{t('conflict.kept')}</p>
        <button
          type="button"
          onClick={() => startReload(() => router.refresh())}
          disabled={reloading}
          className="mt-2 rounded border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100"
        >
          {reloading ? t('conflict.reloading') : t('conflict.reload')}
        </button>
      </div>
    );
  }
  const message = error.message;
  const general = error.fields._;
  return (
    <p role="alert" className="rounded border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
      {message}
      {general ? ` ${general}` : ''}
    </p>
  );
}

/** A form that submits with Enter in a field or Ctrl+Enter anywhere (a note's text area included). */
export function FormFrame({
  testId,
  onSubmit,
  error,
  pending,
  submitLabel,
  children,
  footer,
}: {
  testId: string;
  onSubmit: () => void;
  error: Failure | null;
  pending: boolean;
  submitLabel: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const t = useTranslations('workspace');
  return (
    <form
      noValidate
      data-testid={testId}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!pending) onSubmit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          event.currentTarget.requestSubmit();
        }
      }}
      className="space-y-3"
      aria-busy={pending}
    >
      <ErrorBanner error={error} />
      <div className="grid gap-3 sm:grid-cols-2">{children}</div>
      <div className="flex flex-wrap items-center gap-3 pt-1">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {pending ? t('form.saving') : submitLabel}
        </button>
        <span className="text-xs text-slate-500">{t('form.keys')}</span>
        {footer}
      </div>
    </form>
  );
}
