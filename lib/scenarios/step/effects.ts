import { randomUUID } from 'node:crypto';
import { renderBatch } from '../../letters/batch';
import { derivedKey, storeBuffer } from '../../storage/documents';
import { buildLetter, documentKindOf, isLetterChannel, type LetterChannel } from '../letter-data';
import { deadlineFor, fillTemplate, templateFor } from '../rules';
import { env } from '../../config/env';
import { issueDebtorLinks } from '../../debtor-links/issue-link';
import { debtorPageUrl, linkSecret } from '../../debtor-links/token';
import { withDebtorPageLine } from '../../debtor-links/message-line';
import { withDebtorPages } from '../../debtor-links/letter-links';
import type { StepChannel } from '../schemas';
import { contactFor } from '../step-facts';
import type { EffectResult, Execution, StepContext } from './context';
import { escalationDossier } from './dossier';
import { letterInsert, moveStatus } from './persist';
import { skippedLine } from './lines';
import { taskNote } from '../../tasks/notes';
import { openTask } from '../../tasks/open-task';

// One effect per kind of channel. Each writes what it must before the step's last statement (an outbox row, a
// task, a stored PDF) and answers with its execution row and timeline line; none reads what another could
// have read once (the facts are in the context).

const done = (channel: StepChannel, ids: Partial<Pick<Execution, 'documentId' | 'messageId' | 'taskId'>>) => ({
  channel,
  status: 'DONE' as const,
  reason: null,
  documentId: ids.documentId ?? null,
  messageId: ids.messageId ?? null,
  taskId: ids.taskId ?? null,
});

const LETTER_SUFFIX: Partial<Record<StepChannel, string>> = {
  SIMPLE_LETTER: 'L',
  REGISTERED_LETTER: 'R',
  FORMAL_NOTICE: 'MD',
  PRE_JUDICIAL_WARNING: 'AV',
};

/**
 * Renders and stores a letter of the step; its document row is written with the execution rows. `sentOn`: a letter
 * that goes out by e-mail is sent the day the step runs, and has no print run to wait for (no letter data to print).
 */
async function renderLetter(
  ctx: StepContext,
  channel: LetterChannel,
  reference: string,
  sentOn: string | null = null,
): Promise<{ documentId: string; deadline: string | null }> {
  const { ref, facts, balance, today, key } = ctx;
  const deadline = deadlineFor(channel, ctx.step, today);
  const item = buildLetter(facts, { channel, reference, today, deadline, balance });
  const [drawn] = await withDebtorPages(ctx.tx, {
    tenantId: ref.tenantId,
    now: ctx.now,
    letters: [{ fileId: ref.fileId, item }],
  });
  const { pdf, manifest } = await renderBatch([drawn!], {
    title: reference,
    author: facts.agency.legalName,
    date: today,
  });
  const storageKey = derivedKey(ref.tenantId, 'documents', `${key}:${sentOn ? 'EMAIL' : channel}`);
  const stored = await storeBuffer(storageKey, pdf);
  const documentId = randomUUID();
  ctx.letters.push({
    id: documentId,
    kind: documentKindOf(channel),
    locale: item.data.locale,
    storageKey,
    sha256: stored.sha256,
    pages: manifest[0]?.pages ?? 1,
    reference,
    registered: channel !== 'SIMPLE_LETTER',
    deadline,
    letterData: sentOn ? null : JSON.stringify(item),
    sentOn,
  });
  return { documentId, deadline };
}

/** A letter: rendered and stored now, its document row written with the execution rows. */
async function letterEffect(ctx: StepContext, channel: LetterChannel): Promise<EffectResult> {
  const { ref, facts, key } = ctx;
  const reference = `${facts.file.reference}-${ref.step + 1}${LETTER_SUFFIX[channel]}${ref.run > 1 ? `-${ref.run}` : ''}`;
  const { documentId, deadline } = await renderLetter(ctx, channel, reference);
  // The notice's date (case_file.formal_notice_on: legal interest for consumers from it, Code civil 1231-6, and
  // what a warning builds on) is its posting, stamped when its print run is posted (lib/print-runs/mark-posted.ts)
  // and corrected from La Poste's tracking (lib/registered-mail), not today.
  return {
    execution: done(channel, { documentId }),
    line: {
      kind: 'letter.sent',
      details: {
        channel,
        documentId,
        reference,
        step: ref.step,
        dueCents: ctx.balance.dueCents,
        currency: ctx.facts.file.currency.trim(),
        deadlineOn: deadline,
        executionKey: key,
      },
    },
  };
}

