import { metrics } from '@opentelemetry/api';
import type { Producer } from '../queue/producers';
import { queueMetrics } from './queue-metrics';

/** Each queue's backlog as OpenTelemetry gauges, read from Redis when the exporter collects (not on a timer). */
export function observeQueues(producer: Producer): void {
  const meter = metrics.getMeter('recouvra-worker');
  const waiting = meter.createObservableGauge('recouvra.queue.waiting', { description: 'jobs ready to run' });
  const active = meter.createObservableGauge('recouvra.queue.active', { description: 'jobs running' });
  const failed = meter.createObservableGauge('recouvra.queue.failed', { description: 'jobs failed and kept' });
  const oldest = meter.createObservableGauge('recouvra.queue.oldest_waiting', {
    description: 'age of the oldest job ready to run',
    unit: 's',
  });
  meter.addBatchObservableCallback(
    async (result) => {
      for (const m of await queueMetrics(producer)) {
        const attributes = { queue: m.queue };
        result.observe(waiting, m.waiting, attributes);
        result.observe(active, m.active, attributes);
        result.observe(failed, m.failed, attributes);
        if (m.oldestWaitingMs !== null) result.observe(oldest, m.oldestWaitingMs / 1000, attributes);
      }
    },
    [waiting, active, failed, oldest],
  );
}
