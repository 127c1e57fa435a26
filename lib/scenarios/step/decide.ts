import type { ContactWindowConfig } from '../../compliance/contact-window';
import { guardStep, type GuardFile } from '../guards';
import { isLetterChannel, type FileBalance } from '../letter-data';
import { combineDecisions, conditionsHold, contactChannelOf, type StepDecision } from '../rules';
import type { ScenarioStep } from '../schemas';
import { contactFor, type StepFacts } from '../step-facts';

/** What the guards need to know about the file, from the facts the step read. */
export function guardFileOf(facts: StepFacts, balance: FileBalance): GuardFile {
  const pjw = facts.documents.filter((d) => d.kind === 'PRE_JUDICIAL_WARNING').at(-1);
  // Collective proceedings stop the collection of the claims born before the opening judgment (C. com. L622-21):
  // fileBalance sets them aside. Claims born after it are paid at their due date (L622-17): while one is owed the
  // scenario goes on for it alone, so the stop applies once nothing pursued is left.
  const collective = facts.insolvency.some((kind) => kind !== 'OVER_INDEBTEDNESS');
  const first = facts.documents[0];
  const insolvency = facts.insolvency.includes('OVER_INDEBTEDNESS')
    ? 'OVER_INDEBTEDNESS'
    : collective && balance.dueCents === 0
      ? 'COLLECTIVE_PROCEEDINGS'
      : null;
  return {
    status: facts.file.status,
    phase: facts.file.phase,
    // Paid only when nothing at all is owed: a time-barred or declared claim is still owed, just not claimed.
    totalDueCents: balance.dueCents + balance.setAside.reduce((t, c) => t + c.dueCents, 0),
    amountEstimated: balance.estimated,
    plan:
      facts.plan && facts.plan.nextDueOn
        ? {
            state: facts.plan.late ? 'LATE' : 'CURRENT',
            nextDueOn: facts.plan.nextDueOn,
            graceDays: facts.plan.graceDays,
          }
        : null,
    planAwaitingApproval: facts.planAwaitingApproval,
    bankCreditPending: facts.bankCreditPending,
    pendingPromiseDueOn: facts.promiseDueOn,
    openDispute: facts.openDispute,
    insolvency,
    // The claims' own dates (lib/compliance/limitation.ts), interruptions included: past only once all are barred.
    limitationOn: balance.limitationOn,
    formalNoticeOn: facts.file.formalNoticeOn,
    // Dates count from the posting (print run posted, or La Poste's tracking), never from the day a letter was drawn.
    preJudicialWarning:
      pjw && pjw.deadlineOn
        ? { sentOn: pjw.sentOn, deadlineOn: pjw.deadlineOn, returned: pjw.deliveryOutcome === 'UNKNOWN_ADDRESS' }
        : null,
    firstLetter: first ? { reference: first.reference, postedOn: first.sentOn } : null,
    letterUnposted: facts.documents.some((d) => d.sentOn === null),
    mandates: facts.mandates,
  };
}

/**
 * Decide, from facts already read and without I/O: stop the scenario, postpone the step, or run some of its
 * channels and skip the others with their reason. A step whose conditions do not hold for the file runs nothing.
 */
export function decideStep(input: {
  step: ScenarioStep;
  facts: StepFacts;
  balance: FileBalance;
  window: ContactWindowConfig;
  now: Date;
}): StepDecision {
  const { step, facts, balance, window, now } = input;
  if (!conditionsHold(step.conditions, { dueCents: balance.dueCents, debtorKind: facts.debtor.kind }))
    return {
      decision: 'RUN',
      run: [],
      skipped: step.channels.map((channel) => ({ channel, reason: 'CONDITION_NOT_MET' as const })),
    };
  const file = guardFileOf(facts, balance);
  const withLetter = step.channels.some(isLetterChannel);
  return combineDecisions(
    step.channels.map((channel) => {
      const contactChannel = contactChannelOf(channel);
      const contact = contactChannel ? contactFor(facts, contactChannel) : null;
      return {
        channel,
        decision: guardStep({
          file,
          step:
            channel === 'ESCALATE' || contactChannel === null
              ? { kind: 'ESCALATE' }
              : { kind: channel, channel: contactChannel, withLetter },
          contact: contact ? { status: contact.status, optedOut: contact.optedOut } : null,
          history: facts.history,
          window,
          caps: facts.agency.caps,
          now,
        }),
      };
    }),
  );
}