/**
 * An e-mail or SMS: an outbox row now, sent after COMMIT under the execution key. An e-mail to a debtor who has had
 * no letter yet, in a step without one, is the R124-4 letter itself — it only runs when the creditor's mandate lets
 * an e-mail be that letter (guards.ts, issue 14): the letter with every mention goes as its PDF attachment, dated
 * the day it is sent, and the file's later messages quote it as the first letter.
 */
async function messageEffect(ctx: StepContext, channel: 'EMAIL' | 'SMS'): Promise<EffectResult> {
  const { tx, ref, facts, key, locale, vars, now, today } = ctx;
  const contact = contactFor(facts, channel)!;
  const template = templateFor(ctx.step.templates[channel], locale)!;
  const [token] = await issueDebtorLinks(tx, {
    secret: linkSecret(),
    tenantId: ref.tenantId,
    now,
    links: [{ fileId: ref.fileId, reference: `${key}:${channel}`, carrier: channel }],
  });
  const url = debtorPageUrl(env.NEXTAUTH_URL, token!);
  const filled = fillTemplate(template.body, { ...vars, debtorPageUrl: url });
  // Every message carries the debtor's link (issue 17), whether or not the manager's template placed it; an SMS that
  // would take more than 3 parts with its values filled in is skipped, and the timeline says why.
  const body = withDebtorPageLine(filled, url, locale, channel);
  if (body === null) {
    const skipped = { channel, reason: 'SMS_TOO_LONG' as const };
    return {
      execution: { ...done(channel, {}), status: 'SKIPPED', reason: skipped.reason },
      line: skippedLine(ref, skipped, key),
    };
  }
  const subject = template.subject ? fillTemplate(template.subject, vars) : null;
  const recipient = channel === 'EMAIL' ? contact.email! : contact.phone!;
  const firstLetter =
    channel === 'EMAIL' && facts.documents.length === 0 && !ctx.step.channels.some(isLetterChannel)
      ? `${facts.file.reference}-${ref.step + 1}E${ref.run > 1 ? `-${ref.run}` : ''}`
      : null;
  const documentId = firstLetter ? (await renderLetter(ctx, 'SIMPLE_LETTER', firstLetter, today)).documentId : null;
  // The message names its attachment: the letter's row goes in first.
  if (documentId) await tx.$executeRaw(letterInsert(ref, key, today, now, ctx.letters.splice(0)));
  const [message] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO outbound_message (tenant_id, file_id, channel, recipient, contact_point_id, locale, subject, body,
                                  execution_key, document_id, created_at)
    VALUES (${ref.tenantId}::uuid, ${ref.fileId}::uuid, ${channel}::"MessageChannel", ${recipient},
            ${contact.id}::uuid, ${locale}, ${subject}, ${body}, ${key}, ${documentId}::uuid, ${now})
    RETURNING id`;
  const messageId = message!.id;
  return {
    execution: done(channel, { messageId }),
    line: {
      kind: channel === 'EMAIL' ? 'email.queued' : 'sms.queued',
      details: {
        channel,
        recipient,
        subject,
        messageId,
        step: ref.step,
        executionKey: key,
        ...(firstLetter ? { letterReference: firstLetter, documentId } : {}),
      },
    },
    messageId,
  };
}

/** A call or visit for the file's agent, on the work queue from now. */
async function taskEffect(ctx: StepContext, channel: 'CALL_TASK' | 'VISIT_TASK'): Promise<EffectResult> {
  const { tx, ref, facts, key, locale, vars, now } = ctx;
  const template = templateFor(ctx.step.templates[channel], locale);
  const taskId = (await openTask(tx, {
    tenantId: ref.tenantId,
    fileId: ref.fileId,
    kind: channel === 'CALL_TASK' ? 'CALL' : 'VISIT',
    dueAt: now,
    assigneeId: facts.file.assigneeId,
    source: 'scenario',
    createdAt: now,
    // The manager's template, filled with the file's values, is their text; without one the step says what it is.
    ...(template
      ? { typedNote: fillTemplate(template.body, vars) }
      : { ref: taskNote('scenario.step', { channel, step: ref.step }) }),
  }))!;
  return {
    execution: done(channel, { taskId }),
    line: {
      kind: 'task.created',
      details: { channel, taskId, step: ref.step, executionKey: key },
    },
    refresh: true,
  };
}

/**
 * No postal address can take the letter (none usable, or the debtor's is marked do-not-contact): the scenario waits
 * (guards.ts NO_VALID_ADDRESS, ADDRESS_DO_NOT_CONTACT) and the file's agent gets
 * one review task to find one (skip tracing), unless a review task is still open on the file (a returned letter
 * already made one: lib/registered-mail/returned-address.ts). Returns whether one was added.
 */
export async function addressTask(
  tx: StepContext['tx'],
  ref: StepContext['ref'],
  assigneeId: string | null,
  now: Date,
) {
  const added = await openTask(
    tx,
    {
      tenantId: ref.tenantId,
      fileId: ref.fileId,
      kind: 'REVIEW',
      dueAt: now,
      assigneeId,
      source: 'scenario',
      createdAt: now,
      ref: taskNote('address.missing', {}),
    },
    { unlessOpen: 'REVIEW' },
  );
  return added !== null;
}

/** The warning's deadline has passed: the dossier for a manager's decision, and the file awaits it. */
async function escalateEffect(ctx: StepContext, channel: 'ESCALATE'): Promise<EffectResult> {
  const { tx, ref, facts, balance, today, key, now } = ctx;
  const { tenantId, fileId } = ref;
  // The dossier lists the file's letters: this step's own go in first.
  if (ctx.letters.length > 0) await tx.$executeRaw(letterInsert(ref, key, today, now, ctx.letters.splice(0)));
  const dossier = await escalationDossier(tx, tenantId, facts, balance, today);
  const storageKey = derivedKey(tenantId, 'documents', `${key}:${channel}`);
  const stored = await storeBuffer(storageKey, dossier.pdf);
  const reference = `${facts.file.reference}-DOSSIER${ref.run > 1 ? `-${ref.run}` : ''}`;
  const [doc] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO document (tenant_id, file_id, kind, locale, storage_key, sha256, pages, reference, execution_key,
                          created_at)
    VALUES (${tenantId}::uuid, ${fileId}::uuid, 'DOSSIER', 'fr', ${storageKey}, ${stored.sha256},
            ${dossier.pages}, ${reference}, ${key}, ${now})
    RETURNING id`;
  await tx.$executeRaw`
    INSERT INTO escalation (tenant_id, file_id, dossier_document_id, execution_key, created_at)
    VALUES (${tenantId}::uuid, ${fileId}::uuid, ${doc!.id}::uuid, ${key}, ${now})`;
  if (await moveStatus(tx, tenantId, fileId, ctx.fileStatus, 'AWAITING_JUDICIAL')) ctx.fileStatus = 'AWAITING_JUDICIAL';
  return {
    execution: done(channel, { documentId: doc!.id }),
    line: {
      kind: 'escalation.requested',
      details: {
        channel,
        documentId: doc!.id,
        step: ref.step,
        dueCents: ctx.balance.dueCents,
        currency: ctx.facts.file.currency.trim(),
        executionKey: key,
      },
    },
    refresh: true,
  };
}

/** The effect of one channel the decision runs. */
export function runEffect(ctx: StepContext, channel: StepChannel): Promise<EffectResult> {
  if (isLetterChannel(channel)) return letterEffect(ctx, channel);
  switch (channel) {
    case 'EMAIL':
    case 'SMS':
      return messageEffect(ctx, channel);
    case 'CALL_TASK':
    case 'VISIT_TASK':
      return taskEffect(ctx, channel);
    case 'ESCALATE':
      return escalateEffect(ctx, channel);
    default:
      throw new Error(`no effect for channel ${channel}`);
  }
}
