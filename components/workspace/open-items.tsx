'use client';

import { useState, type ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { cancelPromiseAction, completeTaskAction, resolveDisputeAction } from '@/app/actions/file-actions';
import { formatDateTime, formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import { Choices, Field, FormFrame, useFileForm } from './form-kit';
import type { PanelFile } from './types';

type Done = (notice: string) => void;

/** A list whose items each open their own small form, one at a time. */
function ItemList<T extends { id: string }>({
  items,
  empty,
  testId,
  describe,
  actionLabel,
  canAct,
  form,
}: {
  items: T[];
  empty: string;
  testId: string;
  describe: (item: T) => ReactNode;
  actionLabel: string;
  canAct: (item: T) => boolean;
  form: (item: T, close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded border border-slate-200" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} className="px-3 py-2 text-sm">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <div className="min-w-0 flex-1">{describe(item)}</div>
            {canAct(item) && (
              <button
                type="button"
                onClick={() => setOpen(open === item.id ? null : item.id)}
                aria-expanded={open === item.id}
                className="text-xs font-medium text-brand-700 hover:underline"
              >
                {actionLabel}
              </button>
            )}
          </div>
          {open === item.id && <div className="mt-2 rounded bg-slate-50 p-3">{form(item, () => setOpen(null))}</div>}
        </li>
      ))}
    </ul>
  );
}

