import type { FileWorkspace } from '@/lib/activity/queries';
import type { CourtSeat, DebtorKind, FileStatus } from '@/lib/db/generated/enums';

/** What the action panel needs from the server render of the file page (plain, serialisable data). */
export interface PanelFile {
  fileId: string;
  reference: string;
  /** The version the page was rendered at: every form sends it back as expectedVersion. */
  version: number;
  status: FileStatus;
  debtorKind: DebtorKind;
  /** The court's seat the event form proposes for an opening judgment: the territory of the debtor's address. */
  likelyCourtSeat: CourtSeat;
  currency: string;
  /** The agency's calendar day. */
  today: string;
  claims: { id: string; invoiceNumber: string; principalCents: number; cancelled: boolean }[];
  /** One active plan at a time: while it runs, the plan tab shows it instead of the form. */
  /** The plan in force, or one awaiting the creditor's approval (no other can be made meanwhile). */
  activePlan: { id: string; totalCents: number; status: 'ACTIVE' | 'AWAITING_APPROVAL' } | null;
  workspace: Pick<FileWorkspace, 'info' | 'contactPoints' | 'promises' | 'disputes'> & {
    /** Each open task with what it says in the reader's language (lib/tasks/notes.ts taskNoteText). */
    openTasks: (Omit<FileWorkspace['openTasks'][number], 'note' | 'noteRef'> & { text: string | null })[];
  };
  /** Whether the actor has a work queue to move on to (agents and managers). */
  hasQueue: boolean;
}

export type PanelTab =
  | 'CALL'
  | 'EMAIL'
  | 'VISIT'
  | 'NOTE'
  | 'payment'
  | 'plan'
  | 'info'
  | 'event'
  | 'contacts'
  | 'disputes'
  | 'tasks'
  | 'promises';
