import { GUARD_REASONS, guardMessage, type GuardReason } from '../guards';
import type { StepReason } from '../rules';
import type { StepChannel } from '../schemas';
import type { StepRef } from './context';

// The step's timeline lines, in one place: what each says, with the values it carries.

export interface ActivityLine {
  kind: string;
  summary: string;
  details: Record<string, unknown>;
}

export const CHANNEL_LABEL: Record<StepChannel, string> = {
  SIMPLE_LETTER: 'courrier simple',
  EMAIL: 'e-mail',
  SMS: 'SMS',
  CALL_TASK: 'tâche d’appel',
  VISIT_TASK: 'tâche de visite',
  REGISTERED_LETTER: 'lettre recommandée avec AR',
  FORMAL_NOTICE: 'mise en demeure',
  PRE_JUDICIAL_WARNING: 'avertissement avant poursuites',
  ESCALATE: 'transmission au contentieux',
};

export function reasonMessage(reason: StepReason | string): string {
  if (reason === 'CONDITION_NOT_MET')
    return 'Les conditions de l’étape ne sont pas remplies pour ce dossier : étape ignorée.';
  return Object.hasOwn(GUARD_REASONS, reason) ? guardMessage(reason as GuardReason, 'fr') : reason;
}

export function stoppedLine(ref: StepRef, reason: GuardReason, key: string): ActivityLine {
  return {
    kind: 'scenario.stopped',
    summary: `Scénario arrêté avant l’étape ${ref.step + 1} — ${reasonMessage(reason)}`,
    details: { reason, step: ref.step, executionKey: key },
  };
}

export function postponedLine(
  ref: StepRef,
  stepLabel: string,
  decision: { until: Date; reason: GuardReason },
  timeZone: string,
  key: string,
): ActivityLine {
  return {
    kind: 'scenario.step_postponed',
    summary: `${stepLabel} reportée au ${new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(decision.until)} — ${reasonMessage(decision.reason)}`,
    details: { reason: decision.reason, step: ref.step, until: decision.until.toISOString(), executionKey: key },
  };
}

export function resumedLine(ref: StepRef, reason: string, key: string): ActivityLine {
  return {
    kind: 'scenario.resumed',
    summary: `Reprise automatique du scénario : le motif de pause (${reasonMessage(reason).split(' :')[0]}) ne s’applique plus.`,
    details: { reason, step: ref.step, executionKey: key },
  };
}

export function skippedLine(
  ref: StepRef,
  stepLabel: string,
  skipped: { channel: StepChannel; reason: StepReason },
  key: string,
): ActivityLine {
  return {
    kind: 'scenario.step_skipped',
    summary: `${stepLabel} : ${CHANNEL_LABEL[skipped.channel]} ignoré — ${reasonMessage(skipped.reason)}`,
    details: { reason: skipped.reason, channel: skipped.channel, step: ref.step, executionKey: key },
  };
}

export function completedLine(key: string): ActivityLine {
  return {
    kind: 'scenario.completed',
    summary: `Scénario terminé : toutes ses étapes ont été exécutées.`,
    details: { executionKey: key },
  };
}
