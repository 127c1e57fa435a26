import type { FileStatus } from '../../db/generated/enums';
import type { RawTx } from '../../db/raw';
import type { FileBalance } from '../letter-data';
import type { ScenarioLocale, ScenarioStep, StepChannel, TemplateVariable } from '../schemas';
import type { StepFacts } from '../step-facts';
import type { ActivityLine } from './lines';

/** Which step of which run of which version, for which file: the job's payload. */
export interface StepRef {
  tenantId: string;
  fileId: string;
  versionId: string;
  step: number;
  run: number;
}

/** What one channel of the step did: the step_execution row written in the step's last statement. */
export interface Execution {
  channel: StepChannel;
  status: 'DONE' | 'SKIPPED';
  reason: string | null;
  documentId: string | null;
  messageId: string | null;
  taskId: string | null;
}

/** A letter's document row, written by the step's last statement (its id is made before, for the execution row). */
export interface LetterRow {
  id: string;
  kind: string;
  locale: string;
  storageKey: string;
  sha256: string;
  pages: number;
  reference: string;
  registered: boolean;
  deadline: string | null;
  /** Null for a letter sent by e-mail: nothing to print. */
  letterData: string | null;
  /** The day a letter sent by e-mail went out; null for one that waits for its print run. */
  sentOn?: string | null;
}

/**
 * Everything the step's effects read, gathered once before the first one runs, and what they leave for the
 * step's last statement. The effects run in order, in the step's transaction.
 */
export interface StepContext {
  tx: RawTx;
  ref: StepRef;
  step: ScenarioStep;
  facts: StepFacts;
  balance: FileBalance;
  /** The execution key: unique per file, version, step and run. */
  key: string;
  /** 'Étape 2/5', as the timeline names the step. */
  stepLabel: string;
  /** The agency's day ('YYYY-MM-DD') and the step's instant. */
  today: string;
  now: Date;
  locale: ScenarioLocale;
  /** The template variables, filled for this file. */
  vars: Partial<Record<TemplateVariable, string>>;
  /** Letters waiting for the last statement; the escalation writes them first, since its dossier lists them. */
  letters: LetterRow[];
  /** The file's status as the effects leave it. */
  fileStatus: FileStatus;
}

/** One channel's effect: its execution row, its timeline line, and what must follow the commit. */
export interface EffectResult {
  execution: Execution;
  line: ActivityLine;
  /** An outbox row to hand to the sender once committed. */
  messageId?: string;
  /** The work queue must re-rank the file (a task was added, the file changed phase). */
  refresh?: boolean;
}
