import { env } from '../config/env';

export const QueueName = {
  SYSTEM: 'system',
  IMPORTS: 'imports',
  SCENARIOS: 'scenarios',
  LETTERS: 'letters',
  NOTIFICATIONS: 'notifications',
  REPORTS: 'reports',
  PLANS: 'plans',
  WORKQUEUE: 'workqueue',
  PAYOUTS: 'payouts',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

/**
 * BullMQ key prefix. The braces make it a Redis Cluster hash tag, so every queue (and the worker
 * heartbeat) lands in one hash slot and BullMQ's multi-key Lua scripts stay legal on a cluster.
 */
export function queuePrefix(base: string = env.QUEUE_PREFIX): string {
  if (/[{}]/.test(base)) throw new Error(`QUEUE_PREFIX must not contain braces: ${base}`);
  return `{${base}}`;
}
