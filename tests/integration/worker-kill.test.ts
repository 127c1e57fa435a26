import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../lib/config/env';
import { inTenant } from '../../lib/db/tenant';
import { seedAgency } from '../../lib/demo/seed-agency';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { QueueName, queuePrefix } from '../../lib/queue/names';
import { createProducer } from '../../lib/queue/producers';
import { requestConnection } from '../../lib/redis/connection';
import { startScenarios } from '../../lib/scenarios/start-scenarios';
import { ownerDb, uniqueSlug } from './support/db';
import { EMAIL_TEMPLATE, TEST_IBAN, makeDebtorFile, makeScenario } from './support/scenario-fixtures';

// The real worker process (tsx workers/main.ts), killed with SIGKILL in the middle of a batch of due steps,
// then started again: every step must have run exactly once, every letter been made once, every e-mail
// marked sent once. The engine's clock is moved to Monday 4 January 2027, 10:00 in Paris, so the test
// does not depend on the day it runs (a Sunday would hold every letter) and stays clear of the other test
// file's fake dates (March 2027 onwards).
const owner = ownerDb();
const FILES = 120;
const ENGINE_START = new Date('2027-01-04T09:00:00Z');
const prefixBase = `${env.QUEUE_PREFIX}-kill`;
let tenantId: string;
let fileIds: string[];
let capture: CaptureServer;
let worker: ChildProcess | undefined;
let offset: number;
const output: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function startWorker(smtpPort: number): ChildProcess {
  const child = spawn('node_modules/.bin/tsx', ['workers/main.ts'], {
    env: {
      ...process.env,
      RECOUVRA_ENV_LOADED: '1',
      QUEUE_PREFIX: prefixBase,
      SMTP_CAPTURE: '0',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SCENARIO_SWEEP_MS: '1000',
      SCENARIO_CONCURRENCY: '4',
      MESSAGE_CONCURRENCY: '4',
      WORKER_LOCK_MS: '2000',
      SCENARIO_CLOCK_OFFSET_MS: String(offset),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  return child;
}

async function progress() {
  const [row] = await owner.$queryRaw<{ files: number; executions: number; documents: number; sent: number }[]>`
    SELECT (SELECT count(DISTINCT file_id)::int FROM step_execution WHERE tenant_id = ${tenantId}::uuid) AS files,
           (SELECT count(*)::int FROM step_execution WHERE tenant_id = ${tenantId}::uuid) AS executions,
           (SELECT count(*)::int FROM document WHERE tenant_id = ${tenantId}::uuid) AS documents,
           (SELECT count(*)::int FROM outbound_message WHERE tenant_id = ${tenantId}::uuid AND status = 'SENT') AS sent`;
  return row!;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, pollMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`timed out; worker said:\n${output.join('').slice(-3000)}`);
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

beforeAll(async () => {
  const seeded = await seedAgency(owner, {
    slug: uniqueSlug('kill'),
    name: 'Agence Kill',
    seed: 77,
    files: 1,
    password: 'x',
  });
  tenantId = seeded.tenantId;
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  const versionId = await makeScenario(owner, tenantId, [
    {
      delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
      channels: ['SIMPLE_LETTER', 'EMAIL'],
      templates: { EMAIL: EMAIL_TEMPLATE },
    },
    // A second step far ahead: the files stay RUNNING, and nothing may run it during the test.
    { delay: { days: 30, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SIMPLE_LETTER'] },
  ]);
  fileIds = [];
  for (let i = 0; i < FILES; i++)
    fileIds.push(
      await makeDebtorFile(owner, tenantId, {
        placedAt: new Date('2027-01-04T08:00:00Z'),
        email: { address: `kill-${i}@example.com` },
      }),
    );
  await inTenant({ tenantId }, (tx) => startScenarios(tx, tenantId, fileIds, { now: ENGINE_START, versionId }), owner);
  capture = await startCaptureServer({ port: await freePort(), log: () => undefined });
  const producer = createProducer({
    connection: requestConnection(),
    prefix: queuePrefix(prefixBase),
    ownsConnection: true,
  });
  for (const q of [QueueName.SCENARIOS, QueueName.NOTIFICATIONS]) await producer.queue(q).obliterate({ force: true });
  await producer.close();
}, 120_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGKILL');
    await exited(worker);
  }
  await capture?.close();
  const producer = createProducer({
    connection: requestConnection(),
    prefix: queuePrefix(prefixBase),
    ownsConnection: true,
  });
  for (const q of [
    QueueName.SCENARIOS,
    QueueName.NOTIFICATIONS,
    QueueName.SYSTEM,
    QueueName.PLANS,
    QueueName.WORKQUEUE,
  ])
    await producer.queue(q).obliterate({ force: true });
  await producer.close();
});

describe('a worker killed mid-batch and restarted', () => {
  it('runs every due step exactly once, makes each letter once and sends each e-mail once', async () => {
    offset = ENGINE_START.getTime() - Date.now();
    worker = startWorker(capture.port);
    // Kill it once a part of the batch is done, not before and not after.
    await waitFor(async () => (await progress()).files >= 15, 90_000);
    worker.kill('SIGKILL');
    await exited(worker);
    const atKill = await progress();
    expect(atKill.files).toBeGreaterThanOrEqual(15);
    expect(atKill.files).toBeLessThan(FILES);

    // Keep the engine's clock where it was (the offset is measured from the first start).
    worker = startWorker(capture.port);
    await waitFor(
      async () => {
        const p = await progress();
        return p.files === FILES && p.sent === FILES;
      },
      120_000,
      200,
    );
    worker.kill('SIGTERM');
    await exited(worker);

    const perFile = await owner.$queryRaw<
      { file_id: string; executions: number; documents: number; letters: number; sent: number }[]
    >`
      SELECT f.id AS file_id,
             (SELECT count(*)::int FROM step_execution s WHERE s.tenant_id = f.tenant_id AND s.file_id = f.id) AS executions,
             (SELECT count(*)::int FROM document d WHERE d.tenant_id = f.tenant_id AND d.file_id = f.id) AS documents,
             (SELECT count(*)::int FROM activity a WHERE a.tenant_id = f.tenant_id AND a.file_id = f.id
                 AND a.kind = 'letter.sent') AS letters,
             (SELECT count(*)::int FROM outbound_message m WHERE m.tenant_id = f.tenant_id AND m.file_id = f.id
                 AND m.status = 'SENT') AS sent
        FROM case_file f WHERE f.tenant_id = ${tenantId}::uuid AND f.id = ANY(${fileIds}::uuid[])`;
    expect(perFile).toHaveLength(FILES);
    for (const row of perFile)
      expect(row, row.file_id).toMatchObject({ executions: 2, documents: 1, letters: 1, sent: 1 });
    const states = await owner.fileScenario.groupBy({ by: ['nextStep', 'state'], where: { tenantId }, _count: true });
    expect(states.map((s) => [s.nextStep, s.state, s._count])).toEqual([[1, 'RUNNING', FILES]]);

    // SMTP itself is at-least-once: a message accepted by the server just before the kill, whose SENT mark
    // had not committed, is sent again with the same Message-ID. Every message arrived; a duplicate can
    // only be one of the few in flight when the worker died.
    const captured = await owner.capturedMail.findMany({ where: { tenantId }, select: { messageId: true } });
    const distinct = new Set(captured.map((c) => c.messageId));
    expect(distinct.size).toBe(FILES);
    expect(captured.length - distinct.size).toBeLessThanOrEqual(4);
  }, 300_000);
});
