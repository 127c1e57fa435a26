import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { webProcesses } from '../../lib/cli/web-cluster';

const PORT = 3190 + (process.pid % 9);

/** One request on a fresh connection, so the primary hands each to the next process. */
function pidOf(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(Number(body)));
      })
      .on('error', reject);
  });
}

async function pids(n: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < n; i += 1) seen.add(await pidOf());
  return seen;
}

function start(count: number): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  const child = spawn('node', ['--import', 'tsx', 'tests/fixtures/cluster/pid-server.ts', String(PORT), String(count)]);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const ready = (async () => {
    while ((output.match(/^listening /gm) ?? []).length < count) {
      if (child.exitCode !== null) throw new Error(`server ended: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { child, ready, output: () => output };
}

let running: ChildProcess | undefined;
afterEach(() => {
  running?.kill('SIGKILL');
});

describe('web processes (lib/cli/web-cluster.ts)', () => {
  it('reads WEB_CONCURRENCY, one per core without it, and refuses a value that is not a count', () => {
    expect(webProcesses({ WEB_CONCURRENCY: '3' })).toBe(3);
    expect(webProcesses({})).toBeGreaterThanOrEqual(1);
    for (const bad of ['0', '-1', '2.5', 'two', '1000'])
      expect(() => webProcesses({ WEB_CONCURRENCY: bad })).toThrow(/WEB_CONCURRENCY/);
  });

  it('serves one port from several processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    const server = start(2);
    running = server.child;
    await server.ready;
    const first = await pids(20);
    expect(first.size).toBe(2);
    expect(first.has(server.child.pid!)).toBe(false); // the primary only watches

    const [victim] = first;
    process.kill(victim!, 'SIGKILL');
    while (!/starting another/.test(server.output())) await new Promise((r) => setTimeout(r, 50));
    while ((server.output().match(/^listening /gm) ?? []).length < 3) await new Promise((r) => setTimeout(r, 50));
    const after = await pids(20);
    expect(after.size).toBe(2);
    expect(after.has(victim!)).toBe(false);

    server.child.kill('SIGTERM');
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(0);
    for (const pid of after) expect(() => process.kill(pid, 0)).toThrow(); // no process left behind
  });
});
