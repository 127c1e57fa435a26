/**
 * Every message a work-queue input can earn, in English for API callers. Screens show the catalogue entry
 * `queue.errors.<key>` instead, found by `queueMessageKey`; no dependencies, so client components can use it.
 */
export const QUEUE_MESSAGES = {
  required: 'required',
  page: 'must be a whole number from 1 to 10000',
  pageSize: 'must be a whole number from 1 to 100',
  agentId: 'must be a staff member id',
  fileId: 'must be a file id',
  fileList: 'list 1 to 1000 file ids or references (D0000123), separated by spaces, commas or lines',
  fileRef: 'must be a file id or a file reference such as D0000123',
  creditorId: 'must be a creditor id',
  phase: 'must be INTAKE, AMICABLE or JUDICIAL',
  amount: 'must be an amount in euros, 0 or more, e.g. 500 or 1 200,50',
  amountRange: 'must be at least the minimum amount',
  ruleEmpty: 'choose at least one criterion: creditor, phase or amount',
  only: 'must be unassigned or all',
  mode: 'must be files, creditor or rule',
  agents: 'choose 2 to 200 staff members',
  dryRun: 'must be true or false',
  tooMany: 'selects more than 20000 files at once; narrow the rule',
} as const;

export type QueueMessageKey = keyof typeof QUEUE_MESSAGES;

const KEY_OF = new Map<string, QueueMessageKey>(
  Object.entries(QUEUE_MESSAGES).map(([key, message]) => [message, key as QueueMessageKey]),
);

export function queueMessageKey(message: string): QueueMessageKey | undefined {
  return KEY_OF.get(message);
}
