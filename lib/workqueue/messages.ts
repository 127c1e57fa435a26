import { catalogueKeys } from '../errors/keys';
/**
 * Every refusal a work-queue input can earn, as a catalogue key (`queue.errors.<name>`); the mapper
 * (lib/errors/describe) writes it in the reader's language. Client components may import it.
 */
export const QUEUE_MESSAGES = catalogueKeys('queue.errors', [
  'required',
  'page',
  'pageSize',
  'agentId',
  'fileId',
  'fileList',
  'fileRef',
  'creditorId',
  'phase',
  'amount',
  'amountRange',
  'ruleEmpty',
  'only',
  'mode',
  'agents',
  'dryRun',
  'tooMany',
]);

export type QueueMessageKey = keyof typeof QUEUE_MESSAGES;
