'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { CreatedPlan } from '@/lib/payments/create-plan';
import type { RecordedPayment } from '@/lib/payments/record-payment';
import { markShortcutsReady, typing } from '@/components/keyboard-shortcuts';
import { ContactForm } from './contact-form';
import { ContactPoints } from './contact-points';
import { formsWithDrafts } from './drafts';
import { CompanyEventForm, InfoForm } from './info-forms';
import { DisputeList, PromiseList, TaskList } from './open-items';
import { PaymentForm, PaymentResult } from './payment-form';
import { ActivePlan, PlanForm, PlanResult } from './plan-form';
import type { PanelFile, PanelTab } from './types';

/** Each form has one key; the same letters are printed on the buttons. */
export const SHORTCUTS: { tab: PanelTab; key: string }[] = [
  { tab: 'CALL', key: 'c' },
  { tab: 'EMAIL', key: 'm' },
  { tab: 'VISIT', key: 'v' },
  { tab: 'NOTE', key: 'o' },
  { tab: 'payment', key: 'p' },
  { tab: 'plan', key: 'e' },
  { tab: 'info', key: 'i' },
  { tab: 'event', key: 'j' },
  { tab: 'contacts', key: 'a' },
  { tab: 'disputes', key: 'd' },
  { tab: 'tasks', key: 't' },
  { tab: 'promises', key: 'r' },
];

const GROUPS: PanelTab[][] = [
  ['CALL', 'EMAIL', 'VISIT', 'NOTE'],
  ['payment', 'plan'],
  ['info', 'event', 'contacts'],
  ['disputes', 'tasks', 'promises'],
];

/** The form a saved draft belongs to (see the form names the sections give useFileForm). */
function tabOfForm(form: string): PanelTab | null {
  if (form.startsWith('contact-')) {
    const channel = form.slice('contact-'.length);
    return ['CALL', 'EMAIL', 'VISIT', 'NOTE'].includes(channel) ? (channel as PanelTab) : null;
  }
  if (form === 'payment' || form === 'plan' || form === 'info' || form === 'event') return form;
  if (form.startsWith('point-')) return 'contacts';
  if (form.startsWith('dispute-')) return 'disputes';
  if (form.startsWith('task-')) return 'tasks';
  if (form.startsWith('promise-')) return 'promises';
  return null;
}

/**
 * Everything an agent does on a file, driven from the keyboard: a letter opens a form (the one being typed
 * in before a reload opens by itself), Esc closes it, n opens the next file of the queue.
 */
