import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

/**
 * How many web processes to run: WEB_CONCURRENCY, or one per core. A Node process renders pages on one core, so
 * one process caps a machine at what one core renders (issue 20: 14–15 pages/s at 20 agents on 2 cores).
 */
export function webProcesses(env: Record<string, string | undefined> = process.env): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new Error(`WEB_CONCURRENCY: expected a whole number from 1 to 256, got "${raw}"`);
  }
  return n;
}

/**
 * Runs `serve` in `count` processes sharing one port (node:cluster hands connections round robin). The primary only
 * watches: a process that dies is replaced, and a signal to the primary ends them all. With one process, serves
 * in this one, as before.
 */
export async function runClustered(count: number, serve: () => Promise<void>, log: (line: string) => void) {
  if (count === 1) return serve();
  if (cluster.isWorker) {
    // The primary gone (killed without a chance to stop us), nothing is left to watch this process.
    process.on('disconnect', () => process.exit(0));
    return serve();
  }
  let stopping = false;
  for (let i = 0; i < count; i += 1) cluster.fork();
  log(`web: ${count} processes`);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`web: process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
