import { QUEUE_NAMES, type QueueName } from '../queue/names';
import type { Producer } from '../queue/producers';

export interface QueueMetrics {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** How long the oldest job waiting to start has waited, in ms; null when none waits. */
  oldestWaitingMs: number | null;
}

/**
 * Each queue's backlog as the admin's system page and the OpenTelemetry gauges show it. "Waiting" counts jobs ready
 * to run (waiting, prioritized, paused); delayed ones are not late yet, so they have no age.
 */
export async function queueMetrics(
  producer: Producer,
  now: Date = new Date(),
  queues: readonly QueueName[] = QUEUE_NAMES,
): Promise<QueueMetrics[]> {
  return Promise.all(
    queues.map(async (name) => {
      const queue = producer.queue(name);
      const counts = await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed');
      // The wait list read in the order jobs are taken (asc) gives its oldest job first. Prioritized jobs are ordered by
      // priority, so their oldest is looked for among the few at the head.
      const [lastWaiting, prioritized] = await Promise.all([
        queue.getJobs(['wait'], 0, 0, true),
        queue.getJobs(['prioritized'], 0, 99),
      ]);
      const stamps = [...lastWaiting, ...prioritized].map((job) => job.timestamp).filter((t) => t > 0);
      return {
        queue: name,
        waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingMs: stamps.length ? Math.max(0, now.getTime() - Math.min(...stamps)) : null,
      };
    }),
  );
}
