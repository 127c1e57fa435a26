import { REPORT_MESSAGES as M } from '../../lib/reports/schemas';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logContact } from '../../lib/activity/log-contact';
import { dayIn } from '../../lib/dates/days';
import { addDays } from '../../lib/dates/days';
import { inTenantRaw } from '../../lib/db/raw';
import { seedCollections } from '../../lib/demo/collections';
import { seedAgency } from '../../lib/demo/seed-agency';
import { AppError } from '../../lib/errors/app-error';
import { importFromCommand } from '../../lib/imports/import-from-command';
import { recordPayment } from '../../lib/payments/record-payment';
import { reversePayment } from '../../lib/payments/reverse-payment';
import { QueueName, queuePrefix } from '../../lib/queue/names';
import { createProducer } from '../../lib/queue/producers';
import { requestConnection } from '../../lib/redis/connection';
import { AGING, DIMS, PLACEMENT, RECOVERY, SCENARIO, type Family } from '../../lib/reports/cube';
import { directDashboard, directSource } from '../../lib/reports/direct';
import { dashboard, portalDashboard } from '../../lib/reports/queries';
import { REPORTS_REBUILD, REPORTS_SWEEP, runReportsSweepJob, scheduleReports } from '../../lib/reports/reports-job';
import { dashboardSheets } from '../../lib/reports/export';
import { getChannelCosts, setChannelCosts } from '../../lib/reports/set-channel-costs';
import { setTarget } from '../../lib/reports/set-target';
import type { GroupColumn, Row } from '../../lib/reports/source';
import { FACT_TABLES, SNAPSHOT_TABLES, applyDirtyFiles, rebuildReports } from '../../lib/reports/summaries';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
let slugA: string;
let tenantA: string;
let tenantB: string;
let manager: Actor;
let agent: Actor;
let creditorUser: Actor;
let managerB: Actor;
let storageDir: string;
const today = dayIn('Europe/Paris');

/** A small deterministic generator (mulberry32): the same "random" activity on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Rows as comparable strings: every value as text, measures as integers. */
function canonical(rows: Row[], columns: string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => String(r[c] ?? '')))).sort();
}

const GRAIN_COLUMNS = (family: Family, grain: number): GroupColumn[] =>
  [...family.dims.filter((d) => grain & DIMS[d].bit).flatMap((d) => DIMS[d].columns), ...family.keys] as GroupColumn[];

/**
 * Every materialised grain of every family equals the same sums computed straight from the raw tables, and so
 * does the per-file fallback level, agent activity and scenario effectiveness.
 */
async function expectSummariesEqualRaw(actor: Actor): Promise<void> {
  await inTenantRaw({ tenantId: actor.tenantId }, async (client) => {
    const { rows: state } = await client.query<{ as_of: string; time_zone: string }>(
      'SELECT as_of::text AS as_of, time_zone FROM report_state WHERE tenant_id = $1',
      [actor.tenantId],
    );
    expect(state).toHaveLength(1);
    const raw = directSource(client, actor.tenantId, state[0]!.time_zone, state[0]!.as_of);
    const read = { [PLACEMENT.fact]: raw.placement, [RECOVERY.fact]: raw.recovery, [AGING.fact]: raw.aging };
    for (const family of [PLACEMENT, RECOVERY, AGING]) {
      for (const grain of family.grains) {
        const columns = GRAIN_COLUMNS(family, grain);
        const { rows } = await client.query(
          `SELECT ${columns.map((c) => (c.endsWith('_month') ? `${c}::text AS ${c}` : c)).join(', ')},
                  ${family.measures.join(', ')}
             FROM ${family.fact} WHERE tenant_id = $1 AND grain = $2`,
          [actor.tenantId, grain],
        );
        const direct = (await read[family.fact]!({}, columns)).filter((r) => family.measures.some((m) => r[m] !== 0));
        expect(canonical(rows as Row[], [...columns, ...family.measures]), `${family.fact} grain ${grain}`).toEqual(
          canonical(direct, [...columns, ...family.measures]),
        );
      }
    }
    const activity = await client.query(
      `SELECT agent_id, day::text AS period, calls, letters, emails, promises_made, promises_kept, promises_broken,
              collected_cents FROM agent_activity_daily WHERE tenant_id = $1`,
      [actor.tenantId],
    );
    const columns = [
      'agent_id',
      'period',
      'calls',
      'letters',
      'emails',
      'promises_made',
      'promises_kept',
      'promises_broken',
      'collected_cents',
    ];
    const directActivity = (
      await raw.activity({ from: '2000-01-01', to: '2100-01-01', grain: 'day', by: 'agentPeriod' })
    ).filter((r) => columns.slice(2).some((m) => r[m] !== 0));
    expect(activity.rows.length).toBeGreaterThan(0);
    expect(canonical(activity.rows as Row[], columns)).toEqual(canonical(directActivity, columns));
    const scenario = await client.query(
      `SELECT scenario_version_id, step_index, channel, ${SCENARIO.measures.map((m) => `sum(${m}) AS ${m}`).join(', ')}
         FROM scenario_fact WHERE tenant_id = $1 GROUP BY 1, 2, 3`,
      [actor.tenantId],
    );
    const scenarioColumns = ['scenario_version_id', 'step_index', 'channel', ...SCENARIO.measures];
    expect(canonical(scenario.rows as Row[], scenarioColumns)).toEqual(
      canonical(await raw.scenarios({}), scenarioColumns),
    );
  });
}

