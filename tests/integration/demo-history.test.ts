import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { seedScenarios } from '../../lib/demo/seed-scenarios';
import { ownerDb, uniqueSlug } from './support/db';

// The demo's scenario history (lib/demo/scenario-history.ts): steps run by the engine on past days, two
// versions of the small-amounts scenario, and the files closed since left as they were.

const owner = ownerDb();
const DAY = 86_400_000;
let tenantId: string;
let storageDir: string;
const now = new Date();
const history = { from: new Date(now.getTime() - 456 * DAY), cutover: new Date(now.getTime() - 240 * DAY), every: 1 };
let before: Map<string, { status: string; closedAt: Date | null }>;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'recouvra-demo-history-'));
  process.env.STORAGE_DIR = storageDir;
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('hist'),
    name: 'Historique',
    seed: 77,
    files: 60,
    password: 'x-password-1',
  }));
  const files = await owner.caseFile.findMany({
    where: { tenantId },
    select: { id: true, status: true, closedAt: true },
  });
  before = new Map(files.map((f) => [f.id, { status: f.status, closedAt: f.closedAt }]));
});

afterAll(async () => {
  await owner.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});

describe('the demo scenario history', () => {
  it('runs real steps on past days, on two versions of one scenario, and leaves closed files closed', async () => {
    const report = await seedScenarios(owner, tenantId, now, history);
    expect(report.history!.steps).toBeGreaterThan(10);

    const rows = await owner.$queryRaw<
      { version: number; name: string; files: bigint; executions: bigint; done: bigint; first: Date; last: Date }[]
    >`
      SELECT v.version, s.name, count(DISTINCT e.file_id) AS files, count(*) AS executions, count(*) FILTER (WHERE e.status = 'DONE') AS done,
             min(e.executed_at) AS first, max(e.executed_at) AS last
        FROM step_execution e
        JOIN scenario_version v ON v.tenant_id = e.tenant_id AND v.id = e.scenario_version_id
        JOIN scenario s ON s.tenant_id = v.tenant_id AND s.id = v.scenario_id
       WHERE e.tenant_id = ${tenantId}::uuid
       GROUP BY v.version, s.name`;
    // Every step done is the engine's: a document, a message or a task behind each one.
    const bare = await owner.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM step_execution
       WHERE tenant_id = ${tenantId}::uuid AND status = 'DONE'
         AND document_id IS NULL AND message_id IS NULL AND task_id IS NULL`;
    expect(Number(bare[0]!.n)).toBe(0);
    // Each step played leaves a row per channel, done or skipped (a channel whose contact point the file may not
    // use is skipped: another creditor's unverified details, a do-not-contact).
    expect(rows.reduce((n, r) => n + Number(r.executions), 0)).toBeGreaterThanOrEqual(report.history!.steps);
    expect(rows.reduce((n, r) => n + Number(r.done), 0)).toBeGreaterThan(report.history!.steps / 2);
    for (const r of rows) expect(r.last.getTime()).toBeLessThanOrEqual(now.getTime());
    const standard = rows.filter((r) => r.name === 'Relance standard — petits montants');
    expect(standard.map((r) => r.version).sort()).toEqual([1, 2]);

    // Version 2 only took files placed after it was published.
    const v2Files = await owner.$queryRaw<{ placed_at: Date; first: Date }[]>`
      SELECT f.placed_at, min(e.executed_at) AS first FROM step_execution e
        JOIN scenario_version v ON v.tenant_id = e.tenant_id AND v.id = e.scenario_version_id AND v.version = 2
        JOIN case_file f ON f.tenant_id = e.tenant_id AND f.id = e.file_id
       WHERE e.tenant_id = ${tenantId}::uuid GROUP BY f.id, f.placed_at`;
    for (const f of v2Files) expect(f.placed_at.getTime()).toBeGreaterThanOrEqual(history.cutover.getTime());

    // Files closed since are closed again, as they were, and their scenario no longer runs.
    const after = await owner.caseFile.findMany({
      where: { tenantId },
      select: { id: true, status: true, closedAt: true },
    });
    for (const f of after) {
      const was = before.get(f.id)!;
      if (was.closedAt) expect({ status: f.status, closedAt: f.closedAt }, f.id).toEqual(was);
    }
    const running = await owner.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM file_scenario fs JOIN case_file f ON f.tenant_id = fs.tenant_id AND f.id = fs.file_id
       WHERE fs.tenant_id = ${tenantId}::uuid AND f.phase = 'CLOSED' AND fs.state = 'RUNNING'`;
    expect(Number(running[0]!.n)).toBe(0);
    // Calls the history asked for long ago were made back then; only recent ones wait in the queue.
    const stale = await owner.task.count({
      where: { tenantId, source: 'scenario', status: 'OPEN', dueAt: { lt: new Date(now.getTime() - 3 * DAY) } },
    });
    expect(stale).toBe(0);
  });
});