export function ActionPanel({ file }: { file: PanelFile }) {
  const t = useTranslations('workspace');
  const router = useRouter();
  // Rendered in the browser only (see workspace-panel.tsx), so the drafts can be read at once.
  const [open, setOpen] = useState<PanelTab | null>(() => {
    const forms = formsWithDrafts(file.fileId).map(tabOfForm);
    return SHORTCUTS.find((s) => forms.includes(s.tab))?.tab ?? null;
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [payment, setPayment] = useState<RecordedPayment | null>(null);
  const [plan, setPlan] = useState<CreatedPlan | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  const show = useCallback((tab: PanelTab | null) => {
    setOpen(tab);
    setNotice(null);
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape') {
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        show(null);
        return;
      }
      if (typing(event.target)) return;
      if (event.key === 'n' && file.hasQueue) {
        event.preventDefault();
        router.push(`/queue/next?after=${file.fileId}`);
        return;
      }
      const shortcut = SHORTCUTS.find((s) => s.key === event.key);
      if (shortcut) {
        event.preventDefault();
        show(shortcut.tab);
      }
    }
    window.addEventListener('keydown', onKey);
    markShortcutsReady(panelRef.current);
    return () => window.removeEventListener('keydown', onKey);
  }, [file.fileId, file.hasQueue, router, show]);

  // A form that opens takes the focus, so the agent types straight away.
  useEffect(() => {
    if (!open) return;
    bodyRef.current
      ?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea, button')
      ?.focus();
  }, [open]);

  // After a payment or a plan, the document link takes the focus: Enter downloads it.
  useEffect(() => {
    resultRef.current?.querySelector<HTMLElement>('a')?.focus();
  }, [payment, plan]);

  const done = (message: string) => setNotice(message);
  const count: Partial<Record<PanelTab, number>> = {
    disputes: file.workspace.disputes.filter((d) => d.status === 'OPEN').length,
    tasks: file.workspace.openTasks.length,
    promises: file.workspace.promises.filter((p) => p.status === 'PENDING').length,
  };

  return (
    <section
      ref={panelRef}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="action-panel"
    >
      <div className="flex flex-wrap gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-3">
        {GROUPS.map((group, g) => (
          <div key={g} className="flex flex-wrap gap-1" role="group" aria-label={t(`groups.${g}`)}>
            {group.map((tab) => {
              const key = SHORTCUTS.find((s) => s.tab === tab)!.key;
              const active = open === tab;
              return (
                <button
                  key={tab}
                  type="button"
                  aria-pressed={active}
                  aria-keyshortcuts={key}
                  onClick={() => show(active ? null : tab)}
                  className={`inline-flex items-center gap-1.5 rounded px-2.5 py-1 text-sm font-medium ${
                    active ? 'bg-brand-700 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'
                  }`}
                >
                  {t(`tabs.${tab}`)}
                  {count[tab] ? (
                    <span
                      className={`rounded-full px-1.5 text-xs ${active ? 'bg-white/25' : 'bg-amber-200 text-amber-900'}`}
                    >
                      {count[tab]}
                    </span>
                  ) : null}
                  <kbd
                    className={`rounded px-1 font-sans text-xs font-semibold ${active ? 'bg-white/20' : 'bg-white text-slate-500 ring-1 ring-slate-300'}`}
                  >
                    {key}
                  </kbd>
                </button>
              );
            })}
          </div>
        ))}
      </div>
      <div className="space-y-3 p-4">
        {notice && (
          <p
            role="status"
            className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            data-testid="panel-notice"
          >
            {notice}
          </p>
        )}
        <div ref={resultRef} className="space-y-3">
          {open === 'payment' && payment && <PaymentResult file={file} payment={payment} />}
          {open === 'plan' && plan && <PlanResult file={file} plan={plan} />}
        </div>
        {open ? (
          <div ref={bodyRef} data-testid={`panel-${open}`}>
            <h2 className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">{t(`titles.${open}`)}</h2>
            {(open === 'CALL' || open === 'EMAIL' || open === 'VISIT' || open === 'NOTE') && (
              <ContactForm key={open} file={file} channel={open} onDone={done} />
            )}
            {open === 'payment' && <PaymentForm file={file} onRecorded={setPayment} />}
            {open === 'plan' && !file.activePlan && <PlanForm file={file} onCreated={setPlan} />}
            {open === 'plan' && file.activePlan && !plan && <ActivePlan file={file} plan={file.activePlan} />}
            {open === 'info' && <InfoForm file={file} onDone={done} />}
            {open === 'event' && <CompanyEventForm file={file} onDone={done} />}
            {open === 'contacts' && <ContactPoints file={file} onDone={done} />}
            {open === 'disputes' && <DisputeList file={file} onDone={done} />}
            {open === 'tasks' && <TaskList file={file} onDone={done} />}
            {open === 'promises' && <PromiseList file={file} onDone={done} />}
          </div>
        ) : (
          <p className="text-sm text-slate-500">{t('choose')}</p>
        )}
        <p className="border-t border-slate-100 pt-2 text-xs text-slate-500" data-testid="shortcuts">
          {t('shortcuts', { next: file.hasQueue ? t('shortcutNext') : '' })}
        </p>
      </div>
    </section>
  );
}
