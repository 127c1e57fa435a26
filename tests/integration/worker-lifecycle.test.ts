import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../../lib/config/env';
import { QUEUE_NAMES, queuePrefix } from '../../lib/queue/names';
import { HEARTBEAT, heartbeatKey, readHeartbeat, type Heartbeat } from '../../lib/system/heartbeat';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Node with tsx's loader, as `npm start` runs it: no npm or tsx parent between the signal and the worker (npm
// exits on SIGTERM without passing it on; tsx's relay gives the child 30 ms to acknowledge, then kills it, which
// a loaded machine misses and the worker never gets to close).
const NODE_ARGS = ['--import', 'tsx', 'workers/main.ts'];

const redis = new Redis(env.REDIS_URL);
const prefixes: string[] = [];
const running = new Set<ReturnType<typeof spawn>>();

interface WorkerRun {
  output: () => string;
  exited: Promise<number | null>;
  waitFor: (pattern: RegExp, ms: number) => Promise<RegExpMatchArray>;
  terminate: () => void;
}

function startWorker(extraEnv: Record<string, string>): WorkerRun {
  const child = spawn(process.execPath, NODE_ARGS, { cwd: ROOT, env: { ...process.env, ...extraEnv } });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    output: () => output,
    exited,
    terminate: () => child.kill('SIGTERM'),
    async waitFor(pattern, ms) {
      const deadline = Date.now() + ms;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (done || Date.now() > deadline) throw new Error(`worker never printed ${pattern}; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

async function pollHeartbeat(prefix: string, ms: number): Promise<Heartbeat> {
  const deadline = Date.now() + ms;
  for (;;) {
    const beat = await readHeartbeat(redis, prefix);
    if (beat) return beat;
    if (Date.now() > deadline) throw new Error(`no heartbeat under ${heartbeatKey(prefix)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 500 })) keys.push(...(batch as string[]));
  if (keys.length) await redis.del(...keys);
}

afterAll(async () => {
  // SIGTERM, not SIGKILL: the worker closes its queues and connections before it exits.
  for (const child of running) child.kill('SIGTERM');
  for (const prefix of prefixes) await deleteKeys(prefix);
  await redis.quit();
});

describe('worker process', () => {
  it('starts, beats in Redis, and stops cleanly on SIGTERM', async () => {
    const base = `it-lifecycle-${randomUUID()}`;
    const prefix = queuePrefix(base);
    prefixes.push(prefix);
    const run = startWorker({ QUEUE_PREFIX: base });

    const ready = await run.waitFor(/"msg":"worker ready: queues=([^\s"]+) pid=(\d+)"/, 30_000);
    expect(ready[1]).toBe(QUEUE_NAMES.join(','));
    const pid = Number(ready[2]);

    // An `every` scheduler runs its first job at once, so the beat comes well before 30 s.
    const beat = await pollHeartbeat(prefix, 10_000);
    expect(beat).toMatchObject({ pid, queues: [...QUEUE_NAMES] });
    expect(Date.now() - Date.parse(beat.at)).toBeLessThan(30_000);
    const ttl = await redis.ttl(heartbeatKey(prefix));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(HEARTBEAT.ttlSeconds);

    run.terminate();
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/"msg":"worker stopping"/);
  });

  it('exits non-zero with a clear message when Redis is unreachable', async () => {
    const started = Date.now();
    const run = startWorker({ REDIS_URL: 'redis://127.0.0.1:6390', QUEUE_PREFIX: `it-noredis-${randomUUID()}` });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toMatch(/Redis is not reachable at redis:\/\/127\.0\.0\.1:6390/);
    expect(run.output()).not.toMatch(/worker ready/);
    // tsx start-up included; the Redis check itself gives up within 5 s.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
