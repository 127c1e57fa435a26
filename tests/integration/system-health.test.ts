import { randomUUID } from 'node:crypto';
import { QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../../lib/config/env';
import { createDb } from '../../lib/db/client';
import { QueueName, queuePrefix } from '../../lib/queue/names';
import { createProducer } from '../../lib/queue/producers';
import { requestConnection, workerConnection } from '../../lib/redis/connection';
import { checkHealth } from '../../lib/system/health';
import { HEARTBEAT, heartbeatKey } from '../../lib/system/heartbeat';
import { queueMetrics } from '../../lib/system/queue-metrics';

const redis = new Redis(env.REDIS_URL);
const prefix = queuePrefix(`it-system-${randomUUID()}`);
const producer = createProducer({ connection: requestConnection(), prefix, ownsConnection: true });
const client = createDb(process.env.DATABASE_URL!, 2);

afterAll(async () => {
  await producer.close();
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 500 })) keys.push(...(batch as string[]));
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await client.$disconnect();
});

describe('queue metrics', () => {
  it('counts waiting, delayed and failed jobs per queue and ages the oldest waiting one', async () => {
    const queue = producer.queue(QueueName.REPORTS);
    const t0 = Date.parse('2026-12-08T10:00:00Z');
    // Timestamps set as if added over the last 90 s: the oldest is the first added, the next to be taken.
    await queue.add('sweep', {}, { timestamp: t0 });
    await queue.add('sweep', {}, { timestamp: t0 + 60_000 });
    await queue.add('sweep', {}, { timestamp: t0 + 30_000, priority: 5 });
    await queue.add('sweep', {}, { delay: 3_600_000 });

    // One job of another queue fails for real, through a worker.
    const failing = producer.queue(QueueName.PAYOUTS);
    const connection = workerConnection();
    const events = new QueueEvents(QueueName.PAYOUTS, { connection: workerConnection(), prefix });
    await events.waitUntilReady();
    const worker = new Worker(
      QueueName.PAYOUTS,
      async () => {
        throw new Error('refused');
      },
      { connection, prefix },
    );
    const job = await failing.add('alerts', {}, { attempts: 1 });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow('refused');
    await worker.close();
    await events.close();

    const now = new Date(t0 + 90_000);
    const metrics = await queueMetrics(producer, now, [QueueName.REPORTS, QueueName.PAYOUTS, QueueName.PLANS]);
    expect(metrics).toEqual([
      { queue: 'reports', waiting: 3, active: 0, delayed: 1, failed: 0, oldestWaitingMs: 90_000 },
      { queue: 'payouts', waiting: 0, active: 0, delayed: 0, failed: 1, oldestWaitingMs: null },
      { queue: 'plans', waiting: 0, active: 0, delayed: 0, failed: 0, oldestWaitingMs: null },
    ]);
  });
});

describe('health and readiness', () => {
  it('is healthy without a worker but not ready until a heartbeat is fresh', async () => {
    const silent = await checkHealth(client, redis, prefix);
    expect(silent).toEqual({
      ok: true,
      ready: false,
      database: true,
      redis: true,
      worker: { alive: false, lastBeatAt: null },
    });

    const at = new Date().toISOString();
    await redis.set(
      heartbeatKey(prefix),
      JSON.stringify({ pid: 1, hostname: 'h', at, queues: ['system'] }),
      'EX',
      HEARTBEAT.ttlSeconds,
    );
    expect(await checkHealth(client, redis, prefix)).toMatchObject({
      ok: true,
      ready: true,
      worker: { alive: true, lastBeatAt: at },
    });
  });

  it('says which service is down', async () => {
    const away = createDb('postgresql://recouvra_app:x@127.0.0.1:5999/none', 1);
    const noRedis = new Redis('redis://127.0.0.1:6399', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    noRedis.on('error', () => undefined);
    try {
      expect(await checkHealth(away, noRedis, prefix)).toEqual({
        ok: false,
        ready: false,
        database: false,
        redis: false,
        worker: { alive: false, lastBeatAt: null },
      });
    } finally {
      noRedis.disconnect();
      await away.$disconnect();
    }
  });
});
