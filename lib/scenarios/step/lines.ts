import type { EngineReason, TimelineEntry } from '../../history/kinds';
import type { GuardReason } from '../guards';
import type { StepReason } from '../rules';
import type { StepChannel } from '../schemas';
import type { StepRef } from './context';

// The step's timeline lines, in one place: a kind and the values its message (timeline.* in messages/*.json) shows.

export type ActivityLine = TimelineEntry;

export function stoppedLine(ref: StepRef, reason: GuardReason, key: string): ActivityLine {
  return { kind: 'scenario.stopped', details: { reason, step: ref.step, executionKey: key } };
}

export function postponedLine(ref: StepRef, decision: { until: Date; reason: GuardReason }, key: string): ActivityLine {
  return {
    kind: 'scenario.step_postponed',
    details: { reason: decision.reason, step: ref.step, until: decision.until.toISOString(), executionKey: key },
  };
}

export function resumedLine(ref: StepRef, reason: string, key: string): ActivityLine {
  return { kind: 'scenario.resumed', details: { reason: reason as EngineReason, step: ref.step, executionKey: key } };
}

export function skippedLine(
  ref: StepRef,
  skipped: { channel: StepChannel; reason: StepReason },
  key: string,
): ActivityLine {
  return {
    kind: 'scenario.step_skipped',
    details: { reason: skipped.reason, channel: skipped.channel, step: ref.step, executionKey: key },
  };
}

export function completedLine(key: string): ActivityLine {
  return { kind: 'scenario.completed', details: { executionKey: key } };
}
