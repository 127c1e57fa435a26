import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../../lib/config/env';
import { QueueName, queuePrefix } from '../../lib/queue/names';
import { createProducer } from '../../lib/queue/producers';
import { startWorkerManager } from '../../lib/queue/worker-manager';
import { requestConnection, workerConnection } from '../../lib/redis/connection';
import { writeHeartbeat } from '../../lib/system/heartbeat';
import { observeQueues } from '../../lib/system/queue-gauges';
import { startTelemetry } from '../../lib/telemetry/start';

// A local OTLP/HTTP receiver (JSON, as @opentelemetry/exporter-*-otlp-http sends): what a collector would get.
interface Received {
  path: string;
  body: unknown;
}

async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

type Spans = {
  resourceSpans: {
    scopeSpans: { spans: { name: string; attributes: { key: string; value: { stringValue?: string } }[] }[] }[];
  }[];
};
type Metrics = { resourceMetrics: { scopeMetrics: { metrics: { name: string }[] }[] }[] };

const redis = new Redis(env.REDIS_URL);
const prefix = queuePrefix(`it-otel-${randomUUID()}`);

afterAll(async () => {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 500 })) keys.push(...(batch as string[]));
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('OpenTelemetry', () => {
  it('registers nothing without an endpoint', () => {
    expect(startTelemetry('worker', {})).toBeNull();
  });

  it("exports a job's span and the queue gauges to the configured OTLP endpoint", async () => {
    const receiver = await startReceiver();
    const telemetry = startTelemetry('worker', {
      OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/`,
      OTEL_METRIC_EXPORT_INTERVAL: '600000',
    })!;
    const producer = createProducer({ connection: requestConnection(), prefix, ownsConnection: true });
    const manager = await startWorkerManager({
      handlers: { system: { heartbeat: writeHeartbeat } },
      queues: [QueueName.SYSTEM],
      prefix,
      log: () => undefined,
    });
    const events = new QueueEvents(QueueName.SYSTEM, { connection: workerConnection(), prefix });
    try {
      observeQueues(producer);
      await events.waitUntilReady();
      const job = await producer.enqueue('system', 'heartbeat', {});
      await job.waitUntilFinished(events, 15_000);
      await telemetry.flush();

      const spans = receiver.received
        .filter((r) => r.path === '/v1/traces')
        .flatMap((r) => (r.body as Spans).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)));
      const span = spans.find((s) => s.name === 'job system/heartbeat');
      expect(span).toBeDefined();
      expect(span!.attributes).toContainEqual({ key: 'messaging.message.id', value: { stringValue: job.id } });

      const metricNames = receiver.received
        .filter((r) => r.path === '/v1/metrics')
        .flatMap((r) => (r.body as Metrics).resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((s) => s.metrics)))
        .map((m) => m.name);
      expect(metricNames).toEqual(
        expect.arrayContaining(['recouvra.queue.waiting', 'recouvra.queue.active', 'recouvra.queue.failed']),
      );
    } finally {
      await events.close();
      await manager.close();
      await producer.close();
      await telemetry.shutdown();
      receiver.server.close();
    }
  });
});
