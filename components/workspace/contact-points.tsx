'use client';

import { useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { addContactPointAction, setContactStatusAction } from '@/app/actions/file-actions';
import type { ContactKind, ContactStatus } from '@/lib/db/generated/enums';
import { formatDay } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { Choices, Field, FormFrame, useFileForm } from './form-kit';
import type { PanelFile } from './types';

const STATUSES: readonly ContactStatus[] = ['VALID', 'UNVERIFIED', 'WRONG_NUMBER', 'RETURNED_MAIL', 'DO_NOT_CONTACT'];
const KINDS: readonly ContactKind[] = ['PHONE', 'EMAIL', 'ADDRESS'];

type Point = PanelFile['workspace']['contactPoints'][number];

/** The debtor's phone numbers, e-mails and addresses with their status and source; add one, or mark one. */
export function ContactPoints({ file, onDone }: { file: PanelFile; onDone: (notice: string) => void }) {
  const t = useTranslations('workspace');
  const tr = useTranslations();
  const locale = toLocale(useLocale());
  const [editing, setEditing] = useState<string | null>(null);
  const points = file.workspace.contactPoints;
  return (
    <div className="space-y-4">
      {points.length === 0 ? (
        <p className="text-sm text-slate-500">{t('points.none')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200" data-testid="contact-points">
          {points.map((point) => (
            <li key={point.id} className="px-3 py-2 text-sm">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="w-24 text-xs font-medium text-slate-500 uppercase">
                  {tr(`contactKind.${point.kind}`)}
                </span>
                <span
                  className={
                    point.status === 'VALID' || point.status === 'UNVERIFIED' ? '' : 'text-slate-400 line-through'
                  }
                >
                  {point.value}
                  {point.label ? <span className="text-slate-500"> ({point.label})</span> : null}
                </span>
                <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">
                  {tr(`contactStatus.${point.status}`)}
                </span>
                <span className="text-xs text-slate-500">
                  {t('points.source', {
                    source: tr.has(`contactSource.${point.source}`)
                      ? tr(`contactSource.${point.source}`)
                      : point.source,
                  })}
                  {point.foundOn ? ` · ${t('points.foundOnShort', { date: formatDay(point.foundOn, locale) })}` : ''}
                </span>
                <button
                  type="button"
                  onClick={() => setEditing(editing === point.id ? null : point.id)}
                  aria-expanded={editing === point.id}
                  className="ml-auto text-xs font-medium text-brand-700 hover:underline"
                >
                  {t('points.changeStatus')}
                </button>
              </div>
              {editing === point.id && (
                <div className="mt-2 rounded bg-slate-50 p-3">
                  <StatusForm
                    file={file}
                    point={point}
                    onDone={(notice) => {
                      setEditing(null);
                      onDone(notice);
                    }}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="rounded border border-dashed border-slate-300 p-3">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">{t('points.addTitle')}</h3>
        <AddPointForm file={file} onDone={onDone} />
      </div>
    </div>
  );
}

function StatusForm({ file, point, onDone }: { file: PanelFile; point: Point; onDone: (notice: string) => void }) {
  const t = useTranslations('workspace');
  const tr = useTranslations();
  const form = useFileForm(file.fileId, `point-${point.id}`, { status: '', reason: '', lift: false });
  const v = form.values;
  const lifting = point.status === 'DO_NOT_CONTACT';

  function send() {
    form.submit(
      async () =>
        await setContactStatusAction({
          fileId: file.fileId,
          expectedVersion: file.version,
          contactPointId: point.id,
          status: v.status,
          reason: v.reason,
          ...(lifting ? { liftDoNotContact: v.lift } : {}),
        }),
      () => {
        form.clear();
        onDone(t('saved.pointStatus'));
      },
    );
  }

  return (
    <FormFrame
      testId={`form-point-${point.id}`}
      onSubmit={send}
      error={form.error}
      pending={form.pending}
      submitLabel={t('points.saveStatus')}
    >
      <Field label={t('points.status')} name="status" error={form.error}>
        {(p) => (
          <select {...p} value={v.status} onChange={(e) => form.set({ status: e.target.value })}>
            <option value="">—</option>
            {STATUSES.filter((s) => s !== point.status).map((s) => (
              <option key={s} value={s}>
                {tr(`contactStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('points.reason')} name="reason" error={form.error}>
        {(p) => (
          <input {...p} maxLength={500} value={v.reason} onChange={(e) => form.set({ reason: e.target.value })} />
        )}
      </Field>
      {lifting && (
        <label className="flex items-center gap-2 text-sm text-rose-800 sm:col-span-2">
          <input
            type="checkbox"
            checked={v.lift}
            onChange={(e) => form.set({ lift: e.target.checked })}
            className="accent-rose-700"
          />
          {t('points.lift')}
        </label>
      )}
      {form.error?.fields.liftDoNotContact && (
        <p className="text-xs text-rose-700 sm:col-span-2" data-field-error="liftDoNotContact">
          {form.error.fields.liftDoNotContact}
        </p>
      )}
    </FormFrame>
  );
}

function AddPointForm({ file, onDone }: { file: PanelFile; onDone: (notice: string) => void }) {
  const t = useTranslations('workspace');
  const tr = useTranslations();
  const form = useFileForm(file.fileId, 'point-new', {
    kind: 'PHONE',
    label: '',
    phone: '',
    email: '',
    line1: '',
    line2: '',
    postcode: '',
    city: '',
    country: 'FR',
    source: '',
    foundOn: file.today,
  });
  const v = form.values;

  function send() {
    const value =
      v.kind === 'PHONE'
        ? { phone: v.phone }
        : v.kind === 'EMAIL'
          ? { email: v.email }
          : { line1: v.line1, line2: v.line2, postcode: v.postcode, city: v.city, country: v.country };
    form.submit(
      async () =>
        await addContactPointAction({
          fileId: file.fileId,
          expectedVersion: file.version,
          kind: v.kind,
          label: v.label,
          ...value,
          source: v.source,
          foundOn: v.foundOn,
        }),
      () => {
        form.clear();
        onDone(t('saved.pointAdded'));
      },
    );
  }

  const input = (name: 'phone' | 'email' | 'line1' | 'line2' | 'postcode' | 'city' | 'country', wide = false) => (
    <Field label={t(`points.${name}`)} name={name} error={form.error} wide={wide}>
      {(p) => (
        <input
          {...p}
          type={name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'}
          value={v[name]}
          onChange={(e) => form.set({ [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <FormFrame
      testId="form-point-new"
      onSubmit={send}
      error={form.error}
      pending={form.pending}
      submitLabel={t('points.add')}
    >
      <Choices
        legend={t('points.kind')}
        name="kind"
        value={v.kind as ContactKind}
        options={KINDS.map((k) => ({ value: k, label: tr(`contactKind.${k}`) }))}
        onChange={(kind) => form.set({ kind })}
        error={form.error}
      />
      {v.kind === 'PHONE' && input('phone')}
      {v.kind === 'EMAIL' && input('email')}
      {v.kind === 'ADDRESS' && (
        <>
          {input('line1', true)}
          {input('line2', true)}
          {input('postcode')}
          {input('city')}
          {input('country')}
        </>
      )}
      <Field label={t('points.label')} name="label" error={form.error}>
        {(p) => <input {...p} maxLength={100} value={v.label} onChange={(e) => form.set({ label: e.target.value })} />}
      </Field>
      <Field label={t('points.sourceLabel')} name="source" error={form.error} hint={t('points.sourceHint')}>
        {(p) => (
          <input {...p} maxLength={200} value={v.source} onChange={(e) => form.set({ source: e.target.value })} />
        )}
      </Field>
      <Field label={t('points.foundOn')} name="foundOn" error={form.error}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={file.today}
            value={v.foundOn}
            onChange={(e) => form.set({ foundOn: e.target.value })}
          />
        )}
      </Field>
    </FormFrame>
  );
}