export function DisputeList({ file, onDone }: { file: PanelFile; onDone: Done }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  return (
    <ItemList
      items={file.workspace.disputes}
      empty={t('disputes.none')}
      testId="disputes"
      actionLabel={t('disputes.resolve')}
      canAct={(d) => d.status === 'OPEN'}
      describe={(d) => (
        <>
          <span className="font-medium">{t(`disputeStatus.${d.status}`)}</span>
          <span className="text-slate-500">
            {' '}
            · {t('disputes.openedOn', { date: formatDateTime(d.openedAt, locale) })}
          </span>
          <p className="text-slate-700">{d.reason}</p>
          {d.attachments.length > 0 && (
            <ul className="mt-1 space-y-0.5 text-xs" aria-label={t('disputes.attachments')}>
              {d.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/api/dispute-attachments/${a.id}`} className="text-brand-700 underline">
                    {a.name}
                  </a>{' '}
                  <span className="text-slate-500">
                    ({t('disputes.attachmentSize', { kb: Math.max(1, Math.round(a.sizeBytes / 1024)) })})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {d.resolution && <p className="text-xs text-slate-500">{t('disputes.resolution', { text: d.resolution })}</p>}
        </>
      )}
      form={(d, close) => (
        <ResolveForm
          file={file}
          disputeId={d.id}
          onDone={(notice) => {
            close();
            onDone(notice);
          }}
        />
      )}
    />
  );
}

function ResolveForm({ file, disputeId, onDone }: { file: PanelFile; disputeId: string; onDone: Done }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  const live = file.claims.filter((c) => !c.cancelled);
  const form = useFileForm(file.fileId, `dispute-${disputeId}`, {
    decision: '',
    resolution: '',
    correct: false,
    claimId: live[0]?.id ?? '',
    amount: '',
    cancel: false,
    reason: '',
  });
  const v = form.values;
  const correcting = v.decision === 'UPHELD' && Boolean(v.correct) && live.length > 0;
  return (
    <FormFrame
      testId={`form-dispute-${disputeId}`}
      onSubmit={() =>
        form.submit(
          async () =>
            await resolveDisputeAction({
              fileId: file.fileId,
              expectedVersion: file.version,
              disputeId,
              decision: v.decision,
              resolution: v.resolution,
              // The upheld dispute's correction, in the same action (lib/activity/resolve-dispute.ts).
              ...(correcting
                ? {
                    correction: {
                      claimId: v.claimId,
                      reason: v.reason,
                      ...(v.cancel ? { cancel: true } : { amount: v.amount }),
                    },
                  }
                : {}),
            }),
          () => {
            form.clear();
            onDone(t('saved.dispute'));
          },
        )
      }
      error={form.error}
      pending={form.pending}
      submitLabel={t('disputes.submit')}
    >
      <Choices
        legend={t('disputes.decision')}
        name="decision"
        value={v.decision as 'UPHELD' | 'REJECTED' | ''}
        options={[
          { value: 'UPHELD', label: t('disputeStatus.UPHELD') },
          { value: 'REJECTED', label: t('disputeStatus.REJECTED') },
        ]}
        onChange={(decision) => form.set({ decision })}
        error={form.error}
      />
      <Field label={t('disputes.resolutionLabel')} name="resolution" error={form.error} wide>
        {(p) => (
          <textarea {...p} rows={2} value={v.resolution} onChange={(e) => form.set({ resolution: e.target.value })} />
        )}
      </Field>
      {v.decision === 'UPHELD' && live.length > 0 && (
        <div className="space-y-2 sm:col-span-2" data-testid="dispute-correction">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="correct"
              checked={Boolean(v.correct)}
              onChange={(e) => form.set({ correct: e.target.checked })}
            />
            {t('disputes.correct')}
          </label>
          {!correcting && <p className="text-xs text-slate-500">{t('disputes.correctHint')}</p>}
          {correcting && (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t('disputes.claim')} name="correction.claimId" error={form.error}>
                {(p) => (
                  <select {...p} value={v.claimId} onChange={(e) => form.set({ claimId: e.target.value })}>
                    {live.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.invoiceNumber} — {formatMoney(c.principalCents, file.currency, locale)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('disputes.amount')} name="correction.amount" error={form.error}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    disabled={Boolean(v.cancel)}
                    value={v.amount}
                    onChange={(e) => form.set({ amount: e.target.value })}
                  />
                )}
              </Field>
              <label className="flex items-center gap-2 text-sm text-rose-800 sm:col-span-2">
                <input
                  type="checkbox"
                  name="correction.cancel"
                  checked={Boolean(v.cancel)}
                  onChange={(e) => form.set({ cancel: e.target.checked })}
                />
                {t('disputes.cancel')}
              </label>
              <Field label={t('disputes.reason')} name="correction.reason" error={form.error} wide>
                {(p) => (
                  <input
                    {...p}
                    maxLength={500}
                    value={v.reason}
                    onChange={(e) => form.set({ reason: e.target.value })}
                  />
                )}
              </Field>
            </div>
          )}
        </div>
      )}
    </FormFrame>
  );
}

export function TaskList({ file, onDone }: { file: PanelFile; onDone: Done }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  return (
    <ItemList
      items={file.workspace.openTasks}
      empty={t('tasks.none')}
      testId="tasks"
      actionLabel={t('tasks.complete')}
      canAct={() => true}
      describe={(task) => (
        <>
          <span className="font-medium">{t(`taskKinds.${task.kind}`)}</span>
          <span className="text-slate-500">
            {' · '}
            {t('tasks.due', { when: formatDateTime(task.dueAt, locale) })}
            {task.assigneeName ? ` · ${task.assigneeName}` : ''}
          </span>
          {task.text && (
            <p className="whitespace-pre-line text-slate-700" data-testid="task-note">
              {task.text}
            </p>
          )}
        </>
      )}
      form={(task, close) => (
        <CompleteForm
          file={file}
          taskId={task.id}
          onDone={(notice) => {
            close();
            onDone(notice);
          }}
        />
      )}
    />
  );
}

function CompleteForm({ file, taskId, onDone }: { file: PanelFile; taskId: string; onDone: Done }) {
  const t = useTranslations('workspace');
  const form = useFileForm(file.fileId, `task-${taskId}`, { note: '' });
  return (
    <FormFrame
      testId={`form-task-${taskId}`}
      onSubmit={() =>
        form.submit(
          async () =>
            await completeTaskAction({
              fileId: file.fileId,
              expectedVersion: file.version,
              taskId,
              note: form.values.note,
            }),
          () => {
            form.clear();
            onDone(t('saved.task'));
          },
        )
      }
      error={form.error}
      pending={form.pending}
      submitLabel={t('tasks.submit')}
    >
      <Field label={t('tasks.note')} name="note" error={form.error} wide>
        {(p) => <input {...p} value={form.values.note} onChange={(e) => form.set({ note: e.target.value })} />}
      </Field>
    </FormFrame>
  );
}

export function PromiseList({ file, onDone }: { file: PanelFile; onDone: Done }) {
  const t = useTranslations('workspace');
  const locale = toLocale(useLocale());
  return (
    <ItemList
      items={file.workspace.promises}
      empty={t('promises.none')}
      testId="promises"
      actionLabel={t('promises.cancel')}
      canAct={(p) => p.status === 'PENDING'}
      describe={(p) => (
        <>
          <span className="font-medium tabular-nums">{formatMoney(p.amountCents, file.currency, locale)}</span>
          <span className="text-slate-500">
            {' · '}
            {t('promises.dueOn', { date: formatDay(p.dueOn, locale) })} · {t(`promiseStatus.${p.status}`)}
          </span>
        </>
      )}
      form={(p, close) => (
        <CancelForm
          file={file}
          promiseId={p.id}
          onDone={(notice) => {
            close();
            onDone(notice);
          }}
        />
      )}
    />
  );
}

function CancelForm({ file, promiseId, onDone }: { file: PanelFile; promiseId: string; onDone: Done }) {
  const t = useTranslations('workspace');
  const form = useFileForm(file.fileId, `promise-${promiseId}`, { reason: '' });
  return (
    <FormFrame
      testId={`form-promise-${promiseId}`}
      onSubmit={() =>
        form.submit(
          async () =>
            await cancelPromiseAction({
              fileId: file.fileId,
              expectedVersion: file.version,
              promiseId,
              reason: form.values.reason,
            }),
          () => {
            form.clear();
            onDone(t('saved.promise'));
          },
        )
      }
      error={form.error}
      pending={form.pending}
      submitLabel={t('promises.submit')}
    >
      <Field label={t('promises.reason')} name="reason" error={form.error} wide>
        {(p) => (
          <input
            {...p}
            maxLength={500}
            value={form.values.reason}
            onChange={(e) => form.set({ reason: e.target.value })}
          />
        )}
      </Field>
    </FormFrame>
  );
}
