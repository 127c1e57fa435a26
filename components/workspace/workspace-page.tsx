import { notFound } from 'next/navigation';
import { currentIp } from '@/lib/net/client-ip';
import { getLocale, getTimeZone } from 'next-intl/server';
import { fileWorkspace } from '@/lib/activity/queries';
import { getFile } from '@/lib/cases/queries';
import { isClosed } from '@/lib/cases/rules';
import { AppError } from '@/lib/errors/app-error';
import { toLocale } from '@/lib/i18n/locales';
import { fileAmounts } from '@/lib/payments/file-amounts';
import { filePayments } from '@/lib/payments/queries';
import { taskNoteText } from '@/lib/tasks/notes';
import { fileRegisteredLetters } from '@/lib/registered-mail/file-letters';
import { fileInsolvency } from '@/lib/insolvency/queries';
import { likelyCourtSeat } from '@/lib/cases/court-seat';
import type { Actor } from '@/lib/tenancy/actor';
import { can } from '@/lib/tenancy/permissions';
import { ProcedureSection } from '../judicial/procedure-section';
import { ClosingSection } from './closing-section';
import { PartnersSection } from './partners-section';
import { ClaimsSection } from './sections/claims-section';
import { FileHeader } from './sections/file-header';
import { InsolvencySection } from './sections/insolvency-section';
import { MoneySection } from './sections/money-section';
import { PartiesSection } from './sections/parties-section';
import { RegisteredLettersSection } from './sections/registered-letters-section';
import { TimelineSection } from './sections/timeline-section';
import type { PanelFile } from './types';
import { WorkspacePanel } from './workspace-panel';

async function load(actor: Actor, id: string) {
  const ip = await currentIp();
  try {
    const file = await getFile({ actor, id, ip });
    const [workspace, payments, amounts, letters, insolvency] = await Promise.all([
      fileWorkspace(actor, file.id),
      filePayments(actor, file.id),
      fileAmounts(actor, file.id),
      fileRegisteredLetters(actor, file.id),
      fileInsolvency(actor, file.id),
    ]);
    return { file, workspace, payments, amounts, letters, insolvency };
  } catch (error) {
    // A malformed id or another agency's file is a plain 404.
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  }
}

/** The agent's file page: where the file stands in money, the action panel, the claims, payments and history. */
export async function WorkspacePage({ actor, id }: { actor: Actor; id: string }) {
  const [{ file, workspace, payments, amounts, letters, insolvency }, locale, timeZone] = await Promise.all([
    load(actor, id),
    getLocale().then(toLocale),
    getTimeZone(),
  ]);
  const hasQueue = can(actor, 'queue.read');
  const activePlan = payments.plans.find((p) => p.status === 'ACTIVE' || p.status === 'AWAITING_APPROVAL');
  const panel: PanelFile = {
    fileId: file.id,
    reference: file.reference,
    version: workspace.version,
    status: file.status,
    debtorKind: file.debtor.kind,
    likelyCourtSeat: likelyCourtSeat(
      file.contactPoints.find((c) => c.kind === 'ADDRESS' && c.status !== 'RETURNED_MAIL')?.postcode ?? null,
    ),
    currency: file.currency,
    today: amounts.asOf,
    claims: file.claims.map((c) => ({
      id: c.id,
      invoiceNumber: c.invoiceNumber,
      principalCents: c.principalCents,
      cancelled: c.cancelled,
    })),
    activePlan: activePlan
      ? {
          id: activePlan.id,
          totalCents: activePlan.totalCents,
          status: activePlan.status as 'ACTIVE' | 'AWAITING_APPROVAL',
        }
      : null,
    workspace: {
      info: workspace.info,
      contactPoints: workspace.contactPoints,
      openTasks: workspace.openTasks.map(({ note, noteRef, ...task }) => ({
        ...task,
        text: taskNoteText({ note, noteRef }, locale, timeZone),
      })),
      promises: workspace.promises,
      disputes: workspace.disputes,
    },
    hasQueue,
  };

  return (
    <main className="mx-auto max-w-7xl px-6 py-6">
      <FileHeader file={file} amounts={amounts} hasQueue={hasQueue} locale={locale} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <WorkspacePanel file={panel} />
          <ProcedureSection actor={actor} fileId={file.id} locale={locale} timeZone={timeZone} />
          <ClaimsSection
            file={file}
            amounts={amounts}
            locale={locale}
            {...(can(actor, 'files.work') ? { correction: { version: workspace.version } } : {})}
          />
          {insolvency && (
            <InsolvencySection
              fileId={file.id}
              insolvency={insolvency}
              currency={file.currency}
              today={amounts.asOf}
              locale={locale}
              {...(can(actor, 'files.work') ? { work: { version: workspace.version } } : {})}
            />
          )}
          <MoneySection
            fileId={file.id}
            currency={file.currency}
            payments={payments}
            canReverse={can(actor, 'payments.reverse')}
            journalHref={can(actor, 'ledger.read') ? `/finance?fileId=${file.id}` : null}
            locale={locale}
          />
          <RegisteredLettersSection fileId={file.id} letters={letters} locale={locale} />
          <PartnersSection actor={actor} fileId={file.id} today={amounts.asOf} />
          <ClosingSection
            actor={actor}
            file={{
              id: file.id,
              status: file.status,
              version: workspace.version,
              b2b: file.claims.some((c) => c.nature === 'B2B'),
            }}
          />
        </div>
        <div className="space-y-4">
          <PartiesSection
            file={file}
            workspace={workspace}
            locale={locale}
            canGiveLink={can(actor, 'files.work') && !isClosed(file.status)}
            canSeeRecord={can(actor, 'privacy.manage')}
          />
          <TimelineSection activities={file.activities} />
        </div>
      </div>
    </main>
  );
}