/** The dashboard from the summaries equals the one from the raw tables, for filter mixes using every path. */
async function expectDashboardsEqualRaw(actor: Actor, queries: Record<string, string>[]): Promise<void> {
  for (const query of queries) {
    const fromSummaries = actor.creditorId
      ? await portalDashboard({ actor, query })
      : await dashboard({ actor, query });
    const fromRaw = await directDashboard({ actor, query });
    expect(isDeepStrictEqual(fromSummaries, fromRaw), JSON.stringify(query)).toBe(true);
  }
}

async function dumpSummaries(tenantId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of [...SNAPSHOT_TABLES, ...FACT_TABLES]) {
    const rows = await owner.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT * FROM ${table} WHERE tenant_id = $1::uuid`,
      tenantId,
    );
    out[table] = rows
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
  }
  return out;
}

async function dirtyFiles(tenantId: string): Promise<string[]> {
  const rows = await owner.reportDirtyFile.findMany({ where: { tenantId }, select: { fileId: true } });
  return rows.map((r) => r.fileId);
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'recouvra-reports-'));
  process.env.STORAGE_DIR = storageDir;
  slugA = uniqueSlug('rep-a');
  const password = 'x-password-1';
  ({ tenantId: tenantA } = await seedAgency(owner, {
    slug: slugA,
    name: 'Rapports A',
    seed: 31,
    files: 48,
    password,
    workload: true,
  }));
  ({ tenantId: tenantB } = await seedAgency(owner, {
    slug: uniqueSlug('rep-b'),
    name: 'Rapports B',
    seed: 32,
    files: 8,
    password,
  }));
  await seedCollections(owner, tenantA, { seed: 7 });
  [manager, agent, creditorUser, managerB] = await Promise.all([
    actorFor(owner, tenantA, 'MANAGER'),
    actorFor(owner, tenantA, 'AGENT'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'MANAGER'),
  ]);
  // The application role rebuilds, as the worker does: row-level security applies to every statement.
  await rebuildReports(tenantA);
  await rebuildReports(tenantB);
});

afterAll(async () => {
  await owner.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});

describe('summary tables', () => {
  it('a rebuild equals the direct computation from the raw tables, grain by grain', async () => {
    const placed = await owner.placementFact.aggregate({
      where: { tenantId: tenantA, grain: 0 },
      _sum: { placedCents: true, recoveredCents: true },
    });
    expect(Number(placed._sum.placedCents)).toBeGreaterThan(0);
    expect(Number(placed._sum.recoveredCents)).toBeGreaterThan(0);
    await expectSummariesEqualRaw(manager);
  });

  it('after imports, payments, reversals, closures and contacts, the incremental apply equals the raw computation and the nightly rebuild', async () => {
    const random = rng(20261125);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;

    // An import: four new debtors with two invoices each.
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantA }, orderBy: { code: 'asc' } });
    const lines = ['N° facture;Nom;Prénom;Adresse;Code postal;Ville;Date facture;Échéance;Montant TTC'];
    for (let i = 0; i < 8; i++) {
      const d = Math.floor(i / 2);
      const due = `${String(1 + Math.floor(random() * 27)).padStart(2, '0')}/0${1 + Math.floor(random() * 8)}/2026`;
      lines.push(
        `REP-${randomUUID().slice(0, 8)};Rapport${d};Jeanne;${d} rue Test;69002;Lyon;01/01/2026;${due};${100 + Math.floor(random() * 900)},${String(i * 7).padStart(2, '0')}`,
      );
    }
    const csv = path.join(storageDir, 'list.csv');
    await writeFile(csv, lines.join('\n') + '\n');
    const imported = await importFromCommand({ agency: slugA, creditor: creditor.code, path: csv });
    expect(imported.counts).toMatchObject({ claims: 8 });

    // Payments on open files, some of them reversed.
    const open = await owner.caseFile.findMany({
      where: { tenantId: tenantA, phase: { in: ['AMICABLE', 'INTAKE'] }, status: { notIn: ['SUSPENDED', 'DISPUTED'] } },
      orderBy: { reference: 'asc' },
    });
    const paid: string[] = [];
    for (let i = 0; i < 10; i++) {
      const file = pick(open);
      const fresh = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: file.id } });
      if (fresh.phase === 'CLOSED') continue;
      const placedOn = dayIn('Europe/Paris', fresh.placedAt);
      const result = await recordPayment({
        actor: agent,
        fileId: file.id,
        amount: 2_000 + Math.floor(random() * 30_000),
        method: 'TRANSFER',
        receivedOn: random() < 0.5 ? today : placedOn > '2026-06-01' ? placedOn : '2026-06-01',
        expectedVersion: fresh.version,
      });
      paid.push(result.paymentId);
    }
    expect(paid.length).toBeGreaterThan(5);
    for (const paymentId of paid.slice(0, 3)) {
      await reversePayment({ actor: manager, paymentId, reason: 'Virement rappelé par la banque' });
    }

    // Closures, reassignments and a broken promise, as other use-cases would write them.
    const closing = open.slice(0, 3).map((f) => f.id);
    await owner.caseFile.updateMany({
      where: { tenantId: tenantA, id: { in: closing } },
      data: { status: 'IRRECOVERABLE', phase: 'CLOSED', closedAt: new Date() },
    });
    const agent2 = await owner.membership.findFirstOrThrow({
      where: { tenantId: tenantA, role: 'AGENT', id: { not: agent.membershipId } },
    });
    await owner.caseFile.updateMany({
      where: { tenantId: tenantA, id: { in: open.slice(3, 8).map((f) => f.id) } },
      data: { assigneeId: agent2.id },
    });
    await owner.paymentPromise.updateMany({
      where: { tenantId: tenantA, status: 'PENDING', fileId: { in: open.map((f) => f.id) } },
      data: { status: 'BROKEN', resolvedAt: new Date() },
    });

    // Agents' contacts: e-mails logged, one reminder a day.
    for (const file of open.slice(10, 14)) {
      const fresh = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: file.id } });
      if (fresh.phase === 'CLOSED') continue;
      await logContact({
        actor: agent,
        input: { fileId: file.id, expectedVersion: fresh.version, channel: 'EMAIL', outcome: { type: 'NONE' } },
      });
    }

    // Scenario steps executed on a few files (issue 5's engine writes these rows).
    const scenarioId = randomUUID();
    const versionId = randomUUID();
    await owner.$executeRaw`INSERT INTO scenario (tenant_id, id, name) VALUES (${tenantA}::uuid, ${scenarioId}::uuid, 'Relance standard')`;
    await owner.$executeRaw`INSERT INTO scenario_version (tenant_id, id, scenario_id, version, published_at)
                            VALUES (${tenantA}::uuid, ${versionId}::uuid, ${scenarioId}::uuid, 1, now())`;
    for (const [i, file] of open.slice(14, 22).entries()) {
      for (const [step, channel] of (['SIMPLE_LETTER', 'SMS', 'REGISTERED_LETTER'] as const).entries()) {
        const status = i % 4 === 3 && step === 1 ? 'SKIPPED' : 'DONE';
        await owner.$executeRaw`
          INSERT INTO step_execution (tenant_id, file_id, scenario_version_id, step_index, channel, execution_key, status,
                                      executed_at)
          VALUES (${tenantA}::uuid, ${file.id}::uuid, ${versionId}::uuid, ${step}, ${channel}::"StepChannel",
                  ${`${tenantA}:${file.id}:${versionId}:${step}`}, ${status}::"StepOutcome",
                  ${new Date(Date.parse(`${dayIn('Europe/Paris', file.placedAt)}T09:00:00Z`) + (step * 20 + 5) * 86_400_000)})`;
      }
    }

    // Every change marked its file, in the same transaction.
    const marked = new Set(await dirtyFiles(tenantA));
    for (const id of [...closing, ...open.slice(3, 8).map((f) => f.id), ...open.slice(14, 22).map((f) => f.id)]) {
      expect(marked.has(id), id).toBe(true);
    }

    const applied = await applyDirtyFiles(tenantA, { batchSize: 7 });
    expect(applied.rebuilt).toBe(false);
    expect(applied.files).toBe(marked.size);
    expect(applied.batches).toBe(Math.ceil(marked.size / 7));
    expect(await dirtyFiles(tenantA)).toEqual([]);

    await expectSummariesEqualRaw(manager);
    const agentId = agent.membershipId;
    await expectDashboardsEqualRaw(manager, [
      {},
      { creditorId: creditor.id, by: 'portfolio' },
      { agentId, by: 'phase', grain: 'week' },
      { phase: 'AMICABLE', by: 'agent', grain: 'day', from: '2026-10-01', to: today },
      { ageBand: '0-90', creditorId: creditor.id, agentId, by: 'ageBand' },
      { status: 'IRRECOVERABLE', from: '2024-01', to: '2026-12' },
    ]);
    const scenarios = (await dashboard({ actor: manager, query: {} })).scenarios!;
    expect(scenarios).toHaveLength(1);
    expect(scenarios[0]).toMatchObject({ name: 'Relance standard', version: 1, files: 8 });
    // 8 files × (letter €1.50 + registered €7.50) + 6 SMS at €0.08.
    expect(scenarios[0]!.costCents).toBe(8 * (150 + 750) + 6 * 8);

    const incremental = await dumpSummaries(tenantA);
    await rebuildReports(tenantA);
    expect(await dumpSummaries(tenantA)).toEqual(incremental);
  });

  it('applying again changes nothing, and recomputing every file gives the same rows', async () => {
    const before = await dumpSummaries(tenantA);
    expect(await applyDirtyFiles(tenantA)).toEqual({ files: 0, batches: 0, rebuilt: false });
    await owner.$executeRaw`INSERT INTO report_dirty_file (tenant_id, file_id)
                            SELECT tenant_id, id FROM case_file WHERE tenant_id = ${tenantA}::uuid`;
    const again = await applyDirtyFiles(tenantA, { batchSize: 500 });
    expect(again.files).toBeGreaterThan(48);
    expect(await dumpSummaries(tenantA)).toEqual(before);
  });

  it('the reports sweep enqueues one apply for an agency with marked files; schedulers are registered', async () => {
    const connection = requestConnection();
    const prefix = queuePrefix();
    const producer = createProducer({ connection, prefix });
    try {
      const queue = producer.queue(QueueName.REPORTS);
      await queue.obliterate({ force: true });
      const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA } });
      await owner.reportDirtyFile.create({ data: { tenantId: tenantA, fileId: file.id } });
      const ctx = { job: {} as Job, redis: connection, prefix, queues: [QueueName.REPORTS] };
      // Other test files run beside this one and mark their own agencies' files: count only agency A.
      const swept = (await runReportsSweepJob({}, ctx)) as { agencies: number };
      expect(swept.agencies).toBeGreaterThanOrEqual(1);
      // A second sweep while the apply waits adds nothing (deduplicated per agency).
      await runReportsSweepJob({}, ctx);
      const waiting = await queue.getJobs(['waiting']);
      const forA = waiting.filter((j) => (j.data as { tenantId?: string }).tenantId === tenantA);
      expect(forA.map((j) => [j.name, j.data])).toEqual([['apply', { tenantId: tenantA }]]);
      await scheduleReports(producer);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(
        [REPORTS_REBUILD.schedulerId, REPORTS_SWEEP.schedulerId].sort(),
      );
      await expect(producer.enqueue(QueueName.REPORTS, 'apply', { tenantId: 'nope' })).rejects.toThrow(/tenantId/);
      await queue.obliterate({ force: true });
      await applyDirtyFiles(tenantA);
    } finally {
      await producer.close();
      connection.disconnect();
    }
  });
});

describe('who sees what', () => {
  it('a creditor user gets its own creditor’s figures, equal to the manager’s filtered view', async () => {
    const own = await portalDashboard({ actor: creditorUser, query: {} });
    const managerView = await dashboard({ actor: manager, query: { creditorId: creditorUser.creditorId! } });
    expect(own.totals).toEqual(managerView.totals);
    expect(own.months).toEqual(managerView.months);
    expect(own.aging).toEqual(managerView.aging);
    expect(own.agents).toBeNull();
    expect(own.scenarios).toBeNull();
    const all = await dashboard({ actor: manager, query: {} });
    expect(own.totals.placedCents).toBeLessThan(all.totals.placedCents);
    await expectDashboardsEqualRaw(creditorUser, [{}, { by: 'phase', phase: 'CLOSED' }]);
  });

  it('a creditor user cannot ask for another creditor, and row-level security hides everyone else’s rows', async () => {
    const other = await owner.creditor.findFirstOrThrow({
      where: { tenantId: tenantA, id: { not: creditorUser.creditorId! } },
    });
    const error = await refusal(portalDashboard({ actor: creditorUser, query: { creditorId: other.id } }));
    expect(error.code).toBe('INVALID');
    expect(error.fields).toEqual({ creditorId: M.unknownCreditor });
    expect((await refusal(dashboard({ actor: creditorUser, query: {} }))).code).toBe('NOT_FOUND');

    const client = await appRoleClient();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
        tenantA,
        creditorUser.creditorId,
      ]);
      const facts = await client.query('SELECT DISTINCT creditor_id FROM placement_fact');
      expect(facts.rows).toEqual([{ creditor_id: creditorUser.creditorId }]);
      expect((await client.query('SELECT count(*)::int AS n FROM agent_activity_daily')).rows).toEqual([{ n: 0 }]);
      expect((await client.query('SELECT count(*)::int AS n FROM report_dirty_file')).rows).toEqual([{ n: 0 }]);
      await client.query('ROLLBACK');
      // Another agency's context sees none of agency A's summaries.
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantB]);
      const leaked = await client.query('SELECT count(*)::int AS n FROM placement_fact WHERE tenant_id = $1', [
        tenantA,
      ]);
      expect(leaked.rows).toEqual([{ n: 0 }]);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('bad filters are refused with the field named', async () => {
    const creditorB = await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantB } });
    const unknown = await refusal(dashboard({ actor: manager, query: { creditorId: creditorB.id } }));
    expect([unknown.code, unknown.status, unknown.fields]).toEqual(['INVALID', 400, { creditorId: M.unknownCreditor }]);
    const inverted = await refusal(dashboard({ actor: manager, query: { from: '2026-05-01', to: '2026-02-01' } }));
    expect(inverted.fields).toEqual({ to: M.toBeforeFrom });
    const fifty = await refusal(dashboard({ actor: manager, query: { from: '1976-01-01', to: '2026-01-01' } }));
    expect(fifty.fields).toEqual({ to: M.rangeTooLong });
    expect(fifty.message).toContain('to:');
    const agentB = await refusal(dashboard({ actor: manager, query: { agentId: managerB.membershipId } }));
    expect(agentB.fields).toEqual({ agentId: M.unknownAgent });
    const typo = await refusal(dashboard({ actor: manager, query: { creditor: creditorB.id } }));
    expect(typo.code).toBe('INVALID');
    expect((await refusal(dashboard({ actor: agent, query: {} }))).code).toBe('NOT_FOUND');
  });
});

describe('targets', () => {
  it('a manager sets a target; the dashboard measures the agent against it', async () => {
    await setTarget({
      actor: manager,
      agentId: agent.membershipId,
      metric: 'COLLECTED',
      period: 'MONTH',
      target: '1000',
      validFrom: '2026-01-01',
    });
    const month = today.slice(0, 7);
    const d = await dashboard({
      actor: manager,
      query: { from: `${month}-01`, to: today, agentId: agent.membershipId },
    });
    const row = d.agents!.rows.find((r) => r.agentId === agent.membershipId)!;
    expect(row.targets.COLLECTED).toBeGreaterThan(0);
    expect(row.targets.COLLECTED).toBeLessThanOrEqual(100_000);
    expect(row.attainment.COLLECTED).toBe(row.totals.collectedCents / row.targets.COLLECTED!);
    const bad = await refusal(
      setTarget({
        actor: manager,
        agentId: managerB.membershipId,
        metric: 'CALLS',
        period: 'DAY',
        target: '5',
        validFrom: '2026-01-01',
      }),
    );
    expect(bad.fields).toEqual({ agentId: M.unknownAgent });
    expect(
      (
        await refusal(
          setTarget({
            actor: agent,
            agentId: agent.membershipId,
            metric: 'CALLS',
            period: 'DAY',
            target: '5',
            validFrom: '2026-01-01',
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('channel unit costs', () => {
  const euros = {
    SIMPLE_LETTER: '1,50',
    REGISTERED_LETTER: '7,50',
    FORMAL_NOTICE: '7,50',
    PRE_JUDICIAL_WARNING: '7,50',
    EMAIL: '0,01',
    SMS: '0,08',
    CALL_TASK: '3',
    VISIT_TASK: '40',
  };
  const scenarioRows = async () => (await dashboard({ actor: manager, query: {} })).scenarios!;

  it('a manager’s new unit costs reprice every step exactly, in the dashboard and its export', async () => {
    expect((await getChannelCosts({ actor: manager })).custom).toEqual([]);
    const before = (await scenarioRows())[0]!;
    // The defaults: 8 letters at €1.50, 6 SMS at €0.08 (two were skipped), 8 registered letters at €7.50.
    expect(before.steps.map((s) => [s.channel, s.executed, s.costCents])).toEqual([
      ['SIMPLE_LETTER', 8, 1_200],
      ['SMS', 6, 48],
      ['REGISTERED_LETTER', 8, 6_000],
    ]);

    const saved = await setChannelCosts({
      actor: manager,
      input: { ...euros, SIMPLE_LETTER: '2,10', SMS: '0.12', REGISTERED_LETTER: ' 8 ' },
    });
    expect(saved.costs).toMatchObject({ SIMPLE_LETTER: 210, SMS: 12, REGISTERED_LETTER: 800, EMAIL: 1 });
    const after = (await scenarioRows())[0]!;
    // 8 × €2.10 = €16.80; 6 × €0.12 = €0.72; 8 × €8.00 = €64.00; the version: €81.52.
    expect(after.steps.map((s) => [s.channel, s.unitCostCents, s.costCents])).toEqual([
      ['SIMPLE_LETTER', 210, 1_680],
      ['SMS', 12, 72],
      ['REGISTERED_LETTER', 800, 6_400],
    ]);
    expect(after.costCents).toBe(8_152);
    // What was recovered does not depend on the prices; cost per euro does.
    expect(after.steps.map((s) => s.recoveredCents)).toEqual(before.steps.map((s) => s.recoveredCents));
    for (const s of after.steps) {
      expect(s.costPer100).toBe(s.recoveredCents > 0 ? (s.costCents / (s.recoveredCents / 100)) * 100 : null);
    }

    // The export prices the same way.
    const labels = {
      locale: 'fr' as const,
      text: (k: string) => k,
      phase: (p: string) => p,
      status: (s: string) => s,
      channel: (c: string) => c,
    };
    const [sheet] = dashboardSheets(await dashboard({ actor: manager, query: {} }), labels, 'scenarios');
    const costColumn = sheet!.columns.findIndex((c) => c.header === 'cost');
    expect(sheet!.rows.map((r) => r[costColumn])).toEqual([8_152, 1_680, 72, 6_400]);

    // The summaries still equal the raw computation: both are priced by the same rule on reading.
    await expectDashboardsEqualRaw(manager, [{}]);
  });

  it('a bad amount refuses the whole form, naming the field, and changes nothing', async () => {
    const current = await getChannelCosts({ actor: manager });
    for (const [field, value] of [
      ['SIMPLE_LETTER', '1,505'],
      ['SMS', '-0,08'],
      ['VISIT_TASK', '10000,01'],
      ['EMAIL', ''],
      ['CALL_TASK', 'trois'],
    ] as const) {
      const error = await refusal(setChannelCosts({ actor: manager, input: { ...euros, [field]: value } }));
      expect([error.code, error.status, error.fields]).toEqual(['INVALID', 400, { [field]: M.unitCost }]);
    }
    const { VISIT_TASK: _omitted, ...missing } = euros;
    expect((await refusal(setChannelCosts({ actor: manager, input: missing }))).fields).toHaveProperty('VISIT_TASK');
    expect(await getChannelCosts({ actor: manager })).toEqual(current);
  });

  it('only managers and admins set them; creditors never see them; another agency keeps its own', async () => {
    expect((await refusal(setChannelCosts({ actor: agent, input: euros }))).code).toBe('NOT_FOUND');
    expect((await refusal(getChannelCosts({ actor: creditorUser }))).code).toBe('NOT_FOUND');
    expect((await getChannelCosts({ actor: managerB })).costs.SIMPLE_LETTER).toBe(150);
    const client = await appRoleClient();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
        tenantA,
        creditorUser.creditorId,
      ]);
      expect((await client.query('SELECT count(*)::int AS n FROM channel_cost')).rows).toEqual([{ n: 0 }]);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});

describe('scenario versions compared over 90 days', () => {
  it('counts only files whose first step is 90 days old, and only what they paid within those 90 days', async () => {
    const daysAgo = (n: number) => addDays(today, -n);
    const scenarioId = randomUUID();
    const versionId = randomUUID();
    await owner.$executeRaw`INSERT INTO scenario (tenant_id, id, name) VALUES (${tenantA}::uuid, ${scenarioId}::uuid, 'Comparaison 90 jours')`;
    await owner.$executeRaw`INSERT INTO scenario_version (tenant_id, id, scenario_id, version, published_at)
                            VALUES (${tenantA}::uuid, ${versionId}::uuid, ${scenarioId}::uuid, 1, now())`;
    const [older, newer] = await owner.$queryRaw<{ id: string; principal_cents: bigint; version: number }[]>`
      SELECT f.id, f.principal_cents, f.version FROM case_file f
       WHERE f.tenant_id = ${tenantA}::uuid AND f.status = 'IN_PROGRESS' AND f.placed_at < now() - interval '130 days'
         AND NOT EXISTS (SELECT 1 FROM step_execution s WHERE s.tenant_id = f.tenant_id AND s.file_id = f.id)
         AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.tenant_id = f.tenant_id AND p.file_id = f.id)
       ORDER BY f.reference LIMIT 2`;
    expect(newer).toBeDefined();
    // The older file's first step was 120 days ago (mature), the newer one's 30 days ago (not yet).
    for (const [file, first] of [
      [older!, 120],
      [newer!, 30],
    ] as const) {
      await owner.$executeRaw`
        INSERT INTO step_execution (tenant_id, file_id, scenario_version_id, step_index, channel, execution_key, status,
                                    executed_at)
        VALUES (${tenantA}::uuid, ${file.id}::uuid, ${versionId}::uuid, 0, 'SIMPLE_LETTER', ${`${file.id}:90d`}, 'DONE',
                ${new Date(`${daysAgo(first)}T10:00:00Z`)})`;
    }
    const pay = async (fileId: string, receivedOn: string) => {
      const { version } = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: fileId } });
      const { paymentId } = await recordPayment({
        actor: agent,
        fileId,
        amount: 20_000,
        method: 'TRANSFER',
        receivedOn,
        expectedVersion: version,
      });
      const [row] = await owner.$queryRaw<{ cents: bigint | null }[]>`
        SELECT sum(amount_cents) AS cents FROM allocation
         WHERE tenant_id = ${tenantA}::uuid AND payment_id = ${paymentId}::uuid AND part = 'PRINCIPAL'`;
      return Number(row!.cents ?? 0);
    };
    const withinOlder = await pay(older!.id, daysAgo(100)); // 20 days after its first step
    const afterOlder = await pay(older!.id, daysAgo(20)); // 100 days after: past the horizon
    const withinNewer = await pay(newer!.id, daysAgo(10)); // inside its 90 days, but they are not over
    expect(Math.min(withinOlder, afterOlder, withinNewer)).toBeGreaterThan(0);
    await applyDirtyFiles(tenantA);

    const version = (await dashboard({ actor: manager, query: {} })).scenarios!.find((v) => v.versionId === versionId)!;
    expect(version).toMatchObject({
      files: 2,
      placedCents: Number(older!.principal_cents) + Number(newer!.principal_cents),
      recoveredCents: withinOlder + afterOlder + withinNewer,
      matureFiles: 1,
      maturePlacedCents: Number(older!.principal_cents),
      matureRecoveredCents: withinOlder,
    });
    expect(version.matureRate).toBe(withinOlder / Number(older!.principal_cents));
    await expectSummariesEqualRaw(manager);
  });
});
