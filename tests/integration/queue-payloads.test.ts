import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { env } from '../../lib/config/env';
import { QUEUE_NAMES, QueueName, queuePrefix } from '../../lib/queue/names';
import type { JobInput } from '../../lib/queue/payloads';
import { createProducer, enqueue } from '../../lib/queue/producers';
import { startWorkerManager } from '../../lib/queue/worker-manager';
import { requestConnection, workerConnection } from '../../lib/redis/connection';
import { readHeartbeat, writeHeartbeat } from '../../lib/system/heartbeat';

const redis = new Redis(env.REDIS_URL);
const prefix = queuePrefix(`it-payloads-${randomUUID()}`);
const producer = createProducer({ connection: requestConnection(), prefix, ownsConnection: true });

async function keysOf(p: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${p}:*`, count: 500 })) keys.push(...(batch as string[]));
  return keys;
}

async function listen(queue: QueueName): Promise<{ events: QueueEvents; close: () => Promise<void> }> {
  const connection = workerConnection();
  const events = new QueueEvents(queue, { connection, prefix });
  await events.waitUntilReady();
  const close = async (): Promise<void> => {
    await events.close();
    await connection.quit();
  };
  return { events, close };
}

afterAll(async () => {
  await producer.close();
  const keys = await keysOf(prefix);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('enqueue', () => {
  it('refuses an invalid payload, naming the field, and writes nothing to Redis', async () => {
    await expect(producer.enqueue('system', 'heartbeat', { at: 'yesterday' })).rejects.toThrow(
      /errors\.job\.payload \{"queue":"system","name":"heartbeat"\} — at: /,
    );
    const wrongType = { at: 42 } as unknown as JobInput<'system', 'heartbeat'>;
    await expect(producer.enqueue('system', 'heartbeat', wrongType)).rejects.toMatchObject({
      code: 'INVALID',
      fields: { at: 'errors.field.invalid' },
    });
    // The process-wide producer validates before it ever opens a connection.
    await expect(enqueue('system', 'heartbeat', { at: 'yesterday' })).rejects.toThrow(/ at: /);
    expect(await keysOf(prefix)).toEqual([]);
  });

  it('hands a valid heartbeat to an in-process worker manager, which closes cleanly', async () => {
    const lines: string[] = [];
    const manager = await startWorkerManager({
      handlers: { system: { heartbeat: writeHeartbeat } },
      prefix,
      log: (line) => lines.push(line),
    });
    const system = await listen(QueueName.SYSTEM);
    const imports = await listen(QueueName.IMPORTS);
    try {
      const job = await producer.enqueue('system', 'heartbeat', { at: new Date().toISOString() });
      await expect(job.waitUntilFinished(system.events, 15_000)).resolves.toMatchObject({ pid: process.pid });
      expect(await readHeartbeat(redis, prefix)).toMatchObject({ pid: process.pid, queues: [...QUEUE_NAMES] });

      // A payload that bypassed enqueue fails at once (no retries) with the field named; the worker lives on.
      const raw = await producer.queue(QueueName.SYSTEM).add('heartbeat', { at: 42 });
      await expect(raw.waitUntilFinished(system.events, 5_000)).rejects.toThrow(
        /errors\.job\.payload \{"queue":"system","name":"heartbeat"\} — at: /,
      );
      // A queue with no handlers yet still has a worker, which fails unknown jobs plainly.
      const stray = await producer.queue(QueueName.IMPORTS).add('no-such-job', {});
      await expect(stray.waitUntilFinished(imports.events, 5_000)).rejects.toThrow(
        'No handler registered for job imports/no-such-job',
      );
      // The worker's own 'failed' event may come a moment after QueueEvents has seen the failure.
      await vi.waitFor(() => {
        expect(lines).toContainEqual(
          expect.stringMatching(`^job failed: queue=system job=${raw.id} .*reason=errors.job.payload`),
        );
        expect(lines).toContainEqual(
          expect.stringMatching(`^job failed: queue=imports job=${stray.id} .*reason=No handler`),
        );
      });

      const again = await producer.enqueue('system', 'heartbeat', {});
      await expect(again.waitUntilFinished(system.events, 15_000)).resolves.toMatchObject({ pid: process.pid });
    } finally {
      await system.close();
      await imports.close();
      await expect(manager.close()).resolves.toBeUndefined();
    }
  });

  it('close() waits for the job in hand to finish', async () => {
    let finished = false;
    let started!: () => void;
    const active = new Promise<void>((resolve) => (started = resolve));
    const manager = await startWorkerManager({
      handlers: {
        system: {
          heartbeat: async () => {
            started();
            await new Promise((r) => setTimeout(r, 500));
            finished = true;
          },
        },
      },
      queues: [QueueName.SYSTEM],
      prefix,
      log: () => undefined,
    });
    const job = await producer.enqueue('system', 'heartbeat', {});
    await active;
    await manager.close();
    expect(finished).toBe(true);
    expect(await producer.queue(QueueName.SYSTEM).getJobState(job.id!)).toBe('completed');
  });
});
